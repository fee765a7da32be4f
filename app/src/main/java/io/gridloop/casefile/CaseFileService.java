package io.gridloop.casefile;

import io.gridloop.security.AccessScope;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The case file: the read model of every case and its timeline and attachments. Engine delegates and listeners write it
 * inside the engine's transaction, so it never disagrees with the process.
 */
@Service
@Transactional
public class CaseFileService {

    private static final String TRACKING_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final Clock clock;
    private final String nextCaseNumberSql;

    public CaseFileService(JdbcClient jdbc, DataSource dataSource, Clock clock) throws MetaDataAccessException {
        this.jdbc = jdbc;
        this.clock = clock;
        String product = JdbcUtils.extractDatabaseMetaData(dataSource, md -> md.getDatabaseProductName());
        this.nextCaseNumberSql = "PostgreSQL".equals(product)
                ? "select nextval('gl_case_number_seq')"
                : "select next value for gl_case_number_seq";
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    /** Opens a case and gives it its number, e.g. 2026-000123. */
    public CaseRecord open(NewCase c) {
        long seq = jdbc.sql(nextCaseNumberSql).query(Long.class).single();
        OffsetDateTime now = now();
        String number = "%d-%06d".formatted(now.atZoneSameInstant(clock.getZone()).getYear(), seq); // the district's year, not the server's
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into gl_case (case_number, tracking_code, status, channel, urgency, category_code, subcategory_code, kind,
                  grid_code, community_code, street_code, description, address, longitude, latitude, reporter_name,
                  reporter_phone, reporter_email, reported_by, self_resolved, reported_at, updated_at, geo_cell)
                values (:number, :tracking, :status, :channel, :urgency, :category, :subcategory, :kind, :grid, :community,
                  :street, :description, :address, :lng, :lat, :reporterName, :reporterPhone, :reporterEmail, :reportedBy,
                  :selfResolved, :now, :now, :cell)""")
                .param("number", number)
                .param("tracking", trackingCode())
                .param("status", (c.channel() == Channel.GRID_WORKER ? CaseStatus.REGISTERING : CaseStatus.VERIFYING).name())
                .param("channel", c.channel().name())
                .param("urgency", c.urgency().name())
                .param("category", c.categoryCode())
                .param("subcategory", c.subcategoryCode())
                .param("kind", c.kind())
                .param("grid", c.gridCode())
                .param("community", c.communityCode())
                .param("street", c.streetCode())
                .param("description", c.description())
                .param("address", c.address())
                .param("lng", c.longitude())
                .param("lat", c.latitude())
                .param("reporterName", c.reporterName())
                .param("reporterPhone", c.reporterPhone())
                .param("reporterEmail", c.reporterEmail())
                .param("reportedBy", c.reportedBy())
                .param("selfResolved", c.selfResolved())
                .param("now", now)
                .param("cell", io.gridloop.grid.GeoCell.of(c.longitude(), c.latitude()))
                .update(keys, "id");
        long id = keys.getKeyAs(Number.class).longValue();
        return get(id);
    }

    private static String trackingCode() {
        StringBuilder b = new StringBuilder(12);
        for (int i = 0; i < 12; i++) {
            b.append(TRACKING_ALPHABET.charAt(RANDOM.nextInt(TRACKING_ALPHABET.length())));
        }
        return b.toString();
    }

    public void attachProcess(long caseId, String processInstanceId) {
        update(caseId, "process_instance_id = :pi", Map.of("pi", processInstanceId));
    }

    @Transactional(readOnly = true)
    public CaseRecord get(long id) {
        return jdbc.sql("select * from gl_case where id = :id").param("id", id).query(CASE).optional()
                .orElseThrow(() -> new CaseNotFoundException(String.valueOf(id)));
    }

    /** Cases by their ids in one read, in the order of the ids; an id without a case is left out. */
    @Transactional(readOnly = true)
    public List<CaseRecord> getAll(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, CaseRecord> byId = new java.util.HashMap<>();
        jdbc.sql("select * from gl_case where id in (:ids)").param("ids", ids).query(CASE).list().forEach(c -> byId.put(c.id(), c));
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    @Transactional(readOnly = true)
    public Optional<CaseRecord> findByNumber(String caseNumber) {
        return jdbc.sql("select * from gl_case where case_number = :n").param("n", caseNumber).query(CASE).optional();
    }

    /** A case by its number as an official may see it: a case outside their scope is not there for them. */
    @Transactional(readOnly = true)
    public Optional<CaseRecord> findByNumber(String caseNumber, AccessScope scope) {
        return findByNumber(caseNumber).filter(c -> sees(scope, c));
    }

    /** An open case by its number, if the official may see it: what a duplicate may be merged into. */
    @Transactional(readOnly = true)
    public Optional<CaseRecord> findOpenByNumber(String caseNumber, AccessScope scope) {
        return findByNumber(caseNumber, scope).filter(c -> !c.status().isClosed());
    }

    private static boolean sees(AccessScope scope, CaseRecord c) {
        return scope.seesCase(c.streetCode(), c.gridCode(), c.departmentCode(), c.coDepartments(), c.reportedBy());
    }

    /** The case of a tracking code as the citizen types it: spaces and lower case forgiven. */
    @Transactional(readOnly = true)
    public Optional<CaseRecord> findByTrackingCode(String trackingCode) {
        String code = trackingCode == null ? "" : trackingCode.trim().toUpperCase(java.util.Locale.ROOT);
        return jdbc.sql("select * from gl_case where tracking_code = :t").param("t", code).query(CASE).optional();
    }

    // ---- the loop's state changes, called by the process delegates

    public void registered(long caseId) {
        update(caseId, "registered_at = :now", Map.of());
    }

    public void rejected(long caseId) {
        close(caseId, CaseStatus.REJECTED, Map.of());
    }

    public void notConfirmed(long caseId) {
        close(caseId, CaseStatus.NOT_CONFIRMED, Map.of());
    }

    public void merged(long caseId, String intoCaseNumber) {
        close(caseId, CaseStatus.MERGED, Map.of("merged_into", intoCaseNumber));
    }

    /** 即办: a hotline call answered on the phone, closed at once without registration or dispatch. */
    public void answeredOnCall(long caseId) {
        close(caseId, CaseStatus.ANSWERED_ON_CALL, Map.of());
    }

    /** The reports merged into a case (its other reporters), oldest first. */
    @Transactional(readOnly = true)
    public List<CaseRecord> mergedInto(String caseNumber) {
        return jdbc.sql("select * from gl_case where merged_into = :n order by id").param("n", caseNumber).query(CASE).list();
    }

    public void filed(long caseId, String satisfaction) {
        Map<String, Object> extra = new java.util.HashMap<>();
        extra.put("satisfaction", satisfaction);
        close(caseId, CaseStatus.FILED, extra);
    }

    public void dispatched(long caseId, String departmentCode, List<String> coDepartments) {
        update(caseId, "department_code = :dept, co_departments = :co, dispatched_at = :now",
                Map.of("dept", departmentCode, "co", String.join(",", coDepartments)));
    }

    public void returned(long caseId) {
        update(caseId, "return_count = return_count + 1", Map.of());
    }

    public void reworked(long caseId) {
        update(caseId, "rework_count = rework_count + 1", Map.of());
    }

    public void extended(long caseId) {
        update(caseId, "extension_count = extension_count + 1", Map.of());
    }

    public void markWarning(long caseId) {
        update(caseId, "warning = true", Map.of());
    }

    public void markOverdue(long caseId) {
        update(caseId, "warning = true, overdue = true", Map.of());
    }

    /**
     * The work open on a case now, from the inbox projection: the status follows the step, and a new step starts with
     * its own clock, so its warning and overdue flags start clear. With no step the status stays as it was (the
     * closing delegate sets it).
     */
    public void currentWork(long caseId, String step, CaseStatus status, String candidateGroup, String assignee, OffsetDateTime dueAt) {
        Map<String, Object> p = new java.util.HashMap<>();
        p.put("step", step);
        p.put("status", status == null ? null : status.name());
        p.put("grp", candidateGroup);
        p.put("assignee", assignee);
        p.put("due", dueAt);
        update(caseId, """
                warning = case when current_step = :step then warning else false end,
                overdue = case when current_step = :step then overdue else false end,
                handling_due_at = case when :step = 'HANDLE' then :due else handling_due_at end,
                current_step = :step, status = coalesce(:status, status), candidate_group = :grp, assignee = :assignee,
                due_at = :due""", p);
    }

    /** The handling step's deadline, which stays known while an extension or a hold is being approved. */
    @Transactional(readOnly = true)
    public Optional<OffsetDateTime> handlingDueAt(long caseId) {
        return jdbc.sql("select handling_due_at from gl_case where id = :id").param("id", caseId)
                .query((rs, n) -> rs.getObject(1, OffsetDateTime.class)).optional();
    }

    private void close(long caseId, CaseStatus status, Map<String, Object> extra) {
        StringBuilder set = new StringBuilder("status = :status, closed_at = :now, current_step = null, candidate_group = null, "
                + "assignee = null, due_at = null, warning = false, overdue = false");
        Map<String, Object> p = new java.util.HashMap<>(extra);
        extra.keySet().forEach(k -> set.append(", ").append(k).append(" = :").append(k));
        p.put("status", status.name());
        update(caseId, set.toString(), p);
    }

    private void update(long caseId, String set, Map<String, ?> params) {
        var spec = jdbc.sql("update gl_case set " + set + ", updated_at = :now where id = :id")
                .param("id", caseId)
                .param("now", now());
        params.forEach(spec::param);
        if (spec.update() != 1) {
            throw new CaseNotFoundException(String.valueOf(caseId));
        }
    }

    // ---- timeline and attachments

    public long addTimeline(long caseId, String actor, String step, String action, String decision, String comment,
                            String details, List<NewAttachment> attachments) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into gl_timeline (case_id, at, actor, step, action, decision, comment, details)
                values (:case, :at, :actor, :step, :action, :decision, :comment, :details)""")
                .param("case", caseId)
                .param("at", now())
                .param("actor", actor)
                .param("step", step)
                .param("action", action)
                .param("decision", decision)
                .param("comment", comment)
                .param("details", details)
                .update(keys, "id");
        long entryId = keys.getKeyAs(Number.class).longValue();
        for (NewAttachment a : attachments) {
            jdbc.sql("""
                    insert into gl_attachment (case_id, timeline_id, field_key, file_name, content_type, size_bytes, content,
                      uploaded_by, uploaded_at)
                    values (:case, :entry, :key, :name, :type, :size, :content, :by, :at)""")
                    .param("case", caseId)
                    .param("entry", entryId)
                    .param("key", a.fieldKey())
                    .param("name", a.fileName())
                    .param("type", a.contentType())
                    .param("size", (long) a.content().length)
                    .param("content", a.content())
                    .param("by", actor)
                    .param("at", now())
                    .update();
        }
        return entryId;
    }

