package io.gridloop.citizen;

import io.gridloop.casefile.CaseRecord;
import io.gridloop.casefile.Channel;
import io.gridloop.casefile.Urgency;
import io.gridloop.grid.Category;
import io.gridloop.grid.Community;
import io.gridloop.grid.GridCell;
import io.gridloop.grid.ReferenceData;
import io.gridloop.intake.Report;
import io.gridloop.intake.ReportRefusedException;
import io.gridloop.intake.ReportService;
import io.gridloop.system.FieldsInvalidException.Problem;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Citizens' own reports (随手拍) from the public pages, without sign-in: the limits per client and contact and the
 * human check first, then the page's own rules (photos up to {@code gridloop.citizen.max-photos}, a phone that looks
 * like one, plain text), then intake's {@link ReportService#reportFromPublicJoiningOpenCase}, which makes it a citizen
 * report (on-site verification first) in one transaction, or, near an open case of the same kind, joins that case as one
 * of its reporters, the same rule as at Open311. A refused report stores nothing and uses no case number.
 */
@Service
public class CitizenReports {

    /** The reporter on the timeline: the public page, never a person's account. */
    public static final String DOOR = "citizen";
    private static final Pattern PHONE = Pattern.compile("^[0-9+()\\- ]{5,30}$");
    /** Control characters other than line breaks and tabs: nothing a person types. */
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\r\\n\\t]]");
    /** A tag or a script link: free text is plain text, as at Open311, not stored for someone's browser. */
    private static final Pattern MARKUP = Pattern.compile("<\\s*[a-zA-Z/!?]|javascript:", Pattern.CASE_INSENSITIVE);

    private final ReportService reports;
    private final ReferenceData reference;
    private final CitizenLimits limits;
    private final HumanCheck check;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final int maxPhotos;

    public CitizenReports(ReportService reports, ReferenceData reference, CitizenLimits limits, HumanCheck check, JdbcClient jdbc,
                          Clock clock, CitizenSettings settings) {
        this.reports = reports;
        this.reference = reference;
        this.limits = limits;
        this.check = check;
        this.jdbc = jdbc;
        this.clock = clock;
        this.maxPhotos = Math.min(settings.maxPhotos(), ReportService.MAX_PHOTOS);
    }

    public int maxPhotos() {
        return maxPhotos;
    }

    public long maxPhotoBytes() {
        return reports.maxPhotoBytes();
    }

    public HumanCheck.Challenge challenge() {
        return check.issue();
    }

    /**
     * Every subcategory, the most reported of the last 90 days first (then in the catalogue's order), so that the
     * common problems are at the top of the list before anyone types.
     */
    @Transactional(readOnly = true)
    public List<Category> subcategories() {
        Map<String, Long> counts = new HashMap<>();
        jdbc.sql("select subcategory_code, count(*) from gl_case where reported_at >= :since group by subcategory_code")
                .param("since", OffsetDateTime.now(clock).minusDays(90))
                .query((rs, n) -> counts.put(rs.getString(1), rs.getLong(2))).list();
        List<Category> all = new ArrayList<>();
        reference.categories().forEach(c -> all.addAll(c.subcategories()));
        List<Category> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparingLong((Category s) -> -counts.getOrDefault(s.code(), 0L)).thenComparingInt(all::indexOf));
        return sorted;
    }

    public List<Community> communities() {
        return reference.communities().stream().sorted(Comparator.comparing(Community::code)).toList();
    }

    /**
     * The receipt the citizen keeps: the report's case number and tracking code, and the open case of the same kind nearby
     * that the report joined ({@code alreadyHandled}, its case number), when the problem is already being handled.
     */
    public record Receipt(String caseNumber, String trackingCode, Optional<String> alreadyHandled) {}

    /**
     * Takes the report from {@code client} (the address the request came from, the proxy's forwarded one behind it):
     * limits, human check, then intake's checks; a refusal is a {@link CitizenRefusedException} or intake's
     * {@link ReportRefusedException} with each field's message.
     */
    @Transactional
    public Receipt submit(CitizenReport r, String client) {
        String phone = blankToNull(r.phone());
        String email = blankToNull(r.email());
        limits.take(client, phone, email);
        check.verify(r.checkToken(), r.checkAnswer());

        List<Problem> problems = new ArrayList<>();
        Optional<GridCell> named = Optional.empty();
        boolean point = r.longitude() != null || r.latitude() != null;
        if (!point) {
            // an address in words: the community it is in names the grid whose worker finds it on site (the community's
            // first grid); GridLoop asks no outside service to turn words into a point
            if (blankToNull(r.address()) == null || blankToNull(r.communityCode()) == null) {
                problems.add(new Problem("location", "error.citizen.placeNeeded"));
            } else {
                named = reference.community(r.communityCode().strip()).flatMap(this::firstGrid);
                if (named.isEmpty()) {
                    problems.add(new Problem("location", "error.citizen.communityUnknown"));
                }
            }
        }
        if (phone != null && !PHONE.matcher(phone).matches()) {
            problems.add(new Problem("reporterPhone", "error.citizen.phoneInvalid"));
        }
        List<Report.Photo> photos = r.photos() == null ? List.of() : r.photos();
        if (photos.size() > maxPhotos) {
            problems.add(new Problem("photos", "error.report.tooManyPhotos", maxPhotos));
        }
        plain(problems, "description", r.description());
        plain(problems, "address", r.address());
        plain(problems, "reporterName", r.name());
        if (!problems.isEmpty()) {
            throw new ReportRefusedException(problems);
        }
        Report report = new Report(Channel.CITIZEN, Urgency.NORMAL, null, blankToNull(r.subcategoryCode()),
                named.map(GridCell::code).orElse(null), r.longitude(), r.latitude(), r.address(), r.description(), r.name(), phone,
                email, false, photos);
        ReportService.PublicReport outcome = reports.reportFromPublicJoiningOpenCase(report, DOOR);
        CaseRecord c = outcome.report();
        return new Receipt(c.caseNumber(), c.trackingCode(), outcome.alreadyHandled().map(CaseRecord::caseNumber));
    }

    private Optional<GridCell> firstGrid(Community community) {
        return reference.grids().stream().filter(g -> community.code().equals(g.communityCode()))
                .min(Comparator.comparing(GridCell::code));
    }

    private static void plain(List<Problem> problems, String field, String value) {
        if (value != null && (CONTROL.matcher(value).find() || MARKUP.matcher(value).find())) {
            problems.add(new Problem(field, "error.citizen.plainText"));
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
