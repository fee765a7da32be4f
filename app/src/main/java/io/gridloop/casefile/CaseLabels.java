package io.gridloop.casefile;

import io.gridloop.grid.Labels;
import io.gridloop.grid.ReferenceData;
import io.gridloop.security.Roles;
import io.gridloop.ui.Translations;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Names for the codes a case carries (grid, street, department, category, officials, groups, time limits, decisions),
 * in the official's language: every view and the timeline render stored values through here, so no raw code reaches
 * an official.
 */
@Component
public class CaseLabels {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    /** An ISO-8601 time limit as the engine and the timeLimits table write it (P3D, PT4H, P3DT4H). */
    private static final Pattern ISO_DURATION = Pattern.compile("^P(?:(\\d+)D)?(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+)S)?)?$");
    /** Codes the engine's delegates write into free text: lists, time limits, group ids. */
    private static final Pattern TOKEN = Pattern.compile(
            "\\[[^\\[\\]\\n]*]|\\bP(?:\\d+D)?(?:T(?:\\d+H)?(?:\\d+M)?(?:\\d+S)?)?\\b|\\b(?:dept|supervisor|street)-[A-Za-z0-9_]+\\b|\\bsupervisor\\b");
    public static final String SYSTEM = "system";

    private final ReferenceData reference;
    private final ZoneId zone;
    private final ObjectProvider<IdentityService> identity;
    /** Display names by user id: the timeline names the same few officials again and again (a rename shows after a restart). */
    private final Map<String, String> names = new ConcurrentHashMap<>();

    public CaseLabels(ReferenceData reference, java.time.Clock clock, ObjectProvider<IdentityService> identity) {
        this.reference = reference;
        this.zone = clock.getZone();
        this.identity = identity;
    }

    /** An official's name ("王伟") for a login id ("wangwei"); the system for the engine; the id when nobody has it. */
    public String person(String userId, Locale l) {
        if (userId == null || userId.isBlank()) {
            return "";
        }
        if (SYSTEM.equals(userId)) {
            return Translations.translate("official.system", l);
        }
        if ("citizen".equals(userId)) {
            // the citizens' own pages (随手拍): a citizen, never an official's account
            return Translations.translate("official.citizen", l);
        }
        String known = names.get(userId);
        if (known != null) {
            return known;
        }
        IdentityService ids = identity.getIfAvailable();
        User u = ids == null ? null : ids.createUserQuery().userId(userId).singleResult();
        if (u == null) {
            // not an official (a word an official typed, a deleted account): shown as it is, and not remembered
            return userId;
        }
        String name = ((u.getLastName() == null ? "" : u.getLastName()) + (u.getFirstName() == null ? "" : u.getFirstName())).trim();
        names.put(userId, name.isEmpty() ? userId : name);
        return names.get(userId);
    }

    /** A candidate or recipient group as officials call it: a department, a street's supervisors, a role. */
    public String group(String group, Locale l) {
        if (group == null || group.isBlank()) {
            return "";
        }
        var department = reference.departmentOfGroup(group);
        if (department.isPresent()) {
            return department(department.get().code(), l);
        }
        if (group.startsWith(Roles.STREET_SUPERVISOR_PREFIX)) {
            return Translations.translate("group.supervisorOf", l, street(group.substring(Roles.STREET_SUPERVISOR_PREFIX.length()), l));
        }
        if (group.equals(Roles.SUPERVISOR)) {
            return Translations.translate("group.supervisor", l);
        }
        if (group.startsWith(Roles.STREET_GROUP_PREFIX)) {
            return street(group.substring(Roles.STREET_GROUP_PREFIX.length()), l);
        }
        String role = Translations.translate("role." + group, l);
        return role.startsWith("!") ? group : role;
    }

    /** "3 个工作日 4 小时" for P3DT4H; null when the text is no time limit. */
    public String duration(String iso, Locale l) {
        Matcher m = iso == null ? null : ISO_DURATION.matcher(iso.trim());
        if (m == null || !m.matches() || iso.trim().equals("P") || iso.trim().endsWith("T")) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        if (m.group(1) != null && Long.parseLong(m.group(1)) > 0) {
            parts.add(Translations.translate("value.days", l, Long.parseLong(m.group(1))));
        }
        if (m.group(2) != null && Long.parseLong(m.group(2)) > 0) {
            parts.add(Translations.translate("value.hours", l, Long.parseLong(m.group(2))));
        }
        if (m.group(3) != null && Long.parseLong(m.group(3)) > 0) {
            parts.add(Translations.translate("value.minutes", l, Long.parseLong(m.group(3))));
        }
        return parts.isEmpty() ? Translations.translate("value.zero", l) : String.join(" ", parts);
    }