    @Transactional(readOnly = true)
    public List<TimelineEntry> timeline(long caseId) {
        return jdbc.sql("select * from gl_timeline where case_id = :case order by id").param("case", caseId)
                .query((rs, n) -> new TimelineEntry(rs.getLong("id"), rs.getLong("case_id"), rs.getObject("at", OffsetDateTime.class),
                        rs.getString("actor"), rs.getString("step"), rs.getString("action"), rs.getString("decision"),
                        rs.getString("comment"), rs.getString("details")))
                .list();
    }

    @Transactional(readOnly = true)
    public List<Attachment> attachments(long caseId) {
        return jdbc.sql("""
                select id, case_id, timeline_id, field_key, file_name, content_type, size_bytes, uploaded_by, uploaded_at
                from gl_attachment where case_id = :case order by id""").param("case", caseId)
                .query((rs, n) -> new Attachment(rs.getLong("id"), rs.getLong("case_id"), (Long) rs.getObject("timeline_id", Long.class),
                        rs.getString("field_key"), rs.getString("file_name"), rs.getString("content_type"), rs.getLong("size_bytes"),
                        rs.getString("uploaded_by"), rs.getObject("uploaded_at", OffsetDateTime.class)))
                .list();
    }

    @Transactional(readOnly = true)
    public byte[] attachmentContent(long attachmentId, AccessScope scope) {
        // the photo with its case in one read: a photo of a case outside the scope is not there for the official
        return jdbc.sql("select c.*, a.content as attachment_content from gl_attachment a join gl_case c on c.id = a.case_id "
                        + "where a.id = :id").param("id", attachmentId)
                .query((rs, n) -> Map.entry(map(rs, n), rs.getBytes("attachment_content"))).optional()
                .filter(row -> sees(scope, row.getKey()))
                .map(Map.Entry::getValue)
                .orElseThrow(() -> new CaseNotFoundException("attachment " + attachmentId));
    }

