package io.gridloop.metrics;

import io.gridloop.security.AccessScope;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The board's trend at the end of each past day it shows (V28): open cases, cases with a step past its due date, cases
 * under an open supervision order, per district, street and department. Counted again for every day the trend shows with
 * each catch-up of the evaluation's summaries (after midnight in the district's zone and on start-up, one node at a time:
 * {@link EvaluationRollup}'s lease), so a past day's point follows the same rule as a live count as of that run. What the
 * snapshot cannot answer for (a day not counted yet, a day written into since, a scope that is not a sum of its rows) is
 * counted live by {@link #count}, the one rule of "open / overdue / under supervision at a moment". The rule reads a case's
 * street and department as they are now and a step's due date as it is now, so what changes those during the day (a case
 * dispatched to a department, a due date moved by an extension) moves the past points at the next catch-up, not at once.
 */
@Component
public class BoardTrendSnapshots {

    private static final Logger LOG = LoggerFactory.getLogger(BoardTrendSnapshots.class);

    static final String DISTRICT = "DISTRICT";
    static final String STREET = "STREET";
    static final String DEPARTMENT = "DEPARTMENT";

    private final JdbcClient jdbc;
    private final JdbcTemplate plain;
    private final TransactionTemplate tx;
    private final Clock clock;

    public BoardTrendSnapshots(JdbcClient jdbc, DataSource dataSource, PlatformTransactionManager transactions, Clock clock,
                               EvaluationRollup rollup) {
        this.jdbc = jdbc;
        this.plain = new JdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
        rollup.alsoUnderLease(this::catchUpQuietly);
    }

    // ---- the rule

    /** Each row of {@code sql} (case id, from, until) added to its case's list of intervals. */
    private static void intervals(JdbcClient jdbc, String sql, Map<String, ?> p, Map<Long, Life> cases,
                                  java.util.function.Function<Life, List<Instant[]>> list) {
        var spec = jdbc.sql(sql);
        p.forEach(spec::param);
        spec.query(rs -> {
            Life c = cases.get(rs.getLong(1));
            if (c != null) {
                list.apply(c).add(new Instant[] {EvaluationRollup.instant(rs, 2), EvaluationRollup.instant(rs, 3)});
            }
        });
    }

    /** One case as the trend sees it: its life, the steps that had a due date, its supervision orders. */
    static final class Life {
        final String street;
        final String department;
        final Instant from;
        final Instant to;
        final List<Instant[]> late = new ArrayList<>(2);
        final List<Instant[]> orders = new ArrayList<>(1);
        final List<String> coDepartments = new ArrayList<>(0);

        Life(String street, String department, Instant from, Instant to) {
            this.street = street;
            this.department = department;
            this.from = from;
            this.to = to;
        }

        /** Open at t: reported by t and not closed by t. */
        boolean open(Instant t) {
            return !from.isAfter(t) && (to == null || to.isAfter(t));
        }

        /** A step past its due date at t: due before t and not finished by t. */
        boolean overdue(Instant t) {
            for (Instant[] s : late) {
                if (s[0].isBefore(t) && (s[1] == null || s[1].isAfter(t))) {
                    return true;
                }
            }
            return false;
        }