    /**
     * A stored value as an official reads it: a list of codes by their names ("[]" is "无"), a time limit in working
     * days and hours, yes/no, a decision, a department, a group or an official by name; other text as it is.
     */
    public String value(String raw, Locale l) {
        if (raw == null) {
            return "";
        }
        String v = raw.strip();
        if (v.startsWith("[") && v.endsWith("]")) {
            String inner = v.substring(1, v.length() - 1).strip();
            if (inner.isEmpty()) {
                return Translations.translate("value.none", l);
            }
            return Arrays.stream(inner.split("\\s*,\\s*")).map(x -> value(x, l)).collect(Collectors.joining("、"));
        }
        if (v.equals("true") || v.equals("false")) {
            return Translations.translate(v.equals("true") ? "value.yes" : "value.no", l);
        }
        String d = duration(v, l);
        if (d != null) {
            return d;
        }
        if (v.matches("[A-Z][A-Z0-9_]*")) {
            String decision = Translations.translate("decision." + v, l);
            if (!decision.startsWith("!")) {
                return decision;
            }
        }
        if (reference.department(v).isPresent()) {
            return department(v, l);
        }
        if (v.matches("(?:dept|supervisor|street)-[A-Za-z0-9_]+|supervisor")) {
            return group(v, l);
        }
        if (v.matches("[a-z][a-z0-9_]*")) {
            return person(v, l);
        }
        return v;
    }

    /** Free text the engine's delegates wrote (a supervision order's line, a new limit): codes in it by name. */
    public String text(String raw, Locale l) {
        if (raw == null) {
            return "";
        }
        Matcher m = TOKEN.matcher(raw);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, Matcher.quoteReplacement(value(m.group(), l)));
        }
        m.appendTail(b);
        return b.toString();
    }

    /**
     * A timeline entry's "key: value" lines (a form's other fields), each named by the field's label in the reader's
     * language ({@code form.<key>.label}) and each value in plain words ({@code form.<key>.option.<value>} first).
     * Lines written before the forms had one language ("label: value") show as they were stored.
     */
    public String details(String details, Locale l) {
        if (details == null) {
            return "";
        }
        return details.lines().map(line -> {
            int colon = line.indexOf(": ");
            if (colon < 0) {
                String alone = value(line, l);
                return alone.equals(line.strip()) ? text(line, l) : alone;
            }
            String key = line.substring(0, colon);
            String raw = line.substring(colon + 2);
            String label = Translations.translate(io.gridloop.forms.FormTexts.labelKey(key), l);
            String option = Translations.translate(io.gridloop.forms.FormTexts.optionKey(key, raw.strip()), l);
            return (label.startsWith("!") ? key : label) + ": " + (option.startsWith("!") ? value(raw, l) : option);
        }).collect(Collectors.joining("\n"));
    }

    /** "立案 · 办理", but "上报" once where the step and what was done are the same word. */
    public String stepAndAction(String step, String action, Locale l) {
        String s = Translations.translate("step." + step, l);
        s = s.startsWith("!") ? value(step, l) : s;
        String a = action == null ? "" : Translations.translate("action." + action, l);
        a = a.startsWith("!") ? value(action, l) : a;
        return a.isEmpty() || a.equals(s) ? s : s + " · " + a;
    }

    /** A decision as officials read it: its label, a department's name, a time limit, or the value itself. */
    public String decision(String value, Locale l) {
        return value(value, l);
    }

    /** The line over a timeline entry: when, who, which step, what was done, the decision (each word once). */
    public String timelineMeta(TimelineEntry e, Locale l) {
        String stepAction = stepAndAction(e.step(), e.action(), l);
        String decision = e.decision() == null ? "" : decision(e.decision(), l);
        return time(e.at()) + " · " + person(e.actor(), l) + " · " + stepAction
                + (decision.isEmpty() || stepAction.endsWith(decision) ? "" : " · " + decision);
    }

    public String grid(String code, Locale l) {
        return reference.grid(code).map(g -> Labels.pick(l, g.name(), g.nameEn())).orElse(code == null ? "" : code);
    }

    public String street(String code, Locale l) {
        return reference.street(code).map(s -> Labels.pick(l, s.name(), s.nameEn())).orElse(code == null ? "" : code);
    }

    public String department(String code, Locale l) {
        return reference.department(code).map(d -> Labels.pick(l, d.name(), d.nameEn())).orElse(code == null ? "" : code);
    }

    public String departments(java.util.List<String> codes, Locale l) {
        return codes.stream().map(c -> department(c, l)).collect(Collectors.joining("、"));
    }

    public String category(String code, Locale l) {
        return reference.category(code).or(() -> reference.subcategory(code)).map(c -> Labels.pick(l, c.name(), c.nameEn()))
                .orElse(code == null ? "" : code);
    }

    /** "大类 / 小类" of a case. */
    public String categoryPath(String categoryCode, String subcategoryCode, Locale l) {
        return category(categoryCode, l) + " / " + category(subcategoryCode, l);
    }

    public String time(OffsetDateTime t) {
        return t == null ? "" : t.atZoneSameInstant(zone).format(TIME);
    }
}
