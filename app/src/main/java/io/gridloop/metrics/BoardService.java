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
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
    private final BoardTrendSnapshots snapshots;

    public BoardService(JdbcClient jdbc, Clock clock, WorkingTime workingTime, ReferenceData reference, CaseLabels labels,
                        BoardTrendSnapshots snapshots) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.workingTime = workingTime;
        this.reference = reference;
        this.labels = labels;
        this.snapshots = snapshots;
    }

    public Board board(AccessScope scope, Locale locale) {
        Instant now = clock.instant();
        Map<String, Object> p = new HashMap<>();
        String filter = scope.caseFilter(p);
        List<Board.GridCount> perGrid = new ArrayList<>();
        Labeller names = new Labeller(locale, now);
        Board.Counts counts = perGrid(filter, p, (grid, open, overdue) -> perGrid.add(new Board.GridCount(grid, names.grid(grid), open, overdue)));
        List<Board.BoardCase> cases = boardCases("(c.warning or c.overdue)", Map.of(), filter, p, names);
        return new Board(now, counts, cases, perGrid);
    }

    /** The counts at the top of the board now, within the scope (the trend's last point). */
    public Board.Counts counts(AccessScope scope) {
        Map<String, Object> p = new HashMap<>();
        return perGrid(scope.caseFilter(p), p, (grid, open, overdue) -> {});
    }

    private interface GridSink {
        void accept(String grid, long open, long overdue);
    }

    /** The board's counts per grid with the open supervision orders joined once; %s: the official's filter. Public for the benchmark's EXPLAIN. */
    public static final String PER_GRID = """
            select grid_code, count(*),
              coalesce(sum(case when warning and not overdue then 1 else 0 end), 0),
              coalesce(sum(case when overdue then 1 else 0 end), 0),
              count(supervised.case_id)
            from gl_case left join (select distinct o.case_id from gl_supervision_order o
              where o.kind = 'SUPERVISION' and o.closed_at is null) supervised on supervised.case_id = gl_case.id
            where closed_at is null and %s group by grid_code order by grid_code""";

    /** The board's open cases with their supervision orders; %s: which cases and the official's filter. */
    public static final String CASES = """
            select c.id, c.case_number, c.street_code, c.grid_code, c.department_code, c.category_code, c.current_step,
              c.due_at, c.overdue, o.level, o.closed_at as order_closed_at
            from gl_case c left join gl_supervision_order o on o.case_id = c.id and o.kind = 'SUPERVISION'
            where c.closed_at is null and %s order by c.due_at, c.id, o.opened_at, o.id""";

    /**
     * One pass over the open cases, per grid (the map's counts), summed for the counts at the top; the open supervision
     * orders joined once rather than looked up per case.
     */
    private Board.Counts perGrid(String filter, Map<String, Object> p, GridSink sink) {
        var grids = jdbc.sql(PER_GRID.formatted(filter));
        p.forEach(grids::param);
        long[] top = new long[4];
        grids.query(rs -> {
            for (int i = 0; i < 4; i++) {
                top[i] += rs.getLong(i + 2);
            }
            sink.accept(rs.getString(1), rs.getLong(2), rs.getLong(4));
        });
        return new Board.Counts(top[0], top[1], top[2], top[3]);
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
        Map<String, Object> p = new HashMap<>();
        String filter = scope.caseFilter(p);
        return boardCases("c.grid_code = :grid", Map.of("grid", gridCode), filter, p, new Labeller(locale, clock.instant()));
    }

    /**
     * The open cases that meet {@code where} (over {@code c}, gl_case), by due date, each with the highest level of its
     * supervision orders and that order's state: one query, the orders joined to their case (a case's rows come together).
     */
    private List<Board.BoardCase> boardCases(String where, Map<String, Object> whereParams, String filter, Map<String, Object> p,
                                             Labeller names) {
        var rows = jdbc.sql(CASES.formatted(where + " and " + filter));
        whereParams.forEach(rows::param);
        p.forEach(rows::param);
        List<Board.BoardCase> cases = new ArrayList<>();
        long[] caseId = {Long.MIN_VALUE};
        Board.BoardCase[] pending = new Board.BoardCase[1];
        rows.query(rs -> {
            long id = rs.getLong("id");
            if (id != caseId[0]) {
                if (pending[0] != null) {
                    cases.add(pending[0]);
                }
                caseId[0] = id;
                pending[0] = boardCase(rs, names);
            }
            String level = rs.getString("level");
            if (level != null) {
                // the highest level wins; of orders at one level, the latest (rows come by opened_at, id)
                String seen = pending[0].supervisionLevel();
                if (seen == null || SupervisionOrder.Level.valueOf(seen).compareTo(SupervisionOrder.Level.valueOf(level)) <= 0) {
                    pending[0] = withOrder(pending[0], level, rs.getObject("order_closed_at") == null ? "OPEN" : "CLOSED");
                }
            }
        });
        if (pending[0] != null) {
            cases.add(pending[0]);
        }
        return cases;
    }

    private static Board.BoardCase withOrder(Board.BoardCase c, String level, String state) {
        return new Board.BoardCase(c.caseNumber(), c.street(), c.streetName(), c.grid(), c.gridName(), c.department(), c.departmentName(),
                c.category(), c.categoryName(), c.step(), c.stepName(), c.dueAt(), c.overdue(), c.overdueMinutes(), level, state);
    }

    private Board.BoardCase boardCase(ResultSet rs, Labeller names) throws SQLException {
        OffsetDateTime due = rs.getObject("due_at", OffsetDateTime.class);
        boolean overdue = rs.getBoolean("overdue");
        long minutes = overdue && due != null ? names.overdueMinutes(due.toInstant()) : 0;
        String street = rs.getString("street_code");
        String grid = rs.getString("grid_code");
        String department = rs.getString("department_code");
        String category = rs.getString("category_code");
        String step = rs.getString("current_step");
        return new Board.BoardCase(rs.getString("case_number"), street, names.street(street), grid, names.grid(grid),
                department, names.department(department), category, names.category(category), step, names.step(step),
                due == null ? null : due.toInstant(), overdue, minutes, null, null);
    }

    /**
     * Names and working time for one answer, each worked out once: thousands of cases share a few hundred grids,
     * departments and due days. Working time past a due date is split at the next midnight (working time adds up over
     * any split), so the whole days after it are counted once per due day, not once per case.
     */
    private final class Labeller {
        private final Locale locale;
        private final Instant now;
        private final Map<String, String> names = new HashMap<>();
        private final Map<LocalDate, Duration> afterDay = new HashMap<>();

        Labeller(Locale locale, Instant now) {
            this.locale = locale;
            this.now = now;
        }

        String grid(String code) {
            return names.computeIfAbsent("g:" + code, k -> labels.grid(code, locale));
        }

        String street(String code) {
            return names.computeIfAbsent("s:" + code, k -> labels.street(code, locale));
        }

        String department(String code) {
            return code == null ? names.computeIfAbsent("d:", k -> Translations.translate("board.noDepartment", locale))
                    : names.computeIfAbsent("d:" + code, k -> labels.department(code, locale));
        }

        String category(String code) {
            return names.computeIfAbsent("c:" + code, k -> labels.category(code, locale));
        }

        String step(String step) {
            return step == null ? "" : names.computeIfAbsent("t:" + step, k -> Translations.translate("step." + step, locale));
        }

        /** Working minutes from {@code due} to now. */
        long overdueMinutes(Instant due) {
            if (!now.isAfter(due)) {
                return 0;
            }
            LocalDate day = LocalDate.ofInstant(due, workingTime.zone());
            Instant midnight = day.plusDays(1).atStartOfDay(workingTime.zone()).toInstant();
            if (!now.isAfter(midnight)) {
                return workingTime.between(due, now).toMinutes();
            }
            Duration rest = afterDay.computeIfAbsent(day, d -> workingTime.between(midnight, now));
            return workingTime.between(due, midnight).plus(rest).toMinutes();
        }
    }

    /**
     * The counts at the end of each of the last {@value #TREND_DAYS} days or {@value #TREND_WEEKS} weeks (the current one
     * up to now): open cases, cases with a step past its due date, cases under an open supervision order. A past day's
     * point comes from the snapshot ({@link BoardTrendSnapshots}), a week's from its last day; the last point is now: the
     * board's own counts.
     */
    public Trend trend(Trend.Granularity by, AccessScope scope) {
        return trend(by, scope, counts(scope));
    }

    /** As above, with the board's counts now already read (the page has them). */
    public Trend trend(Trend.Granularity by, AccessScope scope, Board.Counts now) {
        return trend(by, now, days -> snapshots.counts(days, scope));
    }

    /** All live, as if there were no snapshot (what the snapshot must give). */
    Trend trendLive(Trend.Granularity by, AccessScope scope) {
        return trend(by, counts(scope), days -> snapshots.countsLive(days, scope));
    }

    private Trend trend(Trend.Granularity by, Board.Counts now, java.util.function.Function<List<LocalDate>, long[][]> past) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), clock.getZone());
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
        // the day whose end each past point shows: the day, or the week's last day
        List<LocalDate> ends = new ArrayList<>();
        for (LocalDate d : days.subList(0, days.size() - 1)) {
            ends.add(by == Trend.Granularity.DAY ? d : d.plusDays(6));
        }
        long[][] counted = past.apply(ends);
        List<Trend.Point> points = new ArrayList<>();
        for (int i = 0; i < ends.size(); i++) {
            points.add(new Trend.Point(days.get(i), counted[i][0], counted[i][1], counted[i][2]));
        }
        points.add(new Trend.Point(days.get(days.size() - 1), now.open(), now.overdue(), now.underSupervision()));
        return new Trend(by, points);
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