        /** Under a supervision order at t: opened by t and not closed by t. */
        boolean supervised(Instant t) {
            for (Instant[] o : orders) {
                if (!o[0].isAfter(t) && (o[1] == null || o[1].isAfter(t))) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Receives a case open at {@code ends[end]} and whether it was overdue and under supervision then. */
    interface Sink {
        void accept(Life c, int end, boolean overdue, boolean supervised);
    }

    /**
     * The rule, for the snapshot and for every live count alike: the cases within {@code filter} (SQL over gl_case) open at
     * each of {@code ends}, whether a step of theirs was past its due date then and whether an order chased them then.
     */
    static void count(JdbcClient jdbc, String filter, Map<String, Object> params, List<Instant> ends, boolean coDepartments, Sink sink) {
        if (ends.isEmpty()) {
            return;
        }
        Instant first = ends.stream().min(Instant::compareTo).orElseThrow();
        Instant last = ends.stream().max(Instant::compareTo).orElseThrow();
        Map<String, Object> p = new HashMap<>(params);
        p.put("start", first.atOffset(ZoneOffset.UTC));
        p.put("end", last.atOffset(ZoneOffset.UTC));
        String alive = "from gl_case where reported_at <= :end and (closed_at is null or closed_at > :start) and " + filter;
        Map<Long, Life> cases = new HashMap<>();
        var caseSpec = jdbc.sql("select id, reported_at, closed_at, street_code, department_code " + alive);
        p.forEach(caseSpec::param);
        caseSpec.query(rs -> {
            cases.put(rs.getLong(1), new Life(rs.getString(4), rs.getString(5), EvaluationRollup.instant(rs, "reported_at"), EvaluationRollup.instant(rs, "closed_at")));
        });
        if (cases.isEmpty()) {
            return;
        }
        // the steps late at some moment of the days, and the supervision orders open then: (case, from, until) each
        intervals(jdbc, "select case_id, due_at, finished_at from gl_step_fact where due_at is not null and due_at < :end "
                + "and (finished_at is null or finished_at > :start) and case_id in (select id " + alive + ")", p, cases, c -> c.late);
        intervals(jdbc, "select case_id, opened_at, closed_at from gl_supervision_order where kind = 'SUPERVISION' "
                + "and opened_at <= :end and (closed_at is null or closed_at > :start) and case_id in (select id " + alive + ")", p, cases,
                c -> c.orders);
        if (coDepartments) {
            var coSpec = jdbc.sql("select case_id, department_code from gl_case_co_department where case_id in (select id " + alive + ")");
            p.forEach(coSpec::param);
            coSpec.query(rs -> {
                Life c = cases.get(rs.getLong(1));
                if (c != null) {
                    c.coDepartments.add(rs.getString(2));
                }
            });
        }
        for (Life c : cases.values()) {
            for (int i = 0; i < ends.size(); i++) {
                Instant t = ends.get(i);
                if (c.open(t)) {
                    sink.accept(c, i, c.overdue(t), c.supervised(t));
                }
            }
        }
    }

    /** Live: the counts (open, overdue, under supervision) at each of {@code ends} within {@code filter}. */
    static long[][] countLive(JdbcClient jdbc, String filter, Map<String, Object> params, List<Instant> ends) {
        long[][] out = new long[ends.size()][3];
        count(jdbc, filter, params, ends, false, (c, i, overdue, supervised) -> {
            out[i][0]++;
            out[i][1] += overdue ? 1 : 0;
            out[i][2] += supervised ? 1 : 0;
        });
        return out;
    }

    // ---- which days

    /**
     * The past days whose ends the trend shows on {@code today}: the last {@value BoardService#TREND_DAYS} days before it
     * and the last day (Sunday) of each of the {@value BoardService#TREND_WEEKS} weeks before the current one.
     */
    static List<LocalDate> pastDays(LocalDate today) {
        TreeSet<LocalDate> days = new TreeSet<>();
        for (int i = 1; i < BoardService.TREND_DAYS; i++) {
            days.add(today.minusDays(i));
        }
        LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        for (int i = 1; i < BoardService.TREND_WEEKS; i++) {
            days.add(monday.minusWeeks(i).plusDays(6));
        }
        return List.copyOf(days);
    }

    private Instant endOf(LocalDate day) {
        return day.plusDays(1).atStartOfDay(clock.getZone()).toInstant();
    }

    // ---- the writer

    private void catchUpQuietly() {
        try {
            // the evaluation rolls today up every few minutes: the past days stand until midnight or a write back into them
            LocalDate today = LocalDate.now(clock);
            LocalDate stale = staleFrom();
            if (today.equals(countedOn()) && (stale == null || !stale.isBefore(today))) {
                return;
            }
            catchUp();
        } catch (RuntimeException e) {
            // the trend then counts live until the next run; the evaluation's catch-up must not fail for it
            LOG.warn("Board trend snapshot not written: {}", e.toString());
        }
    }

    /** Counts every past day the trend shows today, per unit, and replaces the snapshot with it. Returns the days. */
    public int catchUp() {
        long t0 = System.nanoTime();
        LocalDate today = LocalDate.now(clock);
        List<LocalDate> days = pastDays(today);
        List<Instant> ends = days.stream().map(this::endOf).toList();
        // the ids before counting: anything written while counting is newer and checked at reading
        long maxCase = max("gl_case");
        long maxFact = max("gl_step_fact");
        long maxOrder = max("gl_supervision_order");
        Map<String, int[]> rows = new HashMap<>();
        rows.put(DISTRICT + "\u0000" + DISTRICT, new int[days.size() * 3]);
        count(jdbc, "1 = 1", Map.of(), ends, true, (c, i, overdue, supervised) -> {
            add(rows, DISTRICT, DISTRICT, i, overdue, supervised);
            add(rows, STREET, c.street, i, overdue, supervised);
            if (c.department != null) {
                add(rows, DEPARTMENT, c.department, i, overdue, supervised);
            }
            for (String co : new LinkedHashSet<>(c.coDepartments)) {
                if (!co.equals(c.department)) {
                    add(rows, DEPARTMENT, co, i, overdue, supervised);
                }
            }
        });
        List<Object[]> out = new ArrayList<>();
        rows.forEach((key, counts) -> {
            String[] k = key.split("\u0000", 2);
            for (int i = 0; i < days.size(); i++) {
                // a unit's day with nothing open is no row (it reads as 0); the district's always is: the day is counted
                if (counts[i * 3] > 0 || k[0].equals(DISTRICT)) {
                    out.add(new Object[] {k[0], k[1], days.get(i), counts[i * 3], counts[i * 3 + 1], counts[i * 3 + 2]});
                }
            }
        });
        tx.executeWithoutResult(s -> {
            jdbc.sql("delete from gl_board_trend").update();
            plain.batchUpdate("insert into gl_board_trend (unit_kind, unit_code, on_day, open_cases, overdue_cases, supervised_cases)"
                    + " values (?, ?, ?, ?, ?, ?)", out, 1_000, (ps, r) -> {
                        ps.setString(1, (String) r[0]);
                        ps.setString(2, (String) r[1]);
                        ps.setObject(3, r[2]);
                        ps.setInt(4, (Integer) r[3]);
                        ps.setInt(5, (Integer) r[4]);
                        ps.setInt(6, (Integer) r[5]);
                    });
            jdbc.sql("update gl_board_trend_state set counted_at = :at, max_case_id = :c, max_fact_id = :f, max_order_id = :o where id = 1")
                    .param("at", clock.instant().atOffset(ZoneOffset.UTC)).param("c", maxCase).param("f", maxFact).param("o", maxOrder)
                    .update();
        });
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (ms > 5_000) {
            LOG.info("Board trend snapshot: {} days, {} rows in {} ms", days.size(), out.size(), ms);
        } else {
            LOG.debug("Board trend snapshot: {} days, {} rows in {} ms", days.size(), out.size(), ms);
        }
        return days.size();
    }

    private static void add(Map<String, int[]> rows, String kind, String code, int i, boolean overdue, boolean supervised) {
        int[] c = rows.computeIfAbsent(kind + "\u0000" + code, k -> new int[rows.get(DISTRICT + "\u0000" + DISTRICT).length]);
        c[i * 3]++;
        c[i * 3 + 1] += overdue ? 1 : 0;
        c[i * 3 + 2] += supervised ? 1 : 0;
    }

    private long max(String table) {
        return jdbc.sql("select coalesce(max(id), 0) from " + table).query(Long.class).single();
    }

    // ---- the reader

    /**
     * How a scope is read from the snapshot: the sum of the rows of one unit kind ({@code codes}, cases that no two of them
     * share), and the rest of the scope ({@code rest}: SQL over gl_case, null when nothing) counted live.
     */
    record Split(String kind, List<String> codes, String rest, Map<String, Object> params) {}

    /**
     * The scope as rows of the snapshot plus a rest: the district is its row; an official with streets sees their rows (a
     * case has one street); else one department's row (led or co-handled); what else the scope sees (the cases they
     * reported elsewhere, further departments, grids) is {@link AccessScope#caseFilter} without those rows, counted live.
     * When the scope is those units alone, what is left of it can only be what the official reported: that is said too
     * ({@code reported_by}, indexed by V28), so that the rest reads their own cases, not every case alive in the days.
     * Null when no row serves (a grid worker's scope): all live.
     */
    static Split split(AccessScope scope) {
        if (scope.district()) {
            return new Split(DISTRICT, List.of(DISTRICT), null, Map.of());
        }
        Map<String, Object> p = new HashMap<>();
        String filter = scope.caseFilter(p);
        p.put("trendUser", scope.userId());
        String reported = " and reported_by = :trendUser";
        if (!scope.streets().isEmpty()) {
            List<String> streets = List.copyOf(new TreeSet<>(scope.streets()));
            p.put("trendStreets", streets);
            boolean streetsAlone = scope.grids().isEmpty() && scope.departments().isEmpty();
            return new Split(STREET, streets, filter + " and not (street_code in (:trendStreets))" + (streetsAlone ? reported : ""), p);
        }
        if (!scope.departments().isEmpty()) {
            String department = new TreeSet<>(scope.departments()).first();
            p.put("trendDepartment", department);
            boolean departmentAlone = scope.grids().isEmpty() && scope.departments().size() == 1;
            return new Split(DEPARTMENT, List.of(department), filter + " and not (coalesce(department_code, '') = :trendDepartment "
                    + "or id in (select cd.case_id from gl_case_co_department cd where cd.department_code = :trendDepartment))"
                    + (departmentAlone ? reported : ""), p);
        }
        return null;
    }

    /**
     * The counts (open, overdue, under supervision) at the end of each of {@code days} (past days) within the scope: from
     * the snapshot where it answers for the day, counted live where it does not.
     */
    long[][] counts(List<LocalDate> days, AccessScope scope) {
        long[][] out = new long[days.size()][];
        Split split = split(scope);
        if (split != null && !days.isEmpty()) {
            LocalDate staleFrom = staleFrom();
            List<LocalDate> asked = days.stream().filter(d -> staleFrom == null || d.isBefore(staleFrom)).toList();
            Map<LocalDate, long[]> rows = asked.isEmpty() ? Map.of() : rows(asked, split);
            List<Integer> fromRows = new ArrayList<>();
            for (int i = 0; i < days.size(); i++) {
                long[] r = rows.get(days.get(i));
                if (r != null) {
                    out[i] = r;
                    fromRows.add(i);
                }
            }
            if (split.rest() != null && !fromRows.isEmpty()) {
                long[][] rest = countLive(jdbc, split.rest(), split.params(), fromRows.stream().map(i -> endOf(days.get(i))).toList());
                for (int j = 0; j < fromRows.size(); j++) {
                    long[] r = out[fromRows.get(j)];
                    for (int k = 0; k < 3; k++) {
                        r[k] += rest[j][k];
                    }
                }
            }
        }
        List<Integer> live = new ArrayList<>();
        for (int i = 0; i < days.size(); i++) {
            if (out[i] == null) {
                live.add(i);
            }
        }
        if (!live.isEmpty()) {
            Map<String, Object> p = new HashMap<>();
            String filter = scope.caseFilter(p);
            long[][] counted = countLive(jdbc, filter, p, live.stream().map(i -> endOf(days.get(i))).toList());
            for (int j = 0; j < live.size(); j++) {
                out[live.get(j)] = counted[j];
            }
        }
        return out;
    }

    /** All live, as if there were no snapshot (for tests: what the snapshot must give). */
    long[][] countsLive(List<LocalDate> days, AccessScope scope) {
        Map<String, Object> p = new HashMap<>();
        String filter = scope.caseFilter(p);
        return countLive(jdbc, filter, p, days.stream().map(this::endOf).toList());
    }

    /** The snapshot's sums for the split's rows on the days it counted (the district's row marks a counted day). */
    private Map<LocalDate, long[]> rows(List<LocalDate> days, Split split) {
        var spec = jdbc.sql("""
                select on_day, unit_kind, sum(open_cases), sum(overdue_cases), sum(supervised_cases) from gl_board_trend
                where on_day in (:days) and ((unit_kind = 'DISTRICT' and unit_code = 'DISTRICT')
                  or (unit_kind = :kind and unit_code in (:codes)))
                group by on_day, unit_kind""")
                .param("days", days).param("kind", split.kind()).param("codes", split.codes());
        Map<LocalDate, long[]> marked = new HashMap<>();
        Map<LocalDate, long[]> sums = new HashMap<>();
        spec.query(rs -> {
            LocalDate d = rs.getObject(1, LocalDate.class);
            long[] r = {rs.getLong(3), rs.getLong(4), rs.getLong(5)};
            if (DISTRICT.equals(rs.getString(2))) {
                marked.put(d, r);
            }
            if (split.kind().equals(rs.getString(2))) {
                sums.put(d, r);
            }
        });
        Map<LocalDate, long[]> out = new HashMap<>();
        marked.keySet().forEach(d -> out.put(d, sums.getOrDefault(d, new long[3]).clone()));
        return out;
    }

    /**
     * The first day the snapshot cannot answer for because something was written since it was counted with an earlier
     * time (a case reported, a step started, an order opened before then: a history loaded into the past); null when
     * nothing was.
     */
    LocalDate staleFrom() {
        var state = jdbc.sql("select max_case_id, max_fact_id, max_order_id from gl_board_trend_state where id = 1")
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)}).optional().orElse(null);
        if (state == null) {
            return LocalDate.MIN;
        }
        ZoneId zone = clock.getZone();
        LocalDate from = null;
        // min() of an expression: read by the id's range (what was written since), not by walking the time's index
        String[] sql = {"select min(coalesce(reported_at, reported_at)) from gl_case where id > :id",
                "select min(coalesce(started_at, started_at)) from gl_step_fact where id > :id",
                "select min(coalesce(opened_at, opened_at)) from gl_supervision_order where id > :id"};
        for (int i = 0; i < sql.length; i++) {
            OffsetDateTime t = jdbc.sql(sql[i]).param("id", state[i]).query(OffsetDateTime.class).optional().orElse(null);
            if (t != null) {
                LocalDate d = t.toInstant().atZone(zone).toLocalDate();
                if (from == null || d.isBefore(from)) {
                    from = d;
                }
            }
        }
        return from;
    }

    /** The day (in the district's zone) the snapshot was last counted on; null when never. */
    private LocalDate countedOn() {
        return jdbc.sql("select counted_at from gl_board_trend_state where id = 1").query(OffsetDateTime.class).optional()
                .map(t -> t.toInstant().atZone(clock.getZone()).toLocalDate()).orElse(null);
    }

    /** For tests: the snapshot's days. */
    Set<LocalDate> counted() {
        return new TreeSet<>(jdbc.sql("select on_day from gl_board_trend where unit_kind = 'DISTRICT'").query(LocalDate.class).list());
    }
}
