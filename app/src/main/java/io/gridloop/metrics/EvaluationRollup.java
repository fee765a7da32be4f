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
 * and on start-up for the days not yet rolled up (one node at a time: a lease on gl_eval_rollup_state).
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

    /** What the summaries hold: every day before {@code until}, when the difficulty table is still {@code weightsKey}'s. */
    record State(LocalDate rolledUntil, long maxCaseId, long maxFactId, String weightsKey) {}

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate streaming;
    private final TransactionTemplate tx;
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

    /**
     * Rolls up every finished day not in the summaries yet (or written into since: see {@link #summarizedUntil}); all of
     * them when the difficulty table changed. Returns the number of days rolled up; 0 when another node holds the lease.
     */
    public int catchUp() {
        if (!lease()) {
            return 0;
        }
        try {
            LocalDate today = LocalDate.now(clock);
            String weights = weightsKey();
            State s = state();
            long maxCase = jdbc.sql("select coalesce(max(id), 0) from gl_case").query(Long.class).single();
            long maxFact = jdbc.sql("select coalesce(max(id), 0) from gl_step_fact").query(Long.class).single();
            LocalDate from = weights.equals(s.weightsKey()) ? summarizedUntil(s, weights) : null;
            if (from == null) {
                from = firstDay();
            }
            int days = 0;
            if (from != null && from.isBefore(today)) {
                days = rollUp(from, today);
                if (s.rolledUntil() != null && weights.equals(s.weightsKey())) {
                    days += rollEarlierDays(from, today);
                }
            }
            jdbc.sql("""
                    update gl_eval_rollup_state set rolled_until = :until, max_case_id = :c, max_fact_id = :f, weights_key = :w
                    where id = 1""")
                    .param("until", today).param("c", maxCase).param("f", maxFact).param("w", weights).update();
            alsoUnderLease.forEach(Runnable::run);
            return days;
        } finally {
            jdbc.sql("update gl_eval_rollup_state set lease_until = null, lease_owner = null where id = 1 and lease_owner = :o")
                    .param("o", owner).update();
        }
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
        return jdbc.sql("select rolled_until, max_case_id, max_fact_id, weights_key from gl_eval_rollup_state where id = 1")
                .query((rs, n) -> new State(rs.getObject(1, LocalDate.class), rs.getLong(2), rs.getLong(3), rs.getString(4)))
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
        ZoneId zone = clock.getZone();
        LocalDate until = s.rolledUntil();
        // min() of an expression: read by the id's range (what was written since), not by scanning the time's index
        for (String sql : List.of("select min(coalesce(reported_at, reported_at)) from gl_case where id > :id",
                "select min(coalesce(started_at, started_at)) from gl_step_fact where id > :id")) {
            OffsetDateTime t = jdbc.sql(sql).param("id", sql.contains("gl_case") ? s.maxCaseId() : s.maxFactId())
                    .query(OffsetDateTime.class).optional().orElse(null);
            if (t != null) {
                LocalDate d = t.toInstant().atZone(zone).toLocalDate();
                if (d.isBefore(until)) {
                    until = d;
                }
            }
        }
        return until;
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
     * What the cases touched on the days just rolled up changed on earlier days: a case dispatched today to a department
     * moves its earlier counts (its report, its registration) to that department's row, a due date moved changes which
     * day its step was overdue on. Those earlier days are rolled up again from the cases touched on each (their events;
     * the state at their ends stays as it was). Returns how many days.
     */
    private int rollEarlierDays(LocalDate from, LocalDate to) {
        ZoneId zone = clock.getZone();
        Instant start = from.atStartOfDay(zone).toInstant();
        TreeSet<LocalDate> earlier = new TreeSet<>();
        OffsetDateTime toStart = to.atStartOfDay(zone).toInstant().atOffset(ZoneOffset.UTC);
        read(streaming, TOUCHED, Map.of("start", start.atOffset(ZoneOffset.UTC), "end", toStart, "dueEnd", toStart), (c, sub, facts) -> {
                    Consumer<Instant> day = t -> {
                        if (t != null && t.isBefore(start)) {
                            earlier.add(t.atZone(zone).toLocalDate());
                        }
                    };
                    day.accept(c.reportedAt());
                    day.accept(c.registeredAt());
                    for (CaseFigures.Fact f : facts) {
                        day.accept(f.startedAt());
                        day.accept(f.finishedAt());
                        day.accept(f.dueAt());
                    }
                });
        TreeSet<LocalDate> months = new TreeSet<>();
        for (LocalDate d : earlier) {
            tx.executeWithoutResult(s -> rollEvents(d));
            months.add(d.withDayOfMonth(1));
        }
        months.forEach(m -> tx.executeWithoutResult(s -> month(m)));
        return earlier.size();
    }

    /** One day's counts again, from the cases touched on it. */
    private void rollEvents(LocalDate d) {
        ZoneId zone = clock.getZone();
        Instant ds = d.atStartOfDay(zone).toInstant();
        Instant de = d.plusDays(1).atStartOfDay(zone).toInstant();
        CaseFigures.Period p = new CaseFigures.Period(ds, de, de);
        DifficultyWeights.Table difficulties = difficulty.table();
        Map<Key, Tally> sums = new HashMap<>();
        read(streaming, TOUCHED, Map.of("start", ds.atOffset(ZoneOffset.UTC), "end", de.atOffset(ZoneOffset.UTC), "dueEnd",
                de.atOffset(ZoneOffset.UTC)), (c, sub, facts) -> {
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
        for (ReReport r : reReported(ds, de, "1 = 1", Map.of())) {
            for (EvaluationUnit k : KINDS) {
                String code = k.keyOf(r.row());
                if (code != null) {
                    sums.computeIfAbsent(new Key(k, code, d), x -> new Tally()).add(Indicator.RE_REPORTED);
                }
            }
        }
        write(d, d.plusDays(1), sums, null);
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
        if (pending == null) {
            return;
        }
        List<Map.Entry<Key, long[]>> states = new ArrayList<>(pending.entrySet());
        plain.batchUpdate("insert into gl_eval_pending (on_day, unit_kind, unit_code, cases) values (?, ?, ?, ?)", states, 1_000,
                (ps, e) -> {
                    ps.setObject(1, e.getKey().day());
                    ps.setString(2, e.getKey().kind().name());
                    ps.setString(3, e.getKey().code());
                    ps.setLong(4, e.getValue()[0]);
                });
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
        List<String> columns = columns();
        jdbc.sql("delete from gl_eval_summary where grain = 'M' and on_day = :m").param("m", month).update();
        List<String> sums2 = new ArrayList<>();
        for (String c : columns.subList(4, columns.size())) {
            sums2.add((c.equals("hours_max") ? "max(" : "sum(") + c + ")");
        }
        jdbc.sql("insert into gl_eval_summary (" + String.join(", ", columns) + ") select 'M', :m, unit_kind, unit_code, "
                        + String.join(", ", sums2) + " from gl_eval_summary where grain = 'D' and on_day >= :m and on_day < :next"
                        + " group by unit_kind, unit_code")
                .param("m", month).param("next", month.plusMonths(1)).update();
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
        String sql = """
                select c.id, c.status, c.channel, c.self_resolved, c.reported_by, c.street_code, c.community_code, c.grid_code,
                  c.subcategory_code, c.department_code, c.reported_at, c.registered_at, c.closed_at,
                  f.step, f.started_at, f.due_at, f.finished_at, f.on_time, f.outcome, f.working_seconds, f.rework, f.returned
                from gl_case c left join gl_step_fact f on f.case_id = c.id
                where """ + " " + where + " order by c.id, f.started_at, f.id";
        var reader = new Object() {
            CaseFigures.CaseRow current;
            String subcategory;
            List<CaseFigures.Fact> facts = new ArrayList<>();

            void row(ResultSet rs) throws SQLException {
                long id = rs.getLong("id");
                if (current == null || current.id() != id) {
                    flush();
                    current = new CaseFigures.CaseRow(id, rs.getString("status"), rs.getString("channel"), rs.getBoolean("self_resolved"),
                            rs.getString("reported_by"), rs.getString("street_code"), rs.getString("community_code"),
                            rs.getString("grid_code"), rs.getString("department_code"), instant(rs, "reported_at"),
                            instant(rs, "registered_at"), instant(rs, "closed_at"));
                    subcategory = rs.getString("subcategory_code");
                }
                if (rs.getString("step") != null) {
                    facts.add(new CaseFigures.Fact(rs.getString("step"), instant(rs, "started_at"), instant(rs, "due_at"),
                            instant(rs, "finished_at"), (Boolean) rs.getObject("on_time", Boolean.class), rs.getString("outcome"),
                            rs.getObject("working_seconds", Long.class), rs.getBoolean("rework"), rs.getBoolean("returned")));
                }
            }

            void flush() {
                if (current != null) {
                    consumer.accept(current, subcategory, facts);
                }
                current = null;
                facts = new ArrayList<>();
            }
        };
        jdbc.query(sql, params, rs -> {
            reader.row(rs);
        });
        reader.flush();
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** For tests and the benchmark: everything again, from the first report to yesterday. */
    public int rebuild() {
        jdbc.sql("update gl_eval_rollup_state set rolled_until = null where id = 1").update();
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
