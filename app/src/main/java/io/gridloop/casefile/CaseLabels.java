package io.gridloop.casefile;

import io.gridloop.grid.Labels;
import io.gridloop.grid.ReferenceData;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Names for the codes a case carries (grid, street, department, category), in the official's language. */
@Component
public class CaseLabels {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final ReferenceData reference;
    private final ZoneId zone;

    private final org.camunda.bpm.engine.IdentityService identity;

    public CaseLabels(ReferenceData reference, java.time.Clock clock, org.camunda.bpm.engine.IdentityService identity) {
        this.reference = reference;
        this.zone = clock.getZone();
        this.identity = identity;
    }

    /** An official by name (the engine user's last and first name, 王伟), the login id only when no name is known. */
    public String person(String userId) {
        return userId == null ? "" : io.gridloop.security.EngineAuthenticationProvider.displayName(identity, userId);
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

    public String departments(String codes, Locale l) {
        return CaseFileService.codes(codes).stream().map(c -> department(c, l)).collect(Collectors.joining("、"));
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
