package io.gridloop.casefile;

import io.gridloop.security.AccessScope;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The case file: opens a case and reads it, by id, number or tracking code, as an official may see it. Its other jobs
 * live beside it, and their callers take them: {@link CaseNumbers}, {@link CaseTransitions} (the loop's state changes),
 * {@link CaseTimeline} (the timeline and its photos) and {@link CaseSearch}.
 */
@Service
@Transactional
public class CaseFileService {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final CaseNumbers numbers;
    private final CaseRows rows;

    public CaseFileService(JdbcClient jdbc, Clock clock, CaseNumbers numbers, CaseRows rows) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.numbers = numbers;
        this.rows = rows;
    }

    /** Opens a case and gives it its number, e.g. 2026-000123. */
    public CaseRecord open(NewCase c) {
        String number = numbers.next();
        OffsetDateTime now = OffsetDateTime.now(clock);
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into gl_case (case_number, tracking_code, status, channel, urgency, category_code, subcategory_code, kind,
                  grid_code, community_code, street_code, description, address, longitude, latitude, reporter_name,
                  reporter_phone, reporter_email, reported_by, self_resolved, reported_at, updated_at, geo_cell)
                values (:number, :tracking, :status, :channel, :urgency, :category, :subcategory, :kind, :grid, :community,
                  :street, :description, :address, :lng, :lat, :reporterName, :reporterPhone, :reporterEmail, :reportedBy,
                  :selfResolved, :now, :now, :cell)""")
                .param("number", number)
                .param("tracking", numbers.trackingCode())
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
        return get(keys.getKeyAs(Number.class).longValue());
    }

    @Transactional(readOnly = true)
    public CaseRecord get(long id) {
        return rows.one("where id = :id", q -> q.param("id", id))
                .orElseThrow(() -> new CaseNotFoundException(String.valueOf(id)));
    }

    /** Cases by their ids in one read, in the order of the ids; an id without a case is left out. */
    @Transactional(readOnly = true)
    public List<CaseRecord> getAll(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        java.util.Map<Long, CaseRecord> byId = new java.util.HashMap<>();
        rows.list("where id in (:ids)", q -> q.param("ids", ids)).forEach(c -> byId.put(c.id(), c));
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    @Transactional(readOnly = true)
    public Optional<CaseRecord> findByNumber(String caseNumber) {
        return rows.one("where case_number = :n", q -> q.param("n", caseNumber));
    }

    /** A case by its number as an official may see it: a case outside their scope is not there for them. */
    @Transactional(readOnly = true)
    public Optional<CaseRecord> findByNumber(String caseNumber, AccessScope scope) {
        return findByNumber(caseNumber).filter(c -> CaseRows.sees(scope, c));
    }

    /** An open case by its number, if the official may see it: what a duplicate may be merged into. */
    @Transactional(readOnly = true)
    public Optional<CaseRecord> findOpenByNumber(String caseNumber, AccessScope scope) {
        return findByNumber(caseNumber, scope).filter(c -> !c.status().isClosed());
    }

    /** The case of a tracking code as the citizen types it: spaces and lower case forgiven. */
    @Transactional(readOnly = true)
    public Optional<CaseRecord> findByTrackingCode(String trackingCode) {
        String code = trackingCode == null ? "" : trackingCode.trim().toUpperCase(Locale.ROOT);
        return rows.one("where tracking_code = :t", q -> q.param("t", code));
    }

    /** The reports merged into a case (its other reporters), oldest first. */
    @Transactional(readOnly = true)
    public List<CaseRecord> mergedInto(String caseNumber) {
        return rows.list("where merged_into = :n order by id", q -> q.param("n", caseNumber));
    }

    /** Lists a comma-separated value (a form's or a process variable's) as codes. */
    public static List<String> codes(String commaSeparated) {
        List<String> out = new java.util.ArrayList<>();
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
