package io.gridloop.casefile;

import io.gridloop.ui.Translations;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * What the citizen reads of their case's timeline on /track: each step that concerns them, named in plain words with
 * what it means for them (受理, 派遣到 …, 处置完成, 已结案). Officials' names, comments, photos and the officials' own
 * bookkeeping (warnings, reminders, supervision orders, approvals asked and given) stay out. The words are the bundles'
 * {@code track.<STEP>.<ACTION>[.<DECISION>].title/.text}; a step without them is not shown to the citizen.
 */
@Component
public class CitizenProgress {

    /** One line of the citizen's progress: when, what happened, what it means for them. */
    public record Line(java.time.OffsetDateTime at, String title, String meaning) {}

    private final CaseLabels labels;

    public CitizenProgress(CaseLabels labels) {
        this.labels = labels;
    }

    public List<Line> of(List<TimelineEntry> timeline, Locale l) {
        List<Line> out = new ArrayList<>();
        for (TimelineEntry e : timeline) {
            String base = "track." + e.step() + "." + e.action();
            String key = e.decision() != null && found(base + "." + e.decision() + ".title", l) ? base + "." + e.decision() : base;
            if (!found(key + ".title", l)) {
                continue;
            }
            // the one code a citizen may read by name: the department the case went to (a dispatch's decision)
            String department = "DISPATCH".equals(e.step()) && e.decision() != null ? labels.department(e.decision(), l) : "";
            out.add(new Line(e.at(), Translations.translate(key + ".title", l, department),
                    Translations.translate(key + ".text", l, department)));
        }
        return out;
    }

    private static boolean found(String key, Locale l) {
        return !Translations.translate(key, l).startsWith("!");
    }
}
