package io.gridloop.metrics;

import io.gridloop.casefile.CaseLabels;
import io.gridloop.deadline.SupervisionOrder;
import io.gridloop.deadline.WorkingTime;
import io.gridloop.grid.Labels;
import io.gridloop.grid.ReferenceData;
import io.gridloop.security.AccessScope;
import io.gridloop.ui.Translations;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The overdue board (督办看板) and its trend, within what the official may see ({@link AccessScope#caseFilter}): the page and
 * {@code GET /api/board} both ask this. Reads GridLoop's own tables only (gl_case, gl_supervision_order, gl_step_fact).
 */
@Service
@Transactional(readOnly = true)
public class BoardService {

    /** Days and weeks the trend looks back over. */
    static final int TREND_DAYS = 30;
    static final int TREND_WEEKS = 12;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final WorkingTime workingTime;
    private final ReferenceData reference;
    private final CaseLabels labels;

    public BoardService(JdbcClient jdbc, Clock clock, WorkingTime workingTime, ReferenceData reference, CaseLabels labels) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.workingTime = workingTime;
        this.reference = reference;
        this.labels = labels;
    }

    public Board board(AccessScope scope, Locale locale) {
        Instant now = clock.instant();
        Map<String, Object> p = new HashMap<>();
        String filter = scope.caseFilter(p);

        var counts = jdbc.sql("""
                select count(*) as open_cases,
                  coalesce(sum(case when warning and not overdue then 1 else 0 end), 0) as warning_cases,
                  coalesce(sum(case when overdue then 1 else 0 end), 0) as overdue_cases,
                  coalesce(sum(case when exists (select 1 from gl_supervision_order o where o.case_id = gl_case.id
                    and o.kind = 'SUPERVISION' and o.closed_at is null) then 1 else 0 end), 0) as supervised_cases
                from gl_case where closed_at is null and""" + " " + filter);
        p.forEach(counts::param);
        Board.Counts top = counts.query((rs, n) -> new Board.Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
                .single();

        // the highest supervision level each case on the board reached, and that order's state
        Map<Long, String[]> orders = new HashMap<>();
        var orderSpec = jdbc.sql("""
                select o.case_id, o.level, o.closed_at from gl_supervision_order o join gl_case c on c.id = o.case_id
                where c.closed_at is null and (c.warning or c.overdue) and o.kind = 'SUPERVISION' and""" + " " + filter
                + " order by o.opened_at, o.id");
        p.forEach(orderSpec::param);
        orderSpec.query(rs -> {
            long caseId = rs.getLong(1);
            SupervisionOrder.Level level = SupervisionOrder.Level.valueOf(rs.getString(2));
            String state = rs.getObject(3) == null ? "OPEN" : "CLOSED";
            String[] seen = orders.get(caseId);
            if (seen == null || SupervisionOrder.Level.valueOf(seen[0]).compareTo(level) <= 0) {
                orders.put(caseId, new String[] {level.name(), state});
            }
        });

        var rows = jdbc.sql("""
                select id, case_number, street_code, grid_code, department_code, category_code, current_step, due_at, overdue
                from gl_case where closed_at is null and (warning or overdue) and""" + " " + filter + " order by due_at, id");
        p.forEach(rows::param);
        List<Board.BoardCase> cases = rows.query((rs, n) -> boardCase(rs, now, orders.get(rs.getLong("id")), locale)).list();

        var grids = jdbc.sql("select grid_code, count(*), coalesce(sum(case when overdue then 1 else 0 end), 0) from gl_case "
                + "where closed_at is null and " + filter + " group by grid_code order by grid_code");
        p.forEach(grids::param);
        List<Board.GridCount> perGrid = grids.query((rs, n) -> new Board.GridCount(rs.getString(1), labels.grid(rs.getString(1), locale),
                rs.getLong(2), rs.getLong(3))).list();
        return new Board(now, top, cases, perGrid);
    }

    /** How many open cases the map draws at most: the most urgent ones (a district can have thousands open). */
    public static final int MAP_POINTS = 2000;

    /** An open case on the map: where it was reported and its state (NORMAL, WARNING, OVERDUE). */
    public record CasePoint(String caseNumber, double longitude, double latitude, String state) {}

    /** The open cases the map draws (overdue first, then in warning, then by due date) and how many open ones have a place. */
    public record CasePoints(List<CasePoint> points, long located) {}

    /**
     * The open cases reported with a point, within what the official may see, for the map: at most {@code limit} of them,
     * the most urgent first, so that a district with thousands open still draws the ones that matter.
     */
    public CasePoints casePoints(AccessScope scope, int limit) {
        Map<String, Object> p = new HashMap<>();
        String filter = scope.caseFilter(p);
        var count = jdbc.sql("select count(*) from gl_case where closed_at is null and longitude is not null and " + filter);
        p.forEach(count::param);
        long located = count.query(Long.class).single();
        var rows = jdbc.sql("""
                select case_number, longitude, latitude, warning, overdue from gl_case
                where closed_at is null and longitude is not null and latitude is not null and""" + " " + filter + """
                 order by case when overdue then 0 when warning then 1 else 2 end, due_at, id fetch first :limit rows only""")
                .param("limit", limit);
        p.forEach(rows::param);
        List<CasePoint> points = rows.query((rs, n) -> new CasePoint(rs.getString(1), rs.getDouble(2), rs.getDouble(3),
                rs.getBoolean(5) ? "OVERDUE" : rs.getBoolean(4) ? "WARNING" : "NORMAL")).list();
        return new CasePoints(points, located);
    }

    /** Every open case of one grid (the map's click), in or out of warning, the same rows as the board's. */
    public List<Board.BoardCase> openCasesOfGrid(String gridCode, AccessScope scope, Locale locale) {
        Instant now = clock.instant();
        Map<String, Object> p = new HashMap<>();
        String filter = scope.caseFilter(p);
        Map<Long, String[]> orders = new HashMap<>();
        var orderSpec = jdbc.sql("""
                select o.case_id, o.level, o.closed_at from gl_supervision_order o join gl_case c on c.id = o.case_id
                where c.closed_at is null and c.grid_code = :grid and o.kind = 'SUPERVISION' and""" + " " + filter
                + " order by o.opened_at, o.id").param("grid", gridCode);
        p.forEach(orderSpec::param);
        orderSpec.query(rs -> {
            SupervisionOrder.Level level = SupervisionOrder.Level.valueOf(rs.getString(2));
            String[] seen = orders.get(rs.getLong(1));
            if (seen == null || SupervisionOrder.Level.valueOf(seen[0]).compareTo(level) <= 0) {
                orders.put(rs.getLong(1), new String[] {level.name(), rs.getObject(3) == null ? "OPEN" : "CLOSED"});
            }
        });
        var rows = jdbc.sql("""
                select id, case_number, street_code, grid_code, department_code, category_code, current_step, due_at, overdue
                from gl_case where closed_at is null and grid_code = :grid and""" + " " + filter + " order by due_at, id")
                .param("grid", gridCode);
        p.forEach(rows::param);
        return rows.query((rs, n) -> boardCase(rs, now, orders.get(rs.getLong("id")), locale)).list();
    }

    private Board.BoardCase boardCase(ResultSet rs, Instant now, String[] order, Locale locale) throws SQLException {
        OffsetDateTime due = rs.getObject("due_at", OffsetDateTime.class);
        boolean overdue = rs.getBoolean("overdue");
        long minutes = overdue && due != null ? workingTime.between(due.toInstant(), now).toMinutes() : 0;
        String street = rs.getString("street_code");
        String grid = rs.getString("grid_code");
        String department = rs.getString("department_code");
        String category = rs.getString("category_code");
        String step = rs.getString("current_step");
        return new Board.BoardCase(rs.getString("case_number"), street, labels.street(street, locale), grid, labels.grid(grid, locale),
                department, department == null ? Translations.translate("board.noDepartment", locale) : labels.department(department, locale),
                category, labels.category(category, locale), step,
                step == null ? "" : Translations.translate("step." + step, locale), due == null ? null : due.toInstant(), overdue,
                minutes, order == null ? null : order[0], order == null ? null : order[1]);
    }

    /**
     * The counts at the end of each of the last {@value #TREND_DAYS} days or {@value #TREND_WEEKS} weeks (the current one
     * up to now): open cases, cases with a step past its due date, cases under an open supervision order.
     */
    public Trend trend(Trend.Granularity by, AccessScope scope) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, clock.getZone());
        List<LocalDate> days = new ArrayList<>();
        if (by == Trend.Granularity.DAY) {
            for (int i = TREND_DAYS - 1; i >= 0; i--) {
                days.add(today.minusDays(i));
            }
        } else {
            LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            for (int i = TREND_WEEKS - 1; i >= 0; i--) {
                days.add(monday.minusWeeks(i));
            }
        }
        List<Instant> ends = new ArrayList<>();
        for (LocalDate d : days) {
            Instant end = (by == Trend.Granularity.DAY ? d.plusDays(1) : d.plusWeeks(1)).atStartOfDay(clock.getZone()).toInstant();
            ends.add(end.isAfter(now) ? now : end);
        }
        Instant start = days.get(0).atStartOfDay(clock.getZone()).toInstant();
        Map<String, Object> p = new HashMap<>();
        String alive = "select id from gl_case where reported_at <= :end and (closed_at is null or closed_at >= :start) and "
                + scope.caseFilter(p);
        p.put("start", start.atOffset(ZoneOffset.UTC));
        p.put("end", now.atOffset(ZoneOffset.UTC));

        // alive at t: begun by t and not ended by t
        record Life(Instant from, Instant to) {
            boolean at(Instant t) {
                return !from.isAfter(t) && (to == null || to.isAfter(t));
            }
        }
        Map<Long, Life> cases = new HashMap<>();
        var caseSpec = jdbc.sql("select id, reported_at, closed_at from gl_case where id in (" + alive + ")");
        p.forEach(caseSpec::param);
        caseSpec.query(rs -> {
            cases.put(rs.getLong(1), new Life(instant(rs, 2), instant(rs, 3)));
        });
        // a step is overdue at t when it ran at t and its due date had passed
        List<Object[]> late = new ArrayList<>();
        var factSpec = jdbc.sql("select case_id, due_at, finished_at from gl_step_fact where due_at is not null and due_at < :end "
                + "and (finished_at is null or finished_at > :start) and case_id in (" + alive + ")");
        p.forEach(factSpec::param);
        factSpec.query(rs -> {
            late.add(new Object[] {rs.getLong(1), new Life(instant(rs, 2), instant(rs, 3))});
        });
        List<Object[]> supervised = new ArrayList<>();
        var orderSpec = jdbc.sql("select case_id, opened_at, closed_at from gl_supervision_order where kind = 'SUPERVISION' "
                + "and opened_at <= :end and case_id in (" + alive + ")");
        p.forEach(orderSpec::param);
        orderSpec.query(rs -> {
            supervised.add(new Object[] {rs.getLong(1), new Life(instant(rs, 2), instant(rs, 3))});
        });

        List<Trend.Point> points = new ArrayList<>();
        for (int i = 0; i < days.size(); i++) {
            Instant t = ends.get(i);
            long open = cases.values().stream().filter(l -> l.at(t)).count();
            Set<Long> overdue = new HashSet<>();
            for (Object[] f : late) {
                Life step = (Life) f[1];
                Life c = cases.get((Long) f[0]);
                if (step.from().isBefore(t) && (step.to() == null || step.to().isAfter(t)) && c != null && c.at(t)) {
                    overdue.add((Long) f[0]);
                }
            }
            Set<Long> chased = new HashSet<>();
            for (Object[] o : supervised) {
                Life c = cases.get((Long) o[0]);
                if (((Life) o[1]).at(t) && c != null && c.at(t)) {
                    chased.add((Long) o[0]);
                }
            }
            points.add(new Trend.Point(days.get(i), open, overdue.size(), chased.size()));
        }
        return new Trend(by, points);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** The district's grids as GeoJSON for the map (polygons and names). */
    public String gridsGeoJson() {
        return reference.gridsGeoJson();
    }

    /** The grid's name in the official's language. */
    public String gridName(String code, Locale locale) {
        return reference.grid(code).map(g -> Labels.pick(locale, g.name(), g.nameEn())).orElse(code);
    }
}
