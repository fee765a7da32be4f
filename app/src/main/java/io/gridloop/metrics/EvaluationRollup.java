package io.gridloop.metrics;

import io.gridloop.deadline.WorkingTime;
import java.net.InetAddress;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The evaluation's summaries (V25): every finished day's counts per unit (by day and by month) and the cases overdue and
 * still to be handled at each day's end, rolled up from the cases alive on those days in one ordered pass over the cases
 * and their facts (a month at a time), counted by {@link CaseFigures} itself. Runs after midnight in the district's zone
 * and on start-up for the days not yet rolled up, and every few minutes for today up to a minute before (V27, see
 * {@link #rollAsOf}); one node at a time: a lease on gl_eval_rollup_state.
 */
@Component
public class EvaluationRollup {

    private static final Logger LOG = LoggerFactory.getLogger(EvaluationRollup.class);

    /** The counts the summaries add up: every count but the state (overdue pending, kept per day in gl_eval_pending). */
    static final List<Indicator> SUMMED = Arrays.stream(Indicator.values())
            .filter(i -> i.kind() == Indicator.Kind.COUNT && i != Indicator.OVERDUE_PENDING).toList();

    static final List<EvaluationUnit> KINDS = List.of(EvaluationUnit.values());

    static String column(Indicator i) {
        return "c_" + i.key().toLowerCase(Locale.ROOT);
    }

    /**
     * Overdue and still to be handled now (the rule of {@link CaseFigures#overduePending} for the open cases, in SQL, one
     * GROUP BY): dispatched, never at the check, not on hold (unless holds are due), the last handling step started has
     * passed its due date. {@code %s} is the unit's column; {@code :holds} the setting.
     */
    static final String OVERDUE_PENDING_NOW = """
            select %s as unit, count(*) as n from gl_case c join gl_step_fact h on h.case_id = c.id and h.step in ('HANDLE', 'CO_HANDLE')
            where c.closed_at is null and h.due_at < :now and h.started_at < :now
              and not exists (select 1 from gl_step_fact n where n.case_id = c.id and n.step in ('HANDLE', 'CO_HANDLE')
                and n.started_at < :now and (n.started_at > h.started_at or (n.started_at = h.started_at and n.id > h.id)))
              and exists (select 1 from gl_step_fact d where d.case_id = c.id and d.step = 'DISPATCH' and d.finished_at < :now
                and d.outcome is not null)
              and not exists (select 1 from gl_step_fact k where k.case_id = c.id and k.step = 'CHECK' and k.started_at < :now)
              and (:holds = true or not exists (select 1 from gl_step_fact o where o.case_id = c.id and o.step = 'ON_HOLD'
                and o.started_at < :now and (o.finished_at is null or o.finished_at > :now)))
              and %s
            group by %s""";

    /** A unit kind's column in gl_case (alias c), as {@link EvaluationUnit#keyOf} reads it. */
    static String unitColumn(EvaluationUnit unit) {
        return switch (unit) {
            // not a constant: PostgreSQL refuses to GROUP BY one
            case DISTRICT -> "case when c.id is not null then 'DISTRICT' end";
            case STREET -> "c.street_code";
            case COMMUNITY -> "c.community_code";
            case GRID -> "c.grid_code";
            case DEPARTMENT -> "c.department_code";
            case GRID_WORKER -> "case when c.channel = 'GRID_WORKER' then c.reported_by end";
        };
    }

    /**
     * What the summaries hold: every day before {@code rolledUntil} whole, and the events before {@code rolledAsOf} (on the
     * day {@code rolledUntil}, or earlier while the night's roll-up is yet to come), counted as the cases and facts up to the
     * ids stood when last rolled up, with the difficulty table {@code weightsKey}.
     */
    record State(LocalDate rolledUntil, long maxCaseId, long maxFactId, String weightsKey, Instant rolledAsOf) {}

    /**
     * The events of the last moment before a roll-up are left to the live part: a transaction that wrote an event a
     * little earlier may not have committed when the roll-up read.
     */
    static final Duration SETTLE = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate streaming;
    private final TransactionTemplate tx;
    /** One snapshot for the whole roll-up as of an instant: its rows and what it keeps of the open cases agree. */
    private final TransactionTemplate snapshotTx;
    private final Clock clock;
    private final WorkingTime workingTime;
    private final EvaluationSettings settings;
    private final DifficultyWeights difficulty;
    private final String owner;

    public EvaluationRollup(JdbcClient jdbc, DataSource dataSource, PlatformTransactionManager transactions, Clock clock,
                            WorkingTime workingTime, EvaluationSettings settings, DifficultyWeights difficulty) {
        this.jdbc = jdbc;
        JdbcTemplate t = new JdbcTemplate(dataSource);
        t.setFetchSize(2_000);
        this.streaming = new NamedParameterJdbcTemplate(t);
        this.tx = new TransactionTemplate(transactions);
        this.snapshotTx = new TransactionTemplate(transactions);
        this.snapshotTx.setIsolationLevel(org.springframework.transaction.TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.clock = clock;
        this.workingTime = workingTime;
        this.settings = settings;
        this.difficulty = difficulty;
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "node";
        }
        this.owner = host + ":" + UUID.randomUUID();
    }

    /** Further summaries written with each catch-up under the same lease, after these (the board's trend: BoardTrendSnapshots). */
    private final List<Runnable> alsoUnderLease = new java.util.concurrent.CopyOnWriteArrayList<>();

    void alsoUnderLease(Runnable work) {
        alsoUnderLease.add(work);
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(Ordered.LOWEST_PRECEDENCE)
    public void onReady() {
        catchUp();
    }

    /** After midnight in the district's zone: the day just finished (and any day not rolled up yet). */
    @Scheduled(cron = "${gridloop.evaluation.rollup-cron:0 10 0 * * *}", zone = "${gridloop.zone:Asia/Shanghai}")
    public void nightly() {
        catchUp();
    }

    /** Every few minutes: today so far, so that an evaluation ending today reads live only what happened since. */
    @Scheduled(fixedDelayString = "${gridloop.evaluation.today-rollup-every:PT5M}",
            initialDelayString = "${gridloop.evaluation.today-rollup-every:PT5M}")
    public void today() {
        catchUp();
    }

    /**
     * Rolls up every finished day not in the summaries yet (or written into since: see {@link #summarizedUntil}); all of
     * them when the difficulty table changed; then today up to a minute ago ({@link #rollAsOf}). Returns the number of
     * finished days rolled up; 0 when another node holds the lease.
     */
    public int catchUp() {
        if (!lease()) {
            return 0;
        }
        try {
            Instant started = clock.instant();
            LocalDate today = LocalDate.now(clock);
            String weights = weightsKey();
            State s = state();
            LocalDate from = weights.equals(s.weightsKey()) ? summarizedUntil(s, weights) : null;
            boolean fresh = from == null;
            if (from == null) {
                from = firstDay();
            }
            int days = 0;
            if (from != null && from.isBefore(today)) {
                days = rollUp(from, today);
            }
            // the cases touched since the last roll-up (all of them when it was only nightly) move their earlier days' counts
            Instant since = fresh || from == null ? started.minus(SETTLE)
                    : s.rolledAsOf() != null ? s.rolledAsOf() : from.atStartOfDay(clock.getZone()).toInstant();
            // the days rolled up just now (from `from` to today), read before the snapshot below; the earlier ones hold every
            // case as the last roll-up's snapshot read it, whose open cases' state it kept (none before V27, none when fresh)
            LocalDate wholeFrom = from == null || from.isAfter(today) ? today : from;
            boolean lastKept = !fresh && s.rolledAsOf() != null;
            snapshotTx.executeWithoutResult(x -> rollAsOf(since, weights, s, lastKept, wholeFrom, started.minus(SETTLE)));
            alsoUnderLease.forEach(Runnable::run);
            return days;
        } finally {
            jdbc.sql("update gl_eval_rollup_state set lease_until = null, lease_owner = null where id = 1 and lease_owner = :o")
                    .param("o", owner).update();
        }
    }

    /**
     * Today up to a minute ago (T), in one transaction that reads one snapshot (repeatable read): the earlier days of the
     * cases touched since {@code since} rolled up again (a case dispatched today moves its earlier counts to its new
     * department, a due date moved changes the day a step was overdue on), today's counts of the events before T, and what
     * may still change on the open cases as it stood (their lead department, their open steps' due dates), so that an
     * evaluation, and the next roll-up, can take out of the summaries exactly what they counted for a case touched after T.
     */
    private void rollAsOf(Instant since, String weights, State last, boolean lastKept, LocalDate wholeFrom, Instant wholeSince) {
        ZoneId zone = clock.getZone();
        Instant now = clock.instant();
        LocalDate today = LocalDate.now(clock);
        Instant todayStart = today.atStartOfDay(zone).toInstant();
        Instant asOf = now.minus(SETTLE).isBefore(todayStart) ? todayStart : now.minus(SETTLE);
        long maxCase = jdbc.sql("select coalesce(max(id), 0) from gl_case").query(Long.class).single();
        long maxFact = jdbc.sql("select coalesce(max(id), 0) from gl_step_fact").query(Long.class).single();
        long t0 = System.nanoTime();
        EarlierDays earlier = rollEarlierDays(since.isBefore(now) ? since : now, now, today, last, lastKept, wholeFrom, wholeSince);
        long t1 = System.nanoTime();
        int cases = rollToday(todayStart, asOf);
        jdbc.sql("delete from gl_eval_open_case").update();
        jdbc.sql("insert into gl_eval_open_case (case_id, department_code) select id, department_code from gl_case where closed_at is null")
                .update();
        jdbc.sql("delete from gl_eval_open_due").update();
        jdbc.sql("""
                insert into gl_eval_open_due (fact_id, due_at) select f.id, f.due_at from gl_case c join gl_step_fact f on f.case_id = c.id
                where c.closed_at is null and f.finished_at is null""").update();
        pendingAsOf(asOf);
        jdbc.sql("""
                update gl_eval_rollup_state set rolled_until = :until, max_case_id = :c, max_fact_id = :f, weights_key = :w,
                  rolled_as_of = :asOf where id = 1""")
                .param("until", today).param("c", maxCase).param("f", maxFact).param("w", weights)
                .param("asOf", asOf.atOffset(ZoneOffset.UTC)).update();
        earlierDays = earlier;
        long ms = (System.nanoTime() - t0) / 1_000_000;
        (ms > 5_000 ? LOG.atInfo() : LOG.atDebug()).log("Evaluation summaries as of {}: earlier days of {} cases corrected ({} rows), "
                        + "{} earlier days again whole, in {} ms; {} cases of today, {} ms in all",
                asOf, earlier.cases(), earlier.rows(), earlier.daysWhole(), (t1 - t0) / 1_000_000, cases, ms);
    }

    /**
     * What a roll-up of today did to the days before: the cases whose counts on them changed since the last roll-up,
     * the day rows it corrected case by case, and the days it rolled up again whole (see {@link #rollEarlierDays}).
     */
    record EarlierDays(int cases, int rows, int daysWhole) {}

    private volatile EarlierDays earlierDays = new EarlierDays(0, 0, 0);

    /** What the last roll-up of today did to the days before it (the log says it too; the tests read it). */
    EarlierDays earlierDays() {
        return earlierDays;
    }

    /** The cases overdue and still to be handled at {@code asOf}, per unit (gl_eval_pending_as_of). */
    private void pendingAsOf(Instant asOf) {
        Map<Key, long[]> pending = new HashMap<>();
        OffsetDateTime t = asOf.atOffset(ZoneOffset.UTC);
        read(streaming, "c.reported_at < :t and (c.closed_at is null or c.closed_at >= :t)", Map.of("t", t), (c, sub, facts) -> {
            if (CaseFigures.overduePending(c, facts, asOf, settings)) {
                for (EvaluationUnit k : KINDS) {
                    String code = k.keyOf(c);
                    if (code != null) {
                        pending.computeIfAbsent(new Key(k, code, null), x -> new long[1])[0]++;
                    }
                }
            }
        });
        jdbc.sql("delete from gl_eval_pending_as_of").update();
        streaming.getJdbcTemplate().batchUpdate("insert into gl_eval_pending_as_of (unit_kind, unit_code, cases) values (?, ?, ?)",
                new ArrayList<>(pending.entrySet()), 1_000, (ps, e) -> {
                    ps.setString(1, e.getKey().kind().name());
                    ps.setString(2, e.getKey().code());
                    ps.setLong(3, e.getValue()[0]);
                });
    }

    /** Today's day rows: the events of [todayStart, asOf) of the cases touched then. Returns the cases read. */
    private int rollToday(Instant todayStart, Instant asOf) {
        LocalDate today = todayStart.atZone(clock.getZone()).toLocalDate();
        int cases = rollEvents(today, todayStart, asOf);
        month(today.withDayOfMonth(1));
        return cases;
    }

    /** One node at a time: takes the lease when it is free or has run out (a node that died leaves it for an hour). */
    private boolean lease() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return jdbc.sql("""
                update gl_eval_rollup_state set lease_until = :until, lease_owner = :o
                where id = 1 and (lease_until is null or lease_until < :now)""")
                .param("until", now.plusHours(1)).param("o", owner).param("now", now).update() == 1;
    }

    State state() {
        return jdbc.sql("select rolled_until, max_case_id, max_fact_id, weights_key, rolled_as_of from gl_eval_rollup_state where id = 1")
                .query((rs, n) -> new State(rs.getObject(1, LocalDate.class), rs.getLong(2), rs.getLong(3), rs.getString(4),
                        instant(rs, "rolled_as_of")))
                .single();
    }

    /** The difficulty table's weights as the summaries used them: the same weights give the same key. */
    String weightsKey() {
        DifficultyWeights.Table t = difficulty.table();
        StringBuilder b = new StringBuilder().append(t.easyWeight());
        new TreeMap<>(t.weights()).forEach((k, v) -> b.append(';').append(k).append('=').append(v));
        return UUID.nameUUIDFromBytes(b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    /**
     * The first day the summaries cannot answer for: their {@code rolledUntil}, or earlier when a case or a step was
     * written since with an earlier time (a history loaded into the past); null when they answer for nothing (never rolled
     * up, or the difficulty table changed since).
     */
    LocalDate summarizedUntil(State s, String weightsKey) {
        if (s.rolledUntil() == null || !weightsKey.equals(s.weightsKey())) {
            return null;
        }
        LocalDate until = s.rolledUntil();
        Instant t = writtenSince(s);
        if (t != null) {
            LocalDate d = t.atZone(clock.getZone()).toLocalDate();
            if (d.isBefore(until)) {
                until = d;
            }
        }
        return until;
    }

    /**
     * The instant the summaries hold every event before (today's too), or null when they do not: never rolled up so,
     * the difficulty table changed, or a case or a step written since with a time before it.
     */
    Instant summarizedAsOf(State s, String weightsKey) {
        if (s.rolledUntil() == null || s.rolledAsOf() == null || !weightsKey.equals(s.weightsKey())
                || s.rolledAsOf().isBefore(s.rolledUntil().atStartOfDay(clock.getZone()).toInstant())) {
            return null;
        }
        Instant t = writtenSince(s);
        return t != null && t.isBefore(s.rolledAsOf()) ? null : s.rolledAsOf();
    }

    /** The earliest time of a case reported or a step started that was written since the last roll-up, or null. */
    private Instant writtenSince(State s) {
        Instant min = null;
        // min() of an expression: read by the id's range (what was written since), not by scanning the time's index
        for (String sql : List.of("select min(coalesce(reported_at, reported_at)) from gl_case where id > :id",
                "select min(coalesce(started_at, started_at)) from gl_step_fact where id > :id")) {
            OffsetDateTime t = jdbc.sql(sql).param("id", sql.contains("gl_case") ? s.maxCaseId() : s.maxFactId())
                    .query(OffsetDateTime.class).optional().orElse(null);
            if (t != null && (min == null || t.toInstant().isBefore(min))) {
                min = t.toInstant();
            }
        }
        return min;
    }

    private LocalDate firstDay() {
        OffsetDateTime t = jdbc.sql("select min(reported_at) from gl_case").query(OffsetDateTime.class).optional().orElse(null);
        return t == null ? null : t.toInstant().atZone(clock.getZone()).toLocalDate();
    }

    /** Rolls up the days from {@code from} to before {@code to}, a month (or its part) at a time; returns the days. */
    public int rollUp(LocalDate from, LocalDate to) {
        int days = 0;
        for (LocalDate a = from; a.isBefore(to); ) {
            LocalDate monthEnd = a.withDayOfMonth(1).plusMonths(1);
            LocalDate b = monthEnd.isBefore(to) ? monthEnd : to;
            LocalDate start = a;
            long t0 = System.nanoTime();
            int cases = tx.execute(s -> rollChunk(start, b));
            days += (int) (b.toEpochDay() - a.toEpochDay());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            if (ms > 5_000) {
                LOG.info("Evaluation summaries {} to {}: {} cases in {} ms", a, b, cases, ms);
            } else {
                LOG.debug("Evaluation summaries {} to {}: {} cases in {} ms", a, b, cases, ms);
            }
            a = b;
        }
        return days;
    }

    private record Key(EvaluationUnit kind, String code, LocalDate day) {}

    /**
     * The cases touched in [start, end) (gl_case as c): an event of theirs or a step started, finished or due then
     * ({@code dueEnd}: a step due after the moment judged at is no event yet).
     */
    static final String TOUCHED = """
            c.id in (select t.id from gl_case t where (t.reported_at >= :start and t.reported_at < :end)
              or (t.registered_at >= :start and t.registered_at < :end) or (t.closed_at >= :start and t.closed_at < :end)
            union select g.case_id from gl_step_fact g where (g.started_at >= :start and g.started_at < :end)
              or (g.finished_at >= :start and g.finished_at < :end) or (g.due_at >= :start and g.due_at < :dueEnd))""";

    /**
     * Of the cases {@link #TOUCHED} since :start (gl_case as c), those read case by case beside the summaries: an event of
     * theirs since (reported, registered, closed, a step started or finished), or a step fallen due since whose case the
     * last roll-up read otherwise than it is ({@link #rolledDiffers}). The others are {@link #FELL_DUE_ONLY}. The ids
     * first, as an array: as {@code c.id in (...)} PostgreSQL guesses thousands of cases and reads the whole of gl_case.
     */
    static final String TOUCHED_BY_EVENT = """
            c.id = any(array(select t.id from gl_case t where (t.reported_at >= :start and t.reported_at < :end)
              or (t.registered_at >= :start and t.registered_at < :end) or (t.closed_at >= :start and t.closed_at < :end)
            union select g.case_id from gl_step_fact g where (g.started_at >= :start and g.started_at < :end)
              or (g.finished_at >= :start and g.finished_at < :end)
            union select g.case_id from gl_step_fact g where g.due_at >= :start and g.due_at < :dueEnd and %s))"""
            .formatted(rolledDiffers("g.case_id"));

    /**
     * Of the cases {@link #TOUCHED} since :start (gl_case as c), those touched only because a step's due date passed in
     * [:start, :dueEnd): no event since, and as the last roll-up read them. Since then only time passed for them, so all
     * they change is the overdue steps ({@link #OVERDUE_STEPS_SINCE}) and whether they are overdue and still to be handled
     * now ({@link #OVERDUE_PENDING_NOW} with the handling step's due date at :start or later), counted in SQL by unit.
     */
    static final String FELL_DUE_ONLY = """
            c.id = any(array(select g.case_id from gl_step_fact g where g.due_at >= :start and g.due_at < :dueEnd and not %s
            except select t.id from gl_case t where (t.reported_at >= :start and t.reported_at < :end)
              or (t.registered_at >= :start and t.registered_at < :end) or (t.closed_at >= :start and t.closed_at < :end)
            except select e.case_id from gl_step_fact e where (e.started_at >= :start and e.started_at < :end)
              or (e.finished_at >= :start and e.finished_at < :end)))""".formatted(rolledDiffers("g.case_id"));

    /**
     * The case {@code caseId} as the last roll-up read it differs from what it is: another lead department
     * (gl_eval_open_case), or an open step's due date moved (gl_eval_open_due), as {@link #readWithRolled} reads them.
     */
    private static String rolledDiffers(String caseId) {
        return """
                (exists (select 1 from gl_eval_open_case oc join gl_case oc_c on oc_c.id = oc.case_id where oc.case_id = %s
                  and oc.department_code is distinct from oc_c.department_code)
                or exists (select 1 from gl_step_fact od_f join gl_eval_open_due od on od.fact_id = od_f.id where od_f.case_id = %s
                  and od.due_at is distinct from od_f.due_at))""".formatted(caseId, caseId);
    }

    /**
     * The overdue steps per unit ({@code %s}: its column) of the cases {@code %s} picks (on gl_case c), as
     * {@link CaseFigures#countEvents} counts them (its overdueStep, in SQL: the same rule, and EvaluationSummaryTest proves
     * them equal): a step due in [:from, :until) still open at :asOf, finished later or not at all.
     */
    static final String OVERDUE_STEPS_SINCE = """
            select %s as unit, count(*) as n from gl_case c join gl_step_fact f on f.case_id = c.id
            where f.due_at >= :from and f.due_at < :until and coalesce(f.finished_at, :asOf) > f.due_at and %s
            group by %s""";

    /**
     * What the cases touched in [since, until) changed on days before {@code today}: a case dispatched today to a
     * department moves its earlier counts (its report, its registration) to that department's row, a due date moved
     * changes which day its step was overdue on. Corrected case by case: on each earlier day a case counts on, now or as
     * the last roll-up read it, its day rows lose what that roll-up counted for it (the case with the lead department and
     * open steps' due dates it kept, gl_eval_open_case and gl_eval_open_due, counted by {@link CaseFigures} as it was
     * counted then) and gain what it counts now, per unit kind, as the evaluation takes a case touched since T out of the
     * summaries ({@link Tally#addChange}, {@link Tally#subtract}); a row that lost its longest handling time has it found
     * again among the cases it handled that day ({@link #longestAgain}); the month rows of the units corrected are summed
     * again from their days. Where that cannot be exact the day is rolled up again whole, from every case touched on it:
     * a day this catch-up has just rolled up outside this snapshot ({@code wholeFrom} to today) of a case touched since
     * {@code wholeSince} (how it stood when read there is not kept), every day when the last roll-up kept no state of the
     * open cases ({@code lastKept} false), and a day whose rows would fall below zero (they did not hold what the last
     * roll-up is taken to have counted). The state at the days' ends stays as it was.
     */
    private EarlierDays rollEarlierDays(Instant since, Instant until, LocalDate today, State last, boolean lastKept,
                                        LocalDate wholeFrom, Instant wholeSince) {
        ZoneId zone = clock.getZone();
        Instant todayStart = today.atStartOfDay(zone).toInstant();
        DifficultyWeights.Table difficulties = difficulty.table();
        TreeSet<LocalDate> whole = new TreeSet<>();
        List<Change> changes = new ArrayList<>();
        java.util.Set<Long> corrected = new java.util.HashSet<>();
        // a step falling due changes nothing on an earlier day: only the cases something was written for
        OffsetDateTime from = since.atOffset(ZoneOffset.UTC);
        readWithRolled(streaming, TOUCHED, Map.of("start", from, "end", until.atOffset(ZoneOffset.UTC), "dueEnd", from),
                (c, sub, facts, then, thenFacts) -> {
                    TreeSet<LocalDate> days = new TreeSet<>();
                    Instant[] latest = {c.reportedAt()};
                    Consumer<Instant> event = t -> {
                        if (t != null && (latest[0] == null || t.isAfter(latest[0]))) {
                            latest[0] = t;
                        }
                    };
                    Consumer<Instant> day = t -> {
                        if (t != null && t.isBefore(todayStart)) {
                            days.add(t.atZone(zone).toLocalDate());
                        }
                    };
                    for (Instant t : new Instant[] {c.reportedAt(), c.registeredAt(), c.closedAt()}) {
                        day.accept(t);
                        event.accept(t);
                    }
                    for (CaseFigures.Fact f : facts) {
                        day.accept(f.startedAt());
                        day.accept(f.finishedAt());
                        day.accept(f.dueAt());
                        event.accept(f.startedAt());
                        event.accept(f.finishedAt());
                    }
                    thenFacts.forEach(f -> day.accept(f.dueAt()));
                    // a case written after the last roll-up's snapshot was not counted by it
                    boolean countedThen = c.id() <= last.maxCaseId();
                    for (LocalDate d : days) {
                        if (!d.isBefore(wholeFrom)) {
                            // rolled up by this catch-up before this snapshot: right unless the case changed since that read
                            if (latest[0] != null && !latest[0].isBefore(wholeSince)) {
                                whole.add(d);
                            }
                            continue;
                        }
                        if (!lastKept) {
                            whole.add(d);
                            continue;
                        }
                        Instant ds = d.atStartOfDay(zone).toInstant();
                        Instant de = d.plusDays(1).atStartOfDay(zone).toInstant();
                        CaseFigures.Period p = new CaseFigures.Period(ds, de, de);
                        Tally is = new Tally();
                        CaseFigures.countEvents(c, facts, p, settings, workingTime, is);
                        CaseFigures.countHonest(c, sub, p, difficulties, null, is);
                        Tally was = new Tally();
                        if (countedThen) {
                            CaseFigures.countEvents(then, thenFacts, p, settings, workingTime, was);
                            CaseFigures.countHonest(then, sub, p, difficulties, null, was);
                        }
                        for (EvaluationUnit k : KINDS) {
                            String code = k.keyOf(c);
                            String wasCode = countedThen ? k.keyOf(then) : null;
                            if ((code == null && wasCode == null) || (java.util.Objects.equals(code, wasCode) && sameCounts(is, was))) {
                                continue;
                            }
                            changes.add(new Change(new Key(k, wasCode, d), new Key(k, code, d), was, is));
                            corrected.add(c.id());
                        }
                    }
                });

        // the day rows the changes fall on, as the summaries hold them, corrected
        java.util.Set<Key> keys = new java.util.HashSet<>();
        for (Change ch : changes) {
            if (!whole.contains(ch.is().day())) {
                if (ch.was().code() != null) {
                    keys.add(ch.was());
                }
                if (ch.is().code() != null) {
                    keys.add(ch.is());
                }
            }
        }
        Map<Key, Tally> rows = dayRows(keys);
        java.util.Set<Key> maxUnknown = new java.util.HashSet<>();
        for (Change ch : changes) {
            Key was = ch.was().code() == null ? null : ch.was();
            Key is = ch.is().code() == null ? null : ch.is();
            if (!rows.containsKey(is != null ? is : was)) {
                continue;  // its day is rolled up again whole
            }
            if (is != null && is.equals(was) && rows.get(is).addChange(ch.now(), ch.then())) {
                continue;
            }
            if (was != null && !rows.get(was).subtract(ch.then())) {
                maxUnknown.add(was);
            }
            if (is != null) {
                rows.get(is).addAll(ch.now());
            }
        }
        rows.forEach((k, t) -> {
            if (belowZero(t)) {
                whole.add(k.day());
            }
        });
        rows.keySet().removeIf(k -> whole.contains(k.day()));
        maxUnknown.removeIf(k -> whole.contains(k.day()));
        longestAgain(maxUnknown, rows);
        replaceDayRows(rows);

        TreeSet<LocalDate> wholeMonths = new TreeSet<>();
        for (LocalDate d : whole) {
            rollEvents(d);
            wholeMonths.add(d.withDayOfMonth(1));
        }
        wholeMonths.forEach(this::month);
        // the month rows of the units corrected, summed again from their day rows
        Map<LocalDate, Map<EvaluationUnit, TreeSet<String>>> months = new TreeMap<>();
        for (Key k : rows.keySet()) {
            LocalDate m = k.day().withDayOfMonth(1);
            if (!wholeMonths.contains(m)) {
                months.computeIfAbsent(m, x -> new java.util.EnumMap<>(EvaluationUnit.class))
                        .computeIfAbsent(k.kind(), x -> new TreeSet<>()).add(k.code());
            }
        }
        months.forEach((m, units) -> units.forEach((kind, codes) -> month(m, kind, codes)));
        return new EarlierDays(corrected.size(), rows.size(), whole.size());
    }

    /** One case's counts on one day in one unit kind: as the last roll-up counted them (in {@code was}) and now (in {@code is}). */
    private record Change(Key was, Key is, Tally then, Tally now) {}

    /** The same counts, reports weighted and handling times. */
    private static boolean sameCounts(Tally a, Tally b) {
        for (Indicator i : Indicator.values()) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return a.weightedReports() == b.weightedReports() && a.sameHandling(b);
    }

    /** A row below zero: it did not hold what was taken out of it. */
    private static boolean belowZero(Tally t) {
        for (Indicator i : SUMMED) {
            if (t.get(i) < 0) {
                return true;
            }
        }
        for (int i = 0; i < Tally.BUCKETS; i++) {
            if (t.bucket(i) < 0) {
                return true;
            }
        }
        return t.handlingCount() < 0 || t.handlingSum() < 0 || t.weightedReports() < -1e-9;
    }

    /** The day rows of these keys as the summaries hold them (an empty tally where there is none). */
    private Map<Key, Tally> dayRows(java.util.Set<Key> keys) {
        Map<Key, Tally> rows = new HashMap<>();
        Map<EvaluationUnit, List<Key>> byKind = keys.stream().collect(java.util.stream.Collectors.groupingBy(Key::kind));
        byKind.forEach((kind, ks) -> {
            List<LocalDate> days = ks.stream().map(Key::day).distinct().toList();
            List<String> codes = ks.stream().map(Key::code).distinct().toList();
            jdbc.sql("select " + String.join(", ", columns()) + " from gl_eval_summary"
                            + " where unit_kind = :k and grain = 'D' and on_day in (:days) and unit_code in (:codes)")
                    .param("k", kind.name()).param("days", days).param("codes", codes)
                    .query((rs, n) -> {
                        Key k = new Key(kind, rs.getString("unit_code"), rs.getObject("on_day", LocalDate.class));
                        if (keys.contains(k)) {
                            rows.put(k, tallyOf(rs, 5));
                        }
                        return k;
                    }).list();
        });
        keys.forEach(k -> rows.computeIfAbsent(k, x -> new Tally()));
        return rows;
    }

    /** A summary row's figures, from column {@code first} on in the order of {@link #columns} (its counts, weights, hours). */
    static Tally tallyOf(ResultSet rs, int first) throws SQLException {
        Tally t = new Tally();
        int c = first;
        for (Indicator i : SUMMED) {
            t.add(i, rs.getLong(c++));
        }
        t.addWeightedReport(rs.getDouble(c++));
        long count = rs.getLong(c++);
        long sum = rs.getLong(c++);
        long max = rs.getLong(c++);
        long[] buckets = new long[Tally.BUCKETS];
        for (int i = 0; i < Tally.BUCKETS; i++) {
            buckets[i] = rs.getLong(c++);
        }
        t.addHandling(count, sum, max, buckets);
        return t;
    }

    /**
     * The longest handling time of the day rows that lost theirs (which {@link Tally#subtract} cannot know), found again
     * among the cases each unit handled that day ({@link #longestHandling}, as the evaluation does for a period).
     */
    private void longestAgain(java.util.Set<Key> unknown, Map<Key, Tally> rows) {
        ZoneId zone = clock.getZone();
        unknown.stream().collect(java.util.stream.Collectors.groupingBy(k -> Map.entry(k.day(), k.kind()))).forEach((dk, keys) -> {
            Instant ds = dk.getKey().atStartOfDay(zone).toInstant();
            Instant de = dk.getKey().plusDays(1).atStartOfDay(zone).toInstant();
            Map<String, Long> longest = longestHandling(dk.getValue(), keys.stream().map(Key::code).toList(),
                    new CaseFigures.Period(ds, de, de));
            keys.forEach(k -> rows.get(k).handlingMax(longest.getOrDefault(k.code(), 0L)));
        });
    }

    /**
     * The longest handling time in the period of each of these units (of one kind): among the cases whose check began in
     * it (a handling time ends there), each counted by {@link CaseFigures} in its unit of now. A unit with none is left out.
     */
    Map<String, Long> longestHandling(EvaluationUnit kind, java.util.Collection<String> codes, CaseFigures.Period p) {
        Map<String, Long> longest = new HashMap<>();
        if (codes.isEmpty()) {
            return longest;
        }
        java.util.Set<String> wanted = java.util.Set.copyOf(codes);
        read(streaming, unitColumn(kind) + " in (:codes) and c.id in (select f.case_id from gl_step_fact f where f.step = 'CHECK'"
                        + " and f.started_at >= :start and f.started_at < :end)",
                Map.of("codes", wanted, "start", p.start().atOffset(ZoneOffset.UTC), "end", p.end().atOffset(ZoneOffset.UTC)),
                (c, sub, facts) -> {
                    String code = kind.keyOf(c);
                    if (code != null && wanted.contains(code)) {
                        Tally handled = new Tally();
                        CaseFigures.countEvents(c, facts, p, settings, workingTime, handled);
                        if (handled.handlingCount() > 0) {
                            longest.merge(code, handled.handlingMax(), Math::max);
                        }
                    }
                });
        return longest;
    }

    /** Replaces these day rows (a row with nothing left is removed). */
    private void replaceDayRows(Map<Key, Tally> rows) {
        streaming.getJdbcTemplate().batchUpdate(
                "delete from gl_eval_summary where unit_kind = ? and grain = 'D' and on_day = ? and unit_code = ?",
                new ArrayList<>(rows.keySet()), 1_000, (ps, k) -> {
                    ps.setString(1, k.kind().name());
                    ps.setObject(2, k.day());
                    ps.setString(3, k.code());
                });
        insertDayRows(rows);
    }

    /** One day's counts again, from the cases touched on it. */
    private void rollEvents(LocalDate d) {
        ZoneId zone = clock.getZone();
        rollEvents(d, d.atStartOfDay(zone).toInstant(), d.plusDays(1).atStartOfDay(zone).toInstant());
    }

    /** Day {@code d}'s rows: the events of [start, end) of the cases touched then (a whole day, or today up to its instant). */
    private int rollEvents(LocalDate d, Instant start, Instant end) {
        CaseFigures.Period p = new CaseFigures.Period(start, end, end);
        DifficultyWeights.Table difficulties = difficulty.table();
        Map<Key, Tally> sums = new HashMap<>();
        int[] cases = new int[1];
        OffsetDateTime a = start.atOffset(ZoneOffset.UTC);
        OffsetDateTime b = end.atOffset(ZoneOffset.UTC);
        read(streaming, TOUCHED, Map.of("start", a, "end", b, "dueEnd", b), (c, sub, facts) -> {
            cases[0]++;
            Tally t = new Tally();
            CaseFigures.countEvents(c, facts, p, settings, workingTime, t);
            CaseFigures.countHonest(c, sub, p, difficulties, null, t);
            for (EvaluationUnit k : KINDS) {
                String code = k.keyOf(c);
                if (code != null) {
                    sums.computeIfAbsent(new Key(k, code, d), x -> new Tally()).addAll(t);
                }
            }
        });
        for (ReReport r : reReported(start, end, "1 = 1", Map.of())) {
            for (EvaluationUnit k : KINDS) {
                String code = k.keyOf(r.row());
                if (code != null) {
                    sums.computeIfAbsent(new Key(k, code, d), x -> new Tally()).add(Indicator.RE_REPORTED);
                }
            }
        }
        write(d, d.plusDays(1), sums, null);
        return cases[0];
    }

    /** One chunk (days within one month): replaces its day rows and pending rows, then its month's row. */
    private int rollChunk(LocalDate from, LocalDate to) {
        ZoneId zone = clock.getZone();
        Instant start = from.atStartOfDay(zone).toInstant();
        Instant end = to.atStartOfDay(zone).toInstant();
        DifficultyWeights.Table difficulties = difficulty.table();
        Map<Key, Tally> sums = new HashMap<>();
        Map<Key, long[]> pending = new HashMap<>();
        int[] cases = new int[1];
        read(streaming, "c.reported_at < :end and (c.closed_at is null or c.closed_at >= :start)",
                Map.of("start", start.atOffset(ZoneOffset.UTC), "end", end.atOffset(ZoneOffset.UTC)), (c, sub, facts) -> {
                    cases[0]++;
                    String[] keys = new String[KINDS.size()];
                    for (EvaluationUnit k : KINDS) {
                        keys[k.ordinal()] = k.keyOf(c);
                    }
                    // the days something of this case happened on within the chunk
                    TreeSet<LocalDate> days = new TreeSet<>();
                    Consumer<Instant> day = t -> {
                        if (t != null && !t.isBefore(start) && t.isBefore(end)) {
                            days.add(t.atZone(zone).toLocalDate());
                        }
                    };
                    day.accept(c.reportedAt());
                    day.accept(c.registeredAt());
                    day.accept(c.closedAt());
                    for (CaseFigures.Fact f : facts) {
                        day.accept(f.startedAt());
                        day.accept(f.finishedAt());
                        day.accept(f.dueAt());
                    }
                    for (LocalDate d : days) {
                        Instant ds = d.atStartOfDay(zone).toInstant();
                        Instant de = d.plusDays(1).atStartOfDay(zone).toInstant();
                        Tally t = new Tally();
                        CaseFigures.Period p = new CaseFigures.Period(ds, de, de);
                        CaseFigures.countEvents(c, facts, p, settings, workingTime, t);
                        CaseFigures.countHonest(c, sub, p, difficulties, null, t);
                        for (EvaluationUnit k : KINDS) {
                            if (keys[k.ordinal()] != null) {
                                sums.computeIfAbsent(new Key(k, keys[k.ordinal()], d), x -> new Tally()).addAll(t);
                            }
                        }
                    }
                    // the state at each day's end while the case was dispatched, not handled and not closed
                    Instant dispatched = CaseFigures.dispatchedAt(facts);
                    if (dispatched != null && dispatched.isBefore(end)) {
                        Instant handled = CaseFigures.handledAt(facts);
                        for (LocalDate d = from; d.isBefore(to); d = d.plusDays(1)) {
                            Instant de = d.plusDays(1).atStartOfDay(zone).toInstant();
                            if ((handled != null && handled.isBefore(de)) || (c.closedAt() != null && c.closedAt().isBefore(de))) {
                                break;
                            }
                            if (CaseFigures.overduePending(c, facts, de, settings)) {
                                for (EvaluationUnit k : KINDS) {
                                    if (keys[k.ordinal()] != null) {
                                        pending.computeIfAbsent(new Key(k, keys[k.ordinal()], d), x -> new long[1])[0]++;
                                    }
                                }
                            }
                        }
                    }
                });
        // the self-resolved cases first re-reported on these days
        for (ReReport r : reReported(start, end, "1 = 1", Map.of())) {
            LocalDate d = r.at().atZone(zone).toLocalDate();
            for (EvaluationUnit k : KINDS) {
                String code = k.keyOf(r.row());
                if (code != null) {
                    sums.computeIfAbsent(new Key(k, code, d), x -> new Tally()).add(Indicator.RE_REPORTED);
                }
            }
        }
        write(from, to, sums, pending);
        month(from.withDayOfMonth(1));
        return cases[0];
    }

    private void write(LocalDate from, LocalDate to, Map<Key, Tally> sums, Map<Key, long[]> pending) {
        jdbc.sql("delete from gl_eval_summary where grain = 'D' and on_day >= :a and on_day < :b").param("a", from).param("b", to).update();
        if (pending != null) {
            jdbc.sql("delete from gl_eval_pending where on_day >= :a and on_day < :b").param("a", from).param("b", to).update();
        }
        insertDayRows(sums);
        if (pending == null) {
            return;
        }
        List<Map.Entry<Key, long[]>> states = new ArrayList<>(pending.entrySet());
        streaming.getJdbcTemplate().batchUpdate("insert into gl_eval_pending (on_day, unit_kind, unit_code, cases) values (?, ?, ?, ?)",
                states, 1_000, (ps, e) -> {
                    ps.setObject(1, e.getKey().day());
                    ps.setString(2, e.getKey().kind().name());
                    ps.setString(3, e.getKey().code());
                    ps.setLong(4, e.getValue()[0]);
                });
    }

    /** Inserts these day rows (those with something counted). */
    private void insertDayRows(Map<Key, Tally> sums) {
        List<String> columns = columns();
        // many rows to a statement: one round trip for a hundred rows, on PostgreSQL and H2 alike
        String head = "insert into gl_eval_summary (" + String.join(", ", columns) + ") values ";
        String one = "(" + String.join(", ", columns.stream().map(x -> "?").toList()) + ")";
        JdbcTemplate plain = streaming.getJdbcTemplate();
        List<Map.Entry<Key, Tally>> rows = sums.entrySet().stream().filter(e -> !e.getValue().isEmpty()).toList();
        int perStatement = 100;
        for (int from0 = 0; from0 < rows.size(); from0 += perStatement) {
            List<Map.Entry<Key, Tally>> part = rows.subList(from0, Math.min(rows.size(), from0 + perStatement));
            String sql = head + String.join(", ", java.util.Collections.nCopies(part.size(), one));
            plain.update(sql, ps -> {
                int n = 1;
                for (Map.Entry<Key, Tally> e : part) {
                    Tally t = e.getValue();
                    ps.setString(n++, "D");
                    ps.setObject(n++, e.getKey().day());
                    ps.setString(n++, e.getKey().kind().name());
                    ps.setString(n++, e.getKey().code());
                    for (Indicator i : SUMMED) {
                        ps.setInt(n++, (int) t.get(i));
                    }
                    ps.setDouble(n++, t.weightedReports());
                    ps.setInt(n++, (int) t.handlingCount());
                    ps.setLong(n++, t.handlingSum());
                    ps.setLong(n++, t.handlingMax());
                    for (int i = 0; i < Tally.BUCKETS; i++) {
                        ps.setInt(n++, (int) t.bucket(i));
                    }
                }
            });
        }
    }

    private static List<String> columns() {
        List<String> columns = new ArrayList<>(List.of("grain", "on_day", "unit_kind", "unit_code"));
        SUMMED.forEach(i -> columns.add(column(i)));
        columns.addAll(List.of("weighted_reports", "hours_n", "hours_sum", "hours_max"));
        for (int i = 0; i < Tally.BUCKETS; i++) {
            columns.add(bucketColumn(i));
        }
        return columns;
    }

    /** A month's row per unit: the sum of its day rows. */
    private void month(LocalDate month) {
        month(month, null, List.of());
    }

    /** The month rows of some units of one kind (every unit's when {@code kind} is null): the sums of their day rows. */
    private void month(LocalDate month, EvaluationUnit kind, java.util.Collection<String> codes) {
        List<String> columns = columns();
        List<String> all = List.copyOf(codes);
        if (kind != null && all.isEmpty()) {
            return;
        }
        // a thousand codes to a statement at most
        for (int at = 0; at == 0 || at < all.size(); at += 1_000) {
            String units = kind == null ? "" : " and unit_kind = :k and unit_code in (:codes)";
            var delete = jdbc.sql("delete from gl_eval_summary where grain = 'M' and on_day = :m" + units).param("m", month);
            List<String> sums2 = new ArrayList<>();
            for (String c : columns.subList(4, columns.size())) {
                sums2.add((c.equals("hours_max") ? "max(" : "sum(") + c + ")");
            }
            var insert = jdbc.sql("insert into gl_eval_summary (" + String.join(", ", columns) + ") select 'M', :m, unit_kind, unit_code, "
                            + String.join(", ", sums2) + " from gl_eval_summary where grain = 'D' and on_day >= :m and on_day < :next"
                            + units + " group by unit_kind, unit_code")
                    .param("m", month).param("next", month.plusMonths(1));
            if (kind != null) {
                List<String> part = all.subList(at, Math.min(all.size(), at + 1_000));
                delete = delete.param("k", kind.name()).param("codes", part);
                insert = insert.param("k", kind.name()).param("codes", part);
            }
            delete.update();
            insert.update();
        }
    }

    static String bucketColumn(int i) {
        return "h%02d".formatted(i);
    }

    /** Receives one case, its subcategory and its facts (in the order they started). */
    interface CaseConsumer {
        void accept(CaseFigures.CaseRow c, String subcategory, List<CaseFigures.Fact> facts);
    }

    /**
     * Reads the cases the condition picks (on gl_case as c) with their facts in one ordered pass, streamed, and hands each
     * over with its facts.
     */
    static void read(NamedParameterJdbcTemplate jdbc, String where, Map<String, ?> params, CaseConsumer consumer) {
        read(jdbc, where, params, false, (c, sub, facts, rolled, rolledFacts) -> consumer.accept(c, sub, facts));
    }

    /** Receives one case as it is now and as the last roll-up read it (its lead department, its open steps' due dates). */
    interface RolledCaseConsumer {
        void accept(CaseFigures.CaseRow c, String subcategory, List<CaseFigures.Fact> facts, CaseFigures.CaseRow rolled,
                    List<CaseFigures.Fact> rolledFacts);
    }

    /** {@link #read}, with each case also as the last roll-up read it (gl_eval_open_case, gl_eval_open_due). */
    static void readWithRolled(NamedParameterJdbcTemplate jdbc, String where, Map<String, ?> params, RolledCaseConsumer consumer) {
        read(jdbc, where, params, true, consumer);
    }

    private static void read(NamedParameterJdbcTemplate jdbc, String where, Map<String, ?> params, boolean rolled,
                             RolledCaseConsumer consumer) {
        String sql = """
                select c.id, c.status, c.channel, c.self_resolved, c.reported_by, c.street_code, c.community_code, c.grid_code,
                  c.subcategory_code, c.department_code, c.reported_at, c.registered_at, c.closed_at,
                  f.step, f.started_at, f.due_at, f.finished_at, f.on_time, f.outcome, f.working_seconds, f.rework, f.returned"""
                + (rolled ? """
                , oc.case_id as oc_case, oc.department_code as oc_department, od.fact_id as od_fact, od.due_at as od_due
                from gl_case c left join gl_eval_open_case oc on oc.case_id = c.id left join gl_step_fact f on f.case_id = c.id
                  left join gl_eval_open_due od on od.fact_id = f.id""" : """

                from gl_case c left join gl_step_fact f on f.case_id = c.id""")
                + "\nwhere " + where + " order by c.id, f.started_at, f.id";
        var reader = new Object() {
            CaseFigures.CaseRow current;
            CaseFigures.CaseRow then;
            String subcategory;
            List<CaseFigures.Fact> facts = new ArrayList<>();
            List<CaseFigures.Fact> thenFacts = new ArrayList<>();

            void row(ResultSet rs) throws SQLException {
                long id = rs.getLong("id");
                if (current == null || current.id() != id) {
                    flush();
                    current = new CaseFigures.CaseRow(id, rs.getString("status"), rs.getString("channel"), rs.getBoolean("self_resolved"),
                            rs.getString("reported_by"), rs.getString("street_code"), rs.getString("community_code"),
                            rs.getString("grid_code"), rs.getString("department_code"), instant(rs, "reported_at"),
                            instant(rs, "registered_at"), instant(rs, "closed_at"));
                    subcategory = rs.getString("subcategory_code");
                    then = current;
                    if (rolled && rs.getObject("oc_case") != null) {
                        then = new CaseFigures.CaseRow(id, current.status(), current.channel(), current.selfResolved(), current.reportedBy(),
                                current.streetCode(), current.communityCode(), current.gridCode(), rs.getString("oc_department"),
                                current.reportedAt(), current.registeredAt(), current.closedAt());
                    }
                }
                if (rs.getString("step") != null) {
                    CaseFigures.Fact f = new CaseFigures.Fact(rs.getString("step"), instant(rs, "started_at"), instant(rs, "due_at"),
                            instant(rs, "finished_at"), (Boolean) rs.getObject("on_time", Boolean.class), rs.getString("outcome"),
                            rs.getObject("working_seconds", Long.class), rs.getBoolean("rework"), rs.getBoolean("returned"));
                    facts.add(f);
                    if (rolled) {
                        thenFacts.add(rs.getObject("od_fact") == null ? f : new CaseFigures.Fact(f.step(), f.startedAt(),
                                instant(rs, "od_due"), f.finishedAt(), f.onTime(), f.outcome(), f.workingSeconds(), f.rework(), f.returned()));
                    }
                }
            }

            void flush() {
                if (current != null) {
                    consumer.accept(current, subcategory, facts, then, rolled ? thenFacts : facts);
                }
                current = null;
                facts = new ArrayList<>();
                thenFacts = new ArrayList<>();
            }
        };
        jdbc.query(sql, params, rs -> {
            reader.row(rs);
        });
        reader.flush();
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        return instant(rs.getObject(column, OffsetDateTime.class));
    }

    /** {@link #instant(ResultSet, String)} by the column's index. */
    static Instant instant(ResultSet rs, int column) throws SQLException {
        return instant(rs.getObject(column, OffsetDateTime.class));
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    /** For tests and the benchmark: everything again, from the first report to yesterday. */
    public int rebuild() {
        jdbc.sql("update gl_eval_rollup_state set rolled_until = null, rolled_as_of = null where id = 1").update();
        jdbc.sql("delete from gl_eval_summary").update();
        jdbc.sql("delete from gl_eval_pending").update();
        return catchUp();
    }

    /** A self-resolved case and the moment its place was first reported again. */
    record ReReport(CaseFigures.CaseRow row, Instant at) {}

    /**
     * The self-resolved (registered) cases within the condition {@code filter} on gl_case c whose place was first
     * reported again in [start, end): the same subcategory, within {@link EvaluationSettings#reReportMeters()}, reported
     * after it and within {@link EvaluationSettings#reReportDays()} days of its report, from any channel.
     */
    List<ReReport> reReported(Instant start, Instant end, String filter, Map<String, Object> scopeParams) {
        Duration window = Duration.ofDays(settings.reReportDays());
        Map<String, Object> params = new HashMap<>(scopeParams);
        params.put("from", start.minus(window).atOffset(ZoneOffset.UTC));
        params.put("end", end.atOffset(ZoneOffset.UTC));
        var self = jdbc.sql("""
                select c.id, c.case_number, c.subcategory_code, c.grid_code, c.address, c.latitude, c.longitude, c.reported_at,
                  c.status, c.channel, c.self_resolved, c.reported_by, c.street_code, c.community_code, c.department_code,
                  c.registered_at, c.closed_at
                from gl_case c where c.self_resolved = true and c.registered_at is not null
                and c.reported_at >= :from and c.reported_at < :end
                and c.latitude is not null and c.longitude is not null and""" + " " + filter);
        params.forEach(self::param);
        Map<Long, CaseFigures.CaseRow> rows = new HashMap<>();
        List<Places.Point> resolved = self.query((rs, n) -> {
            Places.Point p = EvaluationService.point(rs, n);
            rows.put(p.id(), new CaseFigures.CaseRow(p.id(), rs.getString("status"), rs.getString("channel"), true,
                    rs.getString("reported_by"), rs.getString("street_code"), rs.getString("community_code"), p.gridCode(),
                    rs.getString("department_code"), p.reportedAt(), instant(rs, "registered_at"), instant(rs, "closed_at")));
            return p;
        }).list();
        if (resolved.isEmpty()) {
            return List.of();
        }
        // the reports of [start, end) that re-report one of them, then, for those alone, whether an earlier report did
        Places.Index recent = new Places.Index(settings.reReportMeters());
        jdbc.sql("""
                select c.id, c.case_number, c.subcategory_code, c.grid_code, c.address, c.latitude, c.longitude, c.reported_at
                from gl_case c where c.reported_at >= :start and c.reported_at < :end and c.subcategory_code in (:subcategories)
                and c.latitude is not null and c.longitude is not null""")
                .param("start", start.atOffset(ZoneOffset.UTC)).param("end", end.atOffset(ZoneOffset.UTC))
                .param("subcategories", resolved.stream().map(Places.Point::subcategory).distinct().toList())
                .query(EvaluationService::point).list().forEach(recent::add);
        List<ReReport> out = new ArrayList<>();
        for (Places.Point p : resolved) {
            Instant last = p.reportedAt().plus(window);
            Instant firstHere = recent.near(p).stream().filter(q -> q.id() != p.id() && q.reportedAt().isAfter(p.reportedAt())
                    && !q.reportedAt().isAfter(last)).map(Places.Point::reportedAt).min(Instant::compareTo).orElse(null);
            if (firstHere == null) {
                continue;
            }
            if (p.reportedAt().isBefore(start)) {
                // re-reported before start already? the reports of its subcategory around it since its report
                double dLat = settings.reReportMeters() / 111_320.0;
                double dLon = dLat / Math.max(0.01, Math.cos(Math.toRadians(p.latitude())));
                Places.Index earlier = new Places.Index(settings.reReportMeters());
                jdbc.sql("""
                        select c.id, c.case_number, c.subcategory_code, c.grid_code, c.address, c.latitude, c.longitude, c.reported_at
                        from gl_case c where c.subcategory_code = :sub and c.reported_at > :after and c.reported_at < :start
                        and c.latitude between :lat0 and :lat1 and c.longitude between :lon0 and :lon1""")
                        .param("sub", p.subcategory()).param("after", p.reportedAt().atOffset(ZoneOffset.UTC))
                        .param("start", start.atOffset(ZoneOffset.UTC))
                        .param("lat0", p.latitude() - dLat).param("lat1", p.latitude() + dLat)
                        .param("lon0", p.longitude() - dLon).param("lon1", p.longitude() + dLon)
                        .query(EvaluationService::point).list().forEach(earlier::add);
                if (earlier.near(p).stream().anyMatch(q -> q.id() != p.id())) {
                    continue;
                }
            }
            out.add(new ReReport(rows.get(p.id()), firstHere));
        }
        return out;
    }
}