    // ---- search

    @Transactional(readOnly = true)
    public List<CaseRecord> search(CaseQuery q, AccessScope scope) {
        Map<String, Object> p = new java.util.HashMap<>();
        var spec = jdbc.sql("select * from gl_case" + where(q, scope, p) + " order by reported_at desc, id desc limit "
                + Math.max(1, q.limit()) + " offset " + Math.max(0, q.offset()));
        p.forEach(spec::param);
        return spec.query(CASE).list();
    }

    /** How many cases the search finds in all, beyond the page shown. */
    @Transactional(readOnly = true)
    public int count(CaseQuery q, AccessScope scope) {
        Map<String, Object> p = new java.util.HashMap<>();
        var spec = jdbc.sql("select count(*) from gl_case" + where(q, scope, p));
        p.forEach(spec::param);
        return spec.query(Integer.class).single();
    }

    private String where(CaseQuery q, AccessScope scope, Map<String, Object> p) {
        StringBuilder where = new StringBuilder(" where " + scope.caseFilter(p));
        if (q.caseNumber() != null && !q.caseNumber().isBlank()) {
            where.append(" and case_number like :number");
            p.put("number", "%" + likeLiteral(q.caseNumber().trim()) + "%");
        }
        filter(where, p, "status", q.status() == null ? null : q.status().name());
        filter(where, p, "grid_code", q.gridCode());
        filter(where, p, "street_code", q.streetCode());
        filter(where, p, "department_code", q.departmentCode());
        filter(where, p, "category_code", q.categoryCode());
        if (q.overdue() != null) {
            filter(where, p, "overdue", q.overdue());
        }
        if (q.reportedFrom() != null) {
            where.append(" and reported_at >= :from");
            p.put("from", startOf(q.reportedFrom()));
        }
        if (q.reportedTo() != null) {
            where.append(" and reported_at < :to");
            p.put("to", startOf(q.reportedTo().plusDays(1)));
        }
        if (q.words() != null) {
            // every word the official typed occurs in the description, in any order
            int i = 0;
            for (String word : q.words().trim().split("\\s+")) {
                if (!word.isEmpty() && i < 10) {
                    where.append(" and lower(description) like :word").append(i).append(" escape '\\'");
                    p.put("word" + i++, "%" + likeLiteral(word.toLowerCase(java.util.Locale.ROOT)) + "%");
                }
            }
        }
        if (q.callerPhone() != null) {
            // the digits as typed, wherever they stand in the stored number (a caller gives the last four, or all eleven)
            String digits = q.callerPhone().replaceAll("[^0-9]", "");
            if (!digits.isEmpty()) {
                where.append(" and replace(replace(replace(reporter_phone, ' ', ''), '-', ''), '+', '') like :phone");
                p.put("phone", "%" + digits + "%");
            }
        }
        return where.toString();
    }

