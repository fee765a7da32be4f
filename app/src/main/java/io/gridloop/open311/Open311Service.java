package io.gridloop.open311;

import io.gridloop.casefile.CaseRecord;
import io.gridloop.casefile.CaseStatus;
import io.gridloop.casefile.Channel;
import io.gridloop.casefile.Urgency;
import io.gridloop.grid.Category;
import io.gridloop.grid.Labels;
import io.gridloop.grid.ReferenceData;
import io.gridloop.intake.Report;
import io.gridloop.intake.ReportService;
import io.gridloop.ui.Translations;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * GridLoop in Open311 GeoReport v2's terms: subcategories are services, a case is a service request (its number the
 * service_request_id), the loop's steps become open/closed with plain status notes. Reports go through intake's
 * ReportService like every other door; what is Open311's own (its parameters, their bounds) is checked here first.
 *
 * <p>Privacy: answers carry no reporter's contact, no official's name and no photo ({@code media_url} is never given:
 * case numbers follow each other, so a URL keyed by them would open every reporter's photos to anyone counting;
 * {@code /track} shows no photos either).
 */
@Service
public class Open311Service {

    public static final int MAX_DESCRIPTION = ReportService.MAX_DESCRIPTION;
    public static final int MAX_RESULTS = 1000;
    /** The reporter's name as the case file holds it. */
    public static final int MAX_NAME = ReportService.MAX_REPORTER_NAME;
    public static final Duration MAX_SPAN = Duration.ofDays(90);
    /** Ids in one service_request_id list. */
    public static final int MAX_IDS = 200;
    /** A tag or a comment opening: free text is plain text, markup is refused rather than stored for someone's browser. */
    private static final Pattern MARKUP = Pattern.compile("<\\s*[a-zA-Z/!?]|javascript:", Pattern.CASE_INSENSITIVE);
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\r\\n\\t]]");
    private static final Pattern PHONE = Pattern.compile("^[0-9+()\\- ]{3,30}$");
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private final ReferenceData reference;
    private final ReportService reports;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final ZoneId zone;

    public Open311Service(ReferenceData reference, ReportService reports, JdbcClient jdbc, Clock clock) {
        this.reference = reference;
        this.reports = reports;
        this.jdbc = jdbc;
        this.clock = clock;
        this.zone = clock.getZone();
    }

    // ---- services

    public List<Map<String, Object>> services(Locale l) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Category c : reference.categories()) {
            for (Category s : c.subcategories()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("service_code", s.code());
                m.put("service_name", Labels.pick(l, s.name(), s.nameEn()));
                m.put("description", Labels.pick(l, c.name(), c.nameEn()) + " / " + Labels.pick(l, s.name(), s.nameEn()));
                // no extra questions per subcategory: the definition exists but lists no attributes
                m.put("metadata", false);
                m.put("type", "realtime");
                m.put("keywords", String.join(",", s.name(), s.nameEn(), c.name(), c.nameEn()));
                m.put("group", Labels.pick(l, c.name(), c.nameEn()));
                out.add(m);
            }
        }
        return out;
    }

    public Map<String, Object> definition(String serviceCode) {
        Category s = service(serviceCode, 404);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("service_code", s.code());
        m.put("attributes", List.of());
        return m;
    }

    private Category service(String code, int statusWhenUnknown) {
        return reference.subcategory(code == null ? null : code.strip())
                .orElseThrow(() -> new Open311Exception(statusWhenUnknown, "error.open311.serviceUnknown", String.valueOf(code)));
    }

    // ---- POST requests

    /** A service request as the client sent it (form parameters, unparsed). */
    public record Submission(String serviceCode, String lat, String lon, String addressString, String addressId,
                             String description, String email, String phone, String firstName, String lastName,
                             String mediaUrl) {}

    /** Checks the request, reports it through intake as a citizen report and answers the new case's request item. */
    public Map<String, Object> submit(Submission s, ApiKey client, String trackBaseUrl, Locale l) {
        Category service = service(s.serviceCode(), 400);
        Double lat = coordinate("lat", s.lat(), 90);
        Double lon = coordinate("long", s.lon(), 180);
        if (lat == null || lon == null) {
            // GridLoop places a case in its grid by the point; an address in words names no grid
            throw new Open311Exception(400, "error.open311.locationNeeded");
        }
        String description = text("description", s.description(), MAX_DESCRIPTION);
        String address = text("address_string", s.addressString(), ReportService.MAX_ADDRESS);
        String first = text("first_name", s.firstName(), 50);
        String last = text("last_name", s.lastName(), 50);
        String email = text("email", s.email(), ReportService.MAX_REPORTER_EMAIL);
        String phone = text("phone", s.phone(), ReportService.MAX_REPORTER_PHONE);
        if (phone != null && !PHONE.matcher(phone).matches()) {
            throw new Open311Exception(400, "error.open311.phone");
        }
        String name = name(first, last);
        if (name != null && name.length() > MAX_NAME) {
            throw new Open311Exception(400, "error.open311.tooLong", "first_name + last_name", MAX_NAME);
        }

        // an Open311 report is a citizen's: on-site verification comes first
        Report report = new Report(Channel.CITIZEN, Urgency.NORMAL, service.parentCode(), service.code(), null, lon, lat,
                address, description, name, phone, email, false, List.of());
        ReportService.PublicReport outcome = reports.reportFromPublicJoiningOpenCase(report, reportedBy(client));
        CaseRecord c = outcome.report();

        Map<String, Object> m = new LinkedHashMap<>();
        // near an open case of the same kind: already being handled; the client follows that case (the report joined it)
        String notice = outcome.alreadyHandled()
                .map(open -> Translations.translate("open311.notice.alreadyHandled", l, open.caseNumber(), c.trackingCode(),
                        trackBaseUrl + "/track/" + c.trackingCode()))
                .orElseGet(() -> Translations.translate("open311.notice", l, c.caseNumber(), c.trackingCode(),
                        trackBaseUrl + "/track/" + c.trackingCode()));
        m.put("service_request_id", outcome.alreadyHandled().map(CaseRecord::caseNumber).orElse(c.caseNumber()));
        if (s.mediaUrl() != null && !s.mediaUrl().isBlank()) {
            notice += " " + Translations.translate("open311.notice.mediaIgnored", l);
        }
        m.put("service_notice", notice);
        m.put("account_id", null);
        return m;
    }

    /** The case's reporter as the timeline shows it: the client system, never a person's account. */
    static String reportedBy(ApiKey client) {
        return "open311-" + client.id();
    }

    private static Double coordinate(String field, String value, double bound) {
        if (value == null || value.isBlank()) {
            return null;
        }
        double d;
        try {
            d = Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw new Open311Exception(400, "error.open311.coordinate", field);
        }
        if (!Double.isFinite(d) || Math.abs(d) > bound) {
            throw new Open311Exception(400, "error.open311.coordinate", field);
        }
        return d;
    }

    private static String text(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.length() > max) {
            throw new Open311Exception(400, "error.open311.tooLong", field, max);
        }
        if (MARKUP.matcher(v).find() || CONTROL.matcher(v).find()) {
            throw new Open311Exception(400, "error.open311.markup", field);
        }
        return v;
    }

    /** 张 + 三 → 张三; John + Smith → John Smith. */
    private static String name(String first, String last) {
        if (first == null || last == null) {
            return first == null ? last : first;
        }
        boolean han = (first + last).codePoints().allMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
        return han ? last + first : first + " " + last;
    }

    // ---- GET requests

    /** The standard filters, unparsed; with ids given the others are ignored, as the standard says. */
    public record Filter(String ids, String serviceCodes, String startDate, String endDate, String status) {}

    public List<Map<String, Object>> requests(Filter f, Locale l) {
        Map<String, Object> p = new HashMap<>();
        StringBuilder where = new StringBuilder(" where 1 = 1");
        if (f.ids() != null && !f.ids().isBlank()) {
            List<String> ids = list(f.ids());
            if (ids.size() > MAX_IDS) {
                throw new Open311Exception(400, "error.open311.tooManyIds", MAX_IDS);
            }
            where.append(" and case_number in (:ids)");
            p.put("ids", ids.isEmpty() ? List.of("") : ids);
        } else {
            OffsetDateTime end = date("end_date", f.endDate());
            OffsetDateTime start = date("start_date", f.startDate());
            if (end == null) {
                end = start == null ? OffsetDateTime.now(clock) : start.plus(MAX_SPAN);
            }
            if (start == null) {
                start = end.minus(MAX_SPAN);
            }
            if (start.isAfter(end) || Duration.between(start, end).compareTo(MAX_SPAN) > 0) {
                throw new Open311Exception(400, "error.open311.dateRange", MAX_SPAN.toDays());
            }
            where.append(" and reported_at >= :start and reported_at <= :end");
            p.put("start", start);
            p.put("end", end);
            if (f.serviceCodes() != null && !f.serviceCodes().isBlank()) {
                List<String> codes = list(f.serviceCodes());
                codes.forEach(c -> service(c, 400));
                where.append(" and subcategory_code in (:codes)");
                p.put("codes", codes);
            }
            if (f.status() != null && !f.status().isBlank()) {
                Set<String> wanted = Set.copyOf(list(f.status().toLowerCase(Locale.ROOT)));
                if (!Set.of("open", "closed").containsAll(wanted)) {
                    throw new Open311Exception(400, "error.open311.status", f.status());
                }
                if (wanted.size() == 1) {
                    List<String> closed = Arrays.stream(CaseStatus.values()).filter(CaseStatus::isClosed).map(Enum::name).toList();
                    where.append(wanted.contains("closed") ? " and status in (:closed)" : " and status not in (:closed)");
                    p.put("closed", closed);
                }
            }
        }
        var spec = jdbc.sql("select case_number, status, subcategory_code, description, address, longitude, latitude, "
                + "department_code, merged_into, reported_at, updated_at from gl_case" + where
                + " order by reported_at desc, id desc limit " + MAX_RESULTS);
        p.forEach(spec::param);
        return spec.query((rs, n) -> item(rs, l)).list();
    }

    public Map<String, Object> request(String id, Locale l) {
        List<Map<String, Object>> found = id == null || id.isBlank() || id.length() > 40 ? List.of()
                : requests(new Filter(id.strip(), null, null, null, null), l);
        if (found.size() != 1) {
            throw new Open311Exception(404, "error.open311.requestUnknown", String.valueOf(id));
        }
        return found.get(0);
    }

    private Map<String, Object> item(ResultSet rs, Locale l) throws SQLException {
        CaseStatus status = CaseStatus.valueOf(rs.getString("status"));
        String subcategory = rs.getString("subcategory_code");
        String department = rs.getString("department_code");
        String agency = department == null ? null
                : reference.department(department).map(d -> Labels.pick(l, d.name(), d.nameEn())).orElse(null);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("service_request_id", rs.getString("case_number"));
        m.put("status", status.isClosed() ? "closed" : "open");
        m.put("status_notes", statusNotes(status, agency, rs.getString("merged_into"), l));
        m.put("service_name", reference.subcategory(subcategory).map(s -> Labels.pick(l, s.name(), s.nameEn())).orElse(subcategory));
        m.put("service_code", subcategory);
        m.put("description", rs.getString("description"));
        m.put("agency_responsible", agency);
        m.put("service_notice", null);
        m.put("requested_datetime", time(rs.getObject("reported_at", OffsetDateTime.class)));
        m.put("updated_datetime", time(rs.getObject("updated_at", OffsetDateTime.class)));
        m.put("expected_datetime", null);
        m.put("address", rs.getString("address"));
        m.put("address_id", null);
        m.put("zipcode", null);
        m.put("lat", rs.getObject("latitude", Double.class));
        m.put("long", rs.getObject("longitude", Double.class));
        return m;
    }

    /** Where the case stands, in plain words for the public: no official's name, no internal comment. */
    static String statusNotes(CaseStatus status, String agency, String mergedInto, Locale l) {
        return switch (status) {
            case HANDLING, APPROVING -> agency == null ? Translations.translate("open311.status.HANDLING_NO_AGENCY", l)
                    : Translations.translate("open311.status.HANDLING", l, agency);
            case MERGED -> Translations.translate("open311.status.MERGED", l, String.valueOf(mergedInto));
            default -> Translations.translate("open311.status." + status.name(), l);
        };
    }

    private String time(OffsetDateTime t) {
        return t == null ? null : t.atZoneSameInstant(zone).toOffsetDateTime().format(ISO);
    }

    private OffsetDateTime date(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        // a '+' left unencoded in a query string arrives as a space
        String v = value.strip().replace(' ', '+');
        OffsetDateTime t;
        try {
            t = OffsetDateTime.parse(v);
        } catch (DateTimeParseException e) {
            try {
                t = LocalDate.parse(v).atStartOfDay(zone).toOffsetDateTime();
            } catch (DateTimeParseException e2) {
                throw new Open311Exception(400, "error.open311.date", field);
            }
        }
        // a four-digit year from 0001: the database holds no other, and the window's arithmetic must not overflow
        if (t.getYear() < 1 || t.getYear() > 9999) {
            throw new Open311Exception(400, "error.open311.date", field);
        }
        return t;
    }

    private static List<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    }
}
