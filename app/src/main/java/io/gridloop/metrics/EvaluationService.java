package io.gridloop.metrics;

import io.gridloop.deadline.WorkingTime;
import io.gridloop.grid.Labels;
import io.gridloop.grid.ReferenceData;
import io.gridloop.security.AccessScope;
import io.gridloop.security.EngineAuthenticationProvider;
import io.gridloop.security.Roles;
import io.gridloop.ui.Translations;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The evaluation (综合评价) of a period for one kind of unit, within what the official may see: the page, the JSON API and
 * the exports all ask this. Reads GridLoop's own tables (gl_case and the step facts), never the engine's.
 */
@Service
// one snapshot for the summaries, the roll-up's instant and the cases read live beside them
@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
public class EvaluationService {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EvaluationService.class);

    public static final String TOTAL = "TOTAL";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final WorkingTime workingTime;
    private final ReferenceData reference;
    private final IdentityService identity;
    private final EvaluationWeights weights;
    private final EvaluationSettings settings;
    private final DifficultyWeights difficulty;
    private final EvaluationRollup rollup;
    private final NamedParameterJdbcTemplate named;

    public EvaluationService(JdbcClient jdbc, NamedParameterJdbcTemplate named, Clock clock, WorkingTime workingTime,
                             ReferenceData reference, IdentityService identity, EvaluationWeights weights, EvaluationSettings settings,
                             DifficultyWeights difficulty, EvaluationRollup rollup) {
        this.difficulty = difficulty;
        this.rollup = rollup;
        this.named = named;
        this.jdbc = jdbc;
        this.clock = clock;
        this.workingTime = workingTime;
        this.reference = reference;
        this.identity = identity;
        this.weights = weights;
        this.settings = settings;
    }

    /** Reads the request's words (YYYY-MM-DD dates, a unit's name): refused with a message rather than guessed. */
    public Evaluation evaluate(String from, String to, String unit, AccessScope scope, Locale locale) {
        LocalDate f = date("from", from);
        LocalDate t = date("to", to);
        EvaluationUnit u;
        try {
            u = EvaluationUnit.valueOf(unit == null || unit.isBlank() ? "" : unit.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw EvaluationRequestException.badRequest("error.evaluation.unit", unit);
        }
        return evaluate(f, t, u, scope, locale);
    }

    /** A date's or month's text with a four-digit year from 0001 (a year the database holds; no overflow past it). */
    static boolean heldYear(String text, int year) {
        return text.matches("\\d{4}-\\d{2}(-\\d{2})?") && year >= 1;
    }

    static LocalDate date(String name, String value) {
        if (value == null || value.isBlank()) {
            throw EvaluationRequestException.badRequest("error.evaluation.dateMissing", name);
        }
        // four-digit years from 0001 only: a signed or longer year (+999999999-12-31) would overflow the period's end or reach
        // the database as a date it does not hold
        String v = value.trim();
        try {
            LocalDate d = LocalDate.parse(v);
            if (!heldYear(v, d.getYear())) {
                throw EvaluationRequestException.badRequest("error.evaluation.date", name, value);
            }
            return d;
        } catch (DateTimeParseException e) {
            throw EvaluationRequestException.badRequest("error.evaluation.date", name, value);
        }
    }

    /**
     * The evaluation, from the summaries (V25, V27) where they answer: whole months from the month rows, the other days
     * (today's events up to the roll-up's instant included) from the day rows; then the cases touched since that instant,
     * read live, each counted as it is now less what the summaries counted for it; and the state as of the period's end
     * (overdue and still to be handled) from the day's snapshot, or from the open cases when it ends today. Without a
     * roll-up of today, the days not rolled up are read live from the cases touched on them. An official whose scope does
     * not follow the unit's rows (a street's official by department, say) gets it live.
     */
    public Evaluation evaluate(LocalDate from, LocalDate to, EvaluationUnit unit, AccessScope scope, Locale locale) {
        if (from.isAfter(to)) {
            throw EvaluationRequestException.badRequest("error.evaluation.period", from, to);
        }
        Map<String, Object> params = new HashMap<>();
        String filter = scopeFilter(scope, params);
        List<String> codes = summaryCodes(unit, scope);
        EvaluationRollup.State state = rollup.state();
        String weightsKey = rollup.weightsKey();
        LocalDate until = codes == null ? null : rollup.summarizedUntil(state, weightsKey);
        if (until == null) {
            return evaluateLive(from, to, unit, scope, locale);
        }
        Instant rolledAsOf = rollup.summarizedAsOf(state, weightsKey);
        if (rolledAsOf != null) {
            return evaluateAsOf(from, to, unit, scope, locale, codes, filter, params, until, rolledAsOf);
        }
        long t0 = System.nanoTime();
        ZoneId zone = clock.getZone();
        Instant now = clock.instant();
        LocalDate today = LocalDate.now(clock);
        Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
        Instant asOf = now.isBefore(end) ? now : end;
        Map<String, Tally> byUnit = new TreeMap<>();

        // the rolled-up days
        LocalDate last = to.isBefore(until) ? to : until.minusDays(1);
        if (!from.isAfter(last)) {
            summed(unit, codes, from, last, false, byUnit);
        }
        long t1 = System.nanoTime();
        // the days not rolled up (today): live, from the cases touched on them
        LocalDate liveFrom = from.isBefore(until) ? until : from;
        if (!liveFrom.isAfter(to) && !liveFrom.isAfter(today)) {
            Instant ls = liveFrom.atStartOfDay(zone).toInstant();
            CaseFigures.Period p = new CaseFigures.Period(ls, end, asOf);
            DifficultyWeights.Table difficulties = difficulty.table();
            Map<String, Object> q = new HashMap<>(params);
            q.put("start", ls.atOffset(ZoneOffset.UTC));
            q.put("end", end.atOffset(ZoneOffset.UTC));
            q.put("dueEnd", asOf.atOffset(ZoneOffset.UTC));
            tally(EvaluationRollup.TOUCHED + " and " + filter, q, unit, p, true, difficulties, byUnit);
            reReports(ls, end, unit, filter, params, byUnit);
        }
        long t2 = System.nanoTime();
        // the state as of the period's end
        state(unit, codes, filter, params, to, until, asOf, now, byUnit);
        long t3 = System.nanoTime();
        Evaluation e = result(from, to, unit, scope, locale, byUnit);
        long t4 = System.nanoTime();
        if (t4 - t0 > 200_000_000L) {
            LOG.info("Slow evaluation {} to {} by {}: summaries {} ms, live days {} ms, state {} ms, rows {} ms", from, to, unit,
                    (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, (t4 - t3) / 1_000_000);
        }
        return e;
    }

    /**
     * The evaluation from the summaries as of {@code rolledAsOf} (T): the day rows up to the day of T hold every event
     * before T; a case touched since T (an event at T or later) is read live and counted as it is now, less what the
     * summaries counted for it: its events before T, under its lead department and with its open steps' due dates as the
     * roll-up read them (gl_eval_open_case, gl_eval_open_due). Ending now, the state too: the roll-up's as of T
     * (gl_eval_pending_as_of), and again for the cases touched since.
     */
    private Evaluation evaluateAsOf(LocalDate from, LocalDate to, EvaluationUnit unit, AccessScope scope, Locale locale,
                                    List<String> codes, String filter, Map<String, Object> params, LocalDate until, Instant rolledAsOf) {
        long t0 = System.nanoTime();
        ZoneId zone = clock.getZone();
        Instant now = clock.instant();
        Instant start = from.atStartOfDay(zone).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
        Instant asOf = now.isBefore(end) ? now : end;
        Map<String, Tally> byUnit = new TreeMap<>();

        LocalDate last = to.isAfter(until) ? until : to;
        if (!from.isAfter(last)) {
            // up to the day of T, the last with rows: its month's row holds the days of its month so far
            summed(unit, codes, from, last, last.equals(until), byUnit);
        }
        long t1 = System.nanoTime();
        // the cases touched since T: as they are, less what the summaries counted for them (their scope by the unit's codes,
        // as the summaries' rows: a case that left the official's department still comes out of its row)
        CaseFigures.Period current = new CaseFigures.Period(start, end, asOf);
        Instant rolledEnd = end.isBefore(rolledAsOf) ? end : rolledAsOf;
        CaseFigures.Period rolled = new CaseFigures.Period(start, rolledEnd, rolledEnd);
        DifficultyWeights.Table difficulties = difficulty.table();
        java.util.Set<String> allowed = codes.isEmpty() ? null : java.util.Set.copyOf(codes);
        Map<String, Object> q = new HashMap<>();
        q.put("start", rolledAsOf.atOffset(ZoneOffset.UTC));
        q.put("end", (now.isAfter(rolledAsOf) ? now : rolledAsOf).plus(java.time.Duration.ofDays(1)).atOffset(ZoneOffset.UTC));
        q.put("dueEnd", now.atOffset(ZoneOffset.UTC));
        // ending now: the state is the roll-up's as of T, and again for the cases touched since
        boolean endsNow = !asOf.isBefore(now);
        java.util.Set<String> maxUnknown = new java.util.TreeSet<>();
        int[] touched = new int[1];
        // read case by case: the cases with an event since T; those only fallen due since are counted below in SQL
        EvaluationRollup.readWithRolled(named, EvaluationRollup.TOUCHED_BY_EVENT, q, (c, sub, facts, then, thenFacts) -> {
            touched[0]++;
            if (endsNow) {
                String key = allowedKey(unit.keyOf(c), allowed);
                String wasKey = allowedKey(unit.keyOf(then), allowed);
                if (wasKey != null && c.reportedAt() != null && c.reportedAt().isBefore(rolledAsOf)
                        && CaseFigures.overduePending(then, thenFacts, rolledAsOf, settings)) {
                    pending(byUnit, wasKey, -1);
                }
                if (key != null && CaseFigures.overduePending(c, facts, now, settings)) {
                    pending(byUnit, key, 1);
                }
            }
            Tally is = new Tally();
            CaseFigures.countEvents(c, facts, current, settings, workingTime, is);
            CaseFigures.countHonest(c, sub, current, difficulties, null, is);
            Tally was = new Tally();
            if (start.isBefore(rolledEnd) && c.reportedAt() != null && c.reportedAt().isBefore(rolledEnd)) {
                CaseFigures.countEvents(then, thenFacts, rolled, settings, workingTime, was);
                CaseFigures.countHonest(then, sub, rolled, difficulties, null, was);
            }
            String key = allowedKey(unit.keyOf(c), allowed);
            String wasKey = allowedKey(unit.keyOf(then), allowed);
            if (key != null && key.equals(wasKey) && byUnit.computeIfAbsent(key, k -> new Tally()).addChange(is, was)) {
                return;
            }
            if (wasKey != null && !byUnit.computeIfAbsent(wasKey, k -> new Tally()).subtract(was)) {
                maxUnknown.add(wasKey);
            }
            if (key != null) {
                byUnit.computeIfAbsent(key, k -> new Tally()).addAll(is);
            }
        });
        long tRead = System.nanoTime();
        fellDueOnly(unit, allowed, q, start, end, asOf, rolledAsOf, endsNow ? now : null, byUnit);
        long tDue = System.nanoTime();
        // a unit whose longest handling time was taken out: its longest found again among the cases it handled in the period,
        // where the p90 needs it (for the district, whose total keeps every case; else always)
        maxUnknown.removeIf(key -> codes.isEmpty() && !byUnit.get(key).p90NeedsMax());
        Map<String, Long> longest = rollup.longestHandling(unit, maxUnknown, current);
        maxUnknown.forEach(key -> byUnit.get(key).handlingMax(longest.getOrDefault(key, 0L)));
        long tMax = System.nanoTime();
        // the self-resolved cases first re-reported since T
        Instant reFrom = start.isAfter(rolledAsOf) ? start : rolledAsOf;
        if (reFrom.isBefore(end)) {
            for (EvaluationRollup.ReReport r : rollup.reReported(reFrom, end, filter, params)) {
                String key = allowedKey(unit.keyOf(r.row()), allowed);
                if (key != null) {
                    byUnit.computeIfAbsent(key, k -> new Tally()).add(Indicator.RE_REPORTED);
                }
            }
        }
        long t2 = System.nanoTime();
        if (endsNow) {
            pendingRows("gl_eval_pending_as_of where unit_kind = :kind", unit, null, codes, byUnit);
        } else {
            state(unit, codes, filter, params, to, until, asOf, now, byUnit);
        }
        long t3 = System.nanoTime();
        Evaluation e = result(from, to, unit, scope, locale, byUnit);
        long t4 = System.nanoTime();
        if (t4 - t0 > 100_000_000L) {
            LOG.info("Slow evaluation {} to {} by {} (as of {}): summaries {} ms, {} cases with events since {} ms (read {}, fallen due"
                            + " only {}, longest again for {} units {}, re-reported {}), state {} ms, rows {} ms",
                    from, to, unit, rolledAsOf, (t1 - t0) / 1_000_000, touched[0], (t2 - t1) / 1_000_000, (tRead - t1) / 1_000_000,
                    (tDue - tRead) / 1_000_000, maxUnknown.size(), (tMax - tDue) / 1_000_000, (t2 - tMax) / 1_000_000,
                    (t3 - t2) / 1_000_000, (t4 - t3) / 1_000_000);
        }
        return e;
    }

    /**
     * The cases touched since T only because a step fell due since ({@link EvaluationRollup#FELL_DUE_ONLY}, picked by
     * {@code q}'s :start, :end and :dueEnd): only time passed for them, and they stay in their units, so all they change is
     * their steps fallen due since T and still open (OVERDUE_STEPS) and, ending {@code now} (else null), whether their
     * handling step's due date passed since T made them overdue and still to be handled. Counted by unit in SQL, the same
     * rules as {@link CaseFigures} (EvaluationSummaryTest proves the two ways give the same).
     */
    private void fellDueOnly(EvaluationUnit unit, java.util.Set<String> allowed, Map<String, Object> q, Instant start, Instant end,
                             Instant asOf, Instant rolledAsOf, Instant now, Map<String, Tally> byUnit) {
        // the cases once, then their counts by their ids (a few hundred), in chunks a statement's parameters hold
        var ids = jdbc.sql("select c.id from gl_case c where " + EvaluationRollup.FELL_DUE_ONLY);
        q.forEach(ids::param);
        List<Long> cases = ids.query(Long.class).list();
        String column = EvaluationRollup.unitColumn(unit);
        Instant from = start.isAfter(rolledAsOf) ? start : rolledAsOf;
        for (int i = 0; i < cases.size(); i += 10_000) {
            List<Long> chunk = cases.subList(i, Math.min(cases.size(), i + 10_000));
            if (from.isBefore(end) && from.isBefore(asOf)) {
                jdbc.sql(EvaluationRollup.OVERDUE_STEPS_SINCE.formatted(column, "c.id in (:ids)", column))
                        .param("ids", chunk).param("from", from.atOffset(ZoneOffset.UTC)).param("until", end.atOffset(ZoneOffset.UTC))
                        .param("asOf", asOf.atOffset(ZoneOffset.UTC)).query((rs, n) -> {
                            String key = allowedKey(rs.getString("unit"), allowed);
                            if (key != null) {
                                byUnit.computeIfAbsent(key, k -> new Tally()).add(Indicator.OVERDUE_STEPS, rs.getLong("n"));
                            }
                            return null;
                        }).list();
            }
            if (now != null) {
                // overdue pending now and not at T: its handling step fell due since (at T it was the same step, not yet due)
                jdbc.sql(EvaluationRollup.OVERDUE_PENDING_NOW.formatted(column, "c.id in (:ids) and h.due_at >= :since", column))
                        .param("ids", chunk).param("since", rolledAsOf.atOffset(ZoneOffset.UTC))
                        .param("now", now.atOffset(ZoneOffset.UTC)).param("holds", settings.holdsDueToClose()).query((rs, n) -> {
                            String key = allowedKey(rs.getString("unit"), allowed);
                            if (key != null) {
                                pending(byUnit, key, rs.getLong("n"));
                            }
                            return null;
                        }).list();
            }
        }
    }

    /** The overdue-pending counts a roll-up stored (as of its instant, or at a day's end), for the official's units. */
    private void pendingRows(String where, EvaluationUnit unit, LocalDate day, List<String> codes, Map<String, Tally> byUnit) {
        var spec = jdbc.sql("select unit_code, cases from " + where + (codes.isEmpty() ? "" : " and unit_code in (:codes)"))
                .param("kind", unit.name());
        if (day != null) {
            spec.param("day", day);
        }
        if (!codes.isEmpty()) {
            spec.param("codes", codes);
        }
        spec.query((rs, n) -> {
            pending(byUnit, rs.getString(1), rs.getLong(2));
            return null;
        }).list();
    }

    private static String allowedKey(String key, java.util.Set<String> allowed) {
        return key == null || (allowed != null && !allowed.contains(key)) ? null : key;
    }

    /**
     * The state as of the period's end (overdue and still to be handled): one GROUP BY over the open cases when it ends
     * now, the day's snapshot (gl_eval_pending) for a day rolled up, else read from the cases open then.
     */
    private void state(EvaluationUnit unit, List<String> codes, String filter, Map<String, Object> params, LocalDate to,
                       LocalDate until, Instant asOf, Instant now, Map<String, Tally> byUnit) {
        if (!asOf.isBefore(now)) {
            String column = EvaluationRollup.unitColumn(unit);
            var spec = jdbc.sql(EvaluationRollup.OVERDUE_PENDING_NOW.formatted(column, filter, column))
                    .param("now", now.atOffset(ZoneOffset.UTC)).param("holds", settings.holdsDueToClose());
            params.forEach(spec::param);
            spec.query((rs, n) -> {
                String key = rs.getString("unit");
                if (key != null) {
                    pending(byUnit, key, rs.getLong("n"));
                }
                return null;
            }).list();
        } else if (to.isBefore(until)) {
            pendingRows("gl_eval_pending where unit_kind = :kind and on_day = :day", unit, to, codes, byUnit);
        } else {
            Map<String, Object> q = new HashMap<>(params);
            q.put("asOf", asOf.atOffset(ZoneOffset.UTC));
            EvaluationRollup.read(named, "c.reported_at < :asOf and (c.closed_at is null or c.closed_at >= :asOf) and " + filter, q,
                    (c, sub, facts) -> {
                        String key = unit.keyOf(c);
                        if (key != null && CaseFigures.overduePending(c, facts, asOf, settings)) {
                            pending(byUnit, key, 1);
                        }
                    });
        }
    }

    private static void pending(Map<String, Tally> byUnit, String key, long n) {
        Tally t = byUnit.computeIfAbsent(key, k -> new Tally());
        t.add(Indicator.OVERDUE_PENDING, n);
        t.add(Indicator.DUE_TO_CLOSE, n);
    }

    /**
     * The unit codes the official's rows are (empty: all of them), or null when their scope does not follow this unit's
     * rows: the district sees every row; a street's officials the rows of their streets and of the communities and grids in
     * them; a department's handlers their department's row.
     */
    private List<String> summaryCodes(EvaluationUnit unit, AccessScope scope) {
        if (scope.district()) {
            return List.of();
        }
        boolean streetsOnly = !scope.streets().isEmpty() && scope.departments().isEmpty() && !scope.groups().contains(Roles.GRID_WORKER);
        boolean departmentsOnly = scope.streets().isEmpty() && !scope.departments().isEmpty() && !scope.groups().contains(Roles.GRID_WORKER);
        return switch (unit) {
            case STREET, COMMUNITY, GRID -> streetsOnly ? unitsInScope(unit, scope) : null;
            case DEPARTMENT -> departmentsOnly ? List.copyOf(scope.departments()) : null;
            default -> null;
        };
    }

    /**
     * Sums the summary rows of the days from {@code from} to {@code last}: month rows for whole months, day rows else. When
     * {@code last} is the latest day with rows ({@code lastRolled}: the day of the roll-up's instant), its month's row is the
     * sum of its days so far (a month row is always written with its days, in their transaction) and stands for them: a
     * year by grid reads a row per grid for those days, not one per grid and day.
     */
    private void summed(EvaluationUnit unit, List<String> codes, LocalDate from, LocalDate last, boolean lastRolled,
                        Map<String, Tally> byUnit) {
        // whole months inside the days
        LocalDate firstMonth = from.getDayOfMonth() == 1 ? from : from.withDayOfMonth(1).plusMonths(1);
        LocalDate afterMonths = last.plusDays(1).withDayOfMonth(1);
        if (last.plusDays(1).getDayOfMonth() == 1 || (lastRolled && !last.withDayOfMonth(1).isBefore(firstMonth))) {
            afterMonths = last.withDayOfMonth(1).plusMonths(1);
        }
        // the days as literals (dates, never a caller's words): a prepared statement run often gets a generic plan on
        // PostgreSQL, which does not know how few rows the ranges pick and reads the whole table
        List<String> parts = new ArrayList<>();
        Map<String, Object> q = new HashMap<>();
        java.util.function.BiFunction<String, LocalDate, String> on = (op, d) -> "on_day " + op + " date '" + d + "'";
        if (firstMonth.isBefore(afterMonths)) {
            parts.add("(grain = 'M' and " + on.apply(">=", firstMonth) + " and " + on.apply("<", afterMonths) + ")");
            if (from.isBefore(firstMonth)) {
                parts.add("(grain = 'D' and " + on.apply(">=", from) + " and " + on.apply("<", firstMonth) + ")");
            }
            if (!last.isBefore(afterMonths)) {
                parts.add("(grain = 'D' and " + on.apply(">=", afterMonths) + " and " + on.apply("<=", last) + ")");
            }
        } else {
            parts.add("(grain = 'D' and " + on.apply(">=", from) + " and " + on.apply("<=", last) + ")");
        }
        StringBuilder sql = new StringBuilder("select unit_code");
        for (Indicator i : EvaluationRollup.SUMMED) {
            sql.append(", sum(").append(EvaluationRollup.column(i)).append(")");
        }
        sql.append(", sum(weighted_reports), sum(hours_n), sum(hours_sum), max(hours_max)");
        for (int i = 0; i < Tally.BUCKETS; i++) {
            sql.append(", sum(").append(EvaluationRollup.bucketColumn(i)).append(")");
        }
        sql.append(" from gl_eval_summary where unit_kind = '").append(unit.name()).append("' and (").append(String.join(" or ", parts))
                .append(")");
        if (!codes.isEmpty()) {
            sql.append(" and unit_code in (:codes)");
            q.put("codes", codes);
        }
        sql.append(" group by unit_code");
        var spec = jdbc.sql(sql.toString());
        q.forEach(spec::param);
        spec.query((rs, n) -> {
            // the columns in the order of a summary row's (EvaluationRollup.tallyOf)
            byUnit.computeIfAbsent(rs.getString(1), k -> new Tally()).addAll(EvaluationRollup.tallyOf(rs, 2));
            return null;
        }).list();
    }

    private void reReports(Instant start, Instant end, EvaluationUnit unit, String filter, Map<String, Object> params,
                           Map<String, Tally> byUnit) {
        for (EvaluationRollup.ReReport r : rollup.reReported(start, end, filter, params)) {
            String key = unit.keyOf(r.row());
            if (key != null) {
                byUnit.computeIfAbsent(key, k -> new Tally()).add(Indicator.RE_REPORTED);
            }
        }
    }

    /**
     * The evaluation read live: every case alive in the period with all its facts, counted by {@link CaseFigures} (what
     * the summaries must give; used where they cannot answer).
     */
    Evaluation evaluateLive(LocalDate from, LocalDate to, EvaluationUnit unit, AccessScope scope, Locale locale) {
        if (from.isAfter(to)) {
            throw EvaluationRequestException.badRequest("error.evaluation.period", from, to);
        }
        Map<String, Object> params = new HashMap<>();
        String filter = scopeFilter(scope, params);
        Instant start = from.atStartOfDay(clock.getZone()).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(clock.getZone()).toInstant();
        Instant now = clock.instant();
        CaseFigures.Period period = new CaseFigures.Period(start, end, now.isBefore(end) ? now : end);
        Map<String, Object> q = new HashMap<>(params);
        q.put("start", start.atOffset(ZoneOffset.UTC));
        q.put("end", end.atOffset(ZoneOffset.UTC));
        DifficultyWeights.Table difficulties = difficulty.table();
        Map<String, Tally> byUnit = new TreeMap<>();
        tally("c.reported_at < :end and (c.closed_at is null or c.closed_at >= :start) and " + filter, q, unit, period, false,
                difficulties, byUnit);
        reReports(start, end, unit, filter, params, byUnit);
        return result(from, to, unit, scope, locale, byUnit);
    }

    /**
     * The cases the clause finds, read live, counted into their units' tallies: only their events of the period (beside
     * the summaries) or all their figures (the live path), and the honest figures.
     */
    private void tally(String clause, Map<String, Object> q, EvaluationUnit unit, CaseFigures.Period p, boolean eventsOnly,
                       DifficultyWeights.Table difficulties, Map<String, Tally> byUnit) {
        EvaluationRollup.read(named, clause, q, (c, sub, facts) -> {
            String key = unit.keyOf(c);
            if (key != null) {
                Tally t = byUnit.computeIfAbsent(key, k -> new Tally());
                if (eventsOnly) {
                    CaseFigures.countEvents(c, facts, p, settings, workingTime, t);
                } else {
                    CaseFigures.count(c, facts, p, settings, workingTime, t);
                }
                CaseFigures.countHonest(c, sub, p, difficulties, null, t);
            }
        });
    }

    private Evaluation result(LocalDate from, LocalDate to, EvaluationUnit unit, AccessScope scope, Locale locale,
                              Map<String, Tally> byUnit) {
        // a unit is shown when something of it counts, or when it is one of the units in the official's scope
        byUnit.values().removeIf(Tally::isEmpty);
        for (String key : unitsInScope(unit, scope)) {
            byUnit.computeIfAbsent(key, k -> new Tally());
        }
        Tally total = new Tally();
        Map<Indicator, Double> w = weights.of(unit);
        List<Evaluation.Row> rows = new ArrayList<>();
        byUnit.forEach((key, tally) -> {
            rows.add(row(key, name(unit, key, locale), tally, w));
            total.addAll(tally);
        });
        return new Evaluation(from, to, unit, rows, row(TOTAL, Translations.translate("evaluation.total", locale), total, w));
    }

    static Places.Point point(ResultSet rs, int n) throws SQLException {
        return new Places.Point(rs.getLong("id"), rs.getString("case_number"), rs.getString("subcategory_code"), rs.getString("grid_code"),
                rs.getString("address"), rs.getDouble("latitude"), rs.getDouble("longitude"), EvaluationRollup.instant(rs, "reported_at"));
    }

    private Evaluation.Row row(String key, String name, Tally tally, Map<Indicator, Double> w) {
        Map<Indicator, Number> figures = new EnumMap<>(Indicator.class);
        Map<Indicator, Double> rates = new EnumMap<>(Indicator.class);
        for (Indicator i : Indicator.values()) {
            switch (i.kind()) {
                case COUNT -> figures.put(i, tally.get(i));
                case RATE, HOURS, WEIGHTED -> {
                    Double v = i.compute(tally, settings);
                    figures.put(i, v);
                    rates.put(i, v);
                }
                case SCORE -> { }
            }
        }
        figures.put(Indicator.SCORE, EvaluationWeights.score(w, rates));
        return new Evaluation.Row(key, name, figures);
    }


    /**
     * Who sees which figures, from {@link AccessScope}: district roles the whole district; a street's officials and
     * supervisors the cases of their streets; a department's handlers the cases their department leads; a grid worker
     * the cases they reported. Nobody else has figures to see.
     */
    static String scopeFilter(AccessScope scope, Map<String, Object> params) {
        if (scope.district()) {
            return "1 = 1";
        }
        List<String> any = new ArrayList<>();
        if (!scope.streets().isEmpty()) {
            params.put("scopeStreets", List.copyOf(scope.streets()));
            any.add("c.street_code in (:scopeStreets)");
        }
        if (!scope.departments().isEmpty()) {
            params.put("scopeDepartments", List.copyOf(scope.departments()));
            any.add("c.department_code in (:scopeDepartments)");
        }
        if (scope.groups().contains(Roles.GRID_WORKER)) {
            params.put("scopeUser", scope.userId());
            any.add("(c.channel = 'GRID_WORKER' and c.reported_by = :scopeUser)");
        }
        if (any.isEmpty()) {
            throw new EvaluationRequestException(403, "error.evaluation.scope");
        }
        return "(" + String.join(" or ", any) + ")";
    }

    /** The units a row is shown for even without a case: the district's all, or those of the official's streets/departments. */
    private List<String> unitsInScope(EvaluationUnit unit, AccessScope scope) {
        boolean all = scope.district();
        return switch (unit) {
            case DISTRICT -> List.of(EvaluationUnit.DISTRICT.name());
            case STREET -> reference.streets().stream().map(s -> s.code()).filter(c -> all || scope.streets().contains(c)).toList();
            case COMMUNITY -> reference.communities().stream().filter(c -> all || scope.streets().contains(c.streetCode()))
                    .map(c -> c.code()).toList();
            case GRID -> reference.grids().stream().filter(g -> all || scope.streets().contains(g.streetCode())).map(g -> g.code()).toList();
            case DEPARTMENT -> reference.departments().stream().map(d -> d.code())
                    .filter(c -> all || scope.departments().contains(c)).toList();
            case GRID_WORKER -> List.of();
        };
    }

    private String name(EvaluationUnit unit, String key, Locale locale) {
        return switch (unit) {
            case DISTRICT -> reference.districtName();
            case STREET -> reference.street(key).map(s -> Labels.pick(locale, s.name(), s.nameEn())).orElse(key);
            case COMMUNITY -> reference.community(key).map(s -> Labels.pick(locale, s.name(), s.nameEn())).orElse(key);
            case GRID -> reference.grid(key).map(s -> Labels.pick(locale, s.name(), s.nameEn())).orElse(key);
            case DEPARTMENT -> reference.department(key).map(s -> Labels.pick(locale, s.name(), s.nameEn())).orElse(key);
            case GRID_WORKER -> EngineAuthenticationProvider.displayName(identity, key);
        };
    }
}