    /** A typed text as a LIKE pattern matching itself only (its % and _ escaped). */
    private static String likeLiteral(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private OffsetDateTime startOf(LocalDate day) {
        return day.atStartOfDay(clock.getZone()).toOffsetDateTime();
    }

    private static void filter(StringBuilder where, Map<String, Object> p, String column, Object value) {
        if (value != null && !(value instanceof String s && s.isBlank())) {
            where.append(" and ").append(column).append(" = :").append(column);
            p.put(column, value);
        }
    }

    private static final RowMapper<CaseRecord> CASE = CaseFileService::map;

    private static CaseRecord map(ResultSet rs, int n) throws SQLException {
        return new CaseRecord(
                rs.getLong("id"),
                rs.getString("case_number"),
                rs.getString("tracking_code"),
                rs.getString("process_instance_id"),
                CaseStatus.valueOf(rs.getString("status")),
                rs.getString("current_step"),
                rs.getString("candidate_group"),
                rs.getString("assignee"),
                rs.getObject("due_at", OffsetDateTime.class),
                rs.getBoolean("warning"),
                rs.getBoolean("overdue"),
                Channel.valueOf(rs.getString("channel")),
                Urgency.valueOf(rs.getString("urgency")),
                rs.getString("category_code"),
                rs.getString("subcategory_code"),
                rs.getString("kind"),
                rs.getString("grid_code"),
                rs.getString("community_code"),
                rs.getString("street_code"),
                rs.getString("department_code"),
                rs.getString("co_departments"),
                rs.getString("description"),
                rs.getString("address"),
                rs.getObject("longitude", Double.class),
                rs.getObject("latitude", Double.class),
                rs.getString("reporter_name"),
                rs.getString("reporter_phone"),
                rs.getString("reporter_email"),
                rs.getString("reported_by"),
                rs.getBoolean("self_resolved"),
                rs.getString("merged_into"),
                rs.getInt("rework_count"),
                rs.getInt("return_count"),
                rs.getInt("extension_count"),
                rs.getString("satisfaction"),
                rs.getObject("reported_at", OffsetDateTime.class),
                rs.getObject("registered_at", OffsetDateTime.class),
                rs.getObject("dispatched_at", OffsetDateTime.class),
                rs.getObject("closed_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class));
    }

    /** Lists a comma-separated column as codes. */
    public static List<String> codes(String commaSeparated) {
        List<String> out = new ArrayList<>();
        if (commaSeparated != null) {
            for (String s : commaSeparated.split(",")) {
                if (!s.isBlank()) {
                    out.add(s.trim());
                }
            }
        }
        return out;
    }
}
