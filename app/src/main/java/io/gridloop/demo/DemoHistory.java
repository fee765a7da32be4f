package io.gridloop.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridloop.casefile.CaseTransitions;
import io.gridloop.process.CaseLoop;
import io.gridloop.process.CaseVariables;
import io.gridloop.deadline.EscalationChain;
import io.gridloop.deadline.TimeLimit;
import io.gridloop.deadline.TimeLimits;
import io.gridloop.deadline.WorkingTime;
import io.gridloop.grid.Category;
import io.gridloop.grid.Department;
import io.gridloop.grid.GridCell;
import io.gridloop.grid.ReferenceData;
import io.gridloop.security.AccessScopes;
import io.gridloop.security.DemoUsers;
import io.gridloop.security.Roles;
import jakarta.annotation.PostConstruct;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstantiationBuilder;
import org.joda.time.DateTimeUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The embedded default's district that has lived (demo history): about a year of cases over every street, department,
 * grid, category and channel, so that a manager signing in sees a living board and evaluation. Only with
 * {@code gridloop.demo-history.enabled=true} (the embedded default; never in production or the tests unless a test asks),
 * once, on a database without cases, from a fixed seed.
 *
 * <p>The closed past is written in bulk as the loop writes it (case file rows, step facts, timeline, supervision orders:
 * {@link HistoryGenerator}); each open case gets a real process instance started in the step it waits in, at the moment
 * that step began (the engine's clock set back), and the timers due since then are fired in their order with the clock at
 * their due dates, so its warnings, overdue marks, reminders and supervision orders are the engine's own.
 *
 * <p>Within the start, before the web server answers: the year is generated and written on a thread of its own while
 * Spring still builds the context ({@link #startWriting()}), and the open cases are taken up in a lifecycle phase before the
 * web server's ({@link #start()}), so the login page answers when the whole district is there.
 */
@Component
@ConditionalOnProperty(name = "gridloop.demo-history.enabled", havingValue = "true")
public class DemoHistory implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(DemoHistory.class);

    /** What the demo's rubbish-only grid worker reports, and what the public reports more often than grid workers. */
    public static final Set<String> EASY = Set.of("EXPOSED_RUBBISH", "ROAD_DIRTY", "ILLEGAL_ADS", "LITTER_BIN", "MATERIAL_PILE");
    public static final Set<String> HARD = Set.of("ILLEGAL_BUILDING", "FIRE_EXIT_BLOCKED", "GAS_HAZARD", "DANGEROUS_HOUSE", "EBIKE_CHARGING",
            "FALLING_OBJECT", "SHED", "HYDRANT");
    /** The demo's department that is late most often, and the grid worker who reports only easy things. */
    static final String SLOW_DEPARTMENT = "housing";
    static final String EASY_REPORTER = "lihua";

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final TransactionTemplate transactions;
    private final ReferenceData reference;
    private final DecisionService decisions;
    private final io.gridloop.deadline.HandlingStages handlingStages;
    private final EscalationChain escalation;
    private final IdentityService identity;
    private final AccessScopes scopes;
    private final RuntimeService runtime;
    private final ManagementService management;
    private final ProcessEngine engine;
    private final CaseTransitions transitions;
    private final WorkingTime workingTime;
    private final TimeLimits timeLimits;
    private final Clock clock;
    private final ObjectMapper json;
    private final int cases;
    private final int keptOpen;
    private final long seed;
    private final TimeLimit answerWithin;
    private final TimeLimit ratingWithin;
    private final ObjectProvider<DemoUsers> demoUsers;

    public DemoHistory(JdbcClient jdbc, DataSource dataSource, TransactionTemplate transactions, ReferenceData reference,
                       DecisionService decisions, EscalationChain escalation, IdentityService identity, AccessScopes scopes,
                       RuntimeService runtime, ManagementService management, ProcessEngine engine, CaseTransitions transitions,
                       WorkingTime workingTime, TimeLimits timeLimits, io.gridloop.deadline.HandlingStages handlingStages, Clock clock,
                       ObjectMapper json,
                       DemoHistorySettings settings, io.gridloop.deadline.SupervisionSettings supervision,
                       io.gridloop.citizen.CitizenSettings citizen, ObjectProvider<DemoUsers> demoUsers) {
        this.jdbc = jdbc;
        this.handlingStages = handlingStages;
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.reference = reference;
        this.decisions = decisions;
        this.escalation = escalation;
        this.identity = identity;
        this.scopes = scopes;
        this.runtime = runtime;
        this.management = management;
        this.engine = engine;
        this.transitions = transitions;
        this.workingTime = workingTime;
        this.timeLimits = timeLimits;
        this.clock = clock;
        this.json = json;
        this.cases = settings.cases();
        this.keptOpen = settings.open();
        this.seed = settings.seed();
        this.answerWithin = TimeLimit.parse(supervision.answerWithin());
        this.ratingWithin = TimeLimit.parse(citizen.ratingWithin());
        this.demoUsers = demoUsers;
    }

    /**
     * What one run did, for the log and the test: the wall-clock time in all (from the start of the bulk part to the end),
     * the bulk part (generating the year and writing it, on its own thread: the closed past is written while the open
     * cases are taken up), how long the start waited for the open cases' rows, the CPU time of the threads that did it
     * (the machine may be shared), in all and for the bulk part, the bulk part's thread, and the moment the take-up began
     * (the open cases' timers due by then fired).
     */
    public record Result(int cases, int open, int timersFired, long millis, long bulkMillis, long cpuMillis, long bulkCpuMillis,
                         long waitedMillis, String bulkThread, Instant takenUpAt) {}

    /**
     * The bulk part under way: the open cases once their rows are written (what the take-up needs), and the whole past
     * once written too, with the wall-clock and CPU time the bulk thread took.
     */
    private record Bulk(long startedNanos, String thread, CompletableFuture<List<HistoryCase>> open, CompletableFuture<long[]> done) {}

    private volatile Result last;
    /** Started while the context is still being built; null when there is nothing to write. */
    private volatile Bulk bulk;
    private volatile boolean running;

    public Result last() {
        return last;
    }

    /**
     * As soon as this bean exists (the engine is built with its deployments, Flyway has run, the reference data is read), on
     * a database without cases: the year is generated and written on a thread of its own while Spring builds the rest of
     * the context (the web layer, Vaadin, Camunda's webapps), since nothing else reads or writes cases before the start.
     * The open cases' rows come first; the closed past follows, written while {@link #start()} takes the open cases up. The
     * bulk thread never touches the engine's clock.
     */
    @PostConstruct
    void startWriting() {
        if (hasCases()) {
            LOG.info("demo history: the database has cases already, none generated");
            return;
        }
        // resolved here, on the thread that builds the context: the bulk thread only calls it
        bulk = writeInBackground(demoUsers.getIfAvailable());
    }

    /**
     * Before the web server answers (its lifecycle phase is later): each open case's process instance is started in its
     * step with the engine's clock set back, and its timers fired, while the bulk thread writes the closed past. Nothing
     * else runs then (no HTTP request, no scheduled task, no job executor: they start after), so nobody sees the clock set
     * back, and a manager's first page already shows the whole district.
     */
    @Override
    public void start() {
        Bulk b = bulk;
        bulk = null;
        running = true;
        if (b != null) {
            finish(b);
        }
    }

    /** Generates the history now if the database has no cases (a second call, or a second start, adds none). */
    public void generateOnce() {
        if (hasCases()) {
            LOG.info("demo history: the database has cases already, none generated");
            return;
        }
        finish(writeInBackground(demoUsers.getIfAvailable()));
    }

    private Bulk writeInBackground(DemoUsers users) {
        long started = System.nanoTime();
        CompletableFuture<List<HistoryCase>> open = new CompletableFuture<>();
        CompletableFuture<long[]> done = new CompletableFuture<>();
        Tables tables = new Tables();
        Thread ahead = new Thread(() -> evaluateAhead(tables), "demo-history-tables");
        ahead.setDaemon(true);
        ahead.start();
        Thread t = new Thread(() -> {
            try {
                long[] took = escalation.remembering(() -> writePast(users, started, open, tables));
                done.complete(took);
            } catch (Throwable e) {
                open.completeExceptionally(e);
                done.completeExceptionally(e);
            }
        }, "demo-history");
        t.setDaemon(true);
        t.start();
        return new Bulk(started, t.getName(), open, done);
    }

    private void finish(Bulk b) {
        long waitStarted = System.nanoTime();
        List<HistoryCase> open = join(b.open());
        long waited = (System.nanoTime() - waitStarted) / 1_000_000;
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu = threads.getCurrentThreadCpuTime();
        // nothing is deployed meanwhile: the escalation table's rows are evaluated once, not for every timer and order
        Instant takenUpAt = clock.instant();
        long[] takenUp = escalation.remembering(() -> takeUpOpenCases(open, takenUpAt));
        int fired = (int) takenUp[0];
        // this thread's and the take-up's helper's
        long takeUpCpu = (threads.getCurrentThreadCpuTime() - cpu) / 1_000_000 + takenUp[1];
        long[] took = join(b.done());
        // the next case reported by hand gets the next id
        long nextId = jdbc.sql("select coalesce(max(id), 0) + 1 from gl_case").query(Long.class).single();
        jdbc.sql("alter table gl_case alter column id restart with " + nextId).update();
        last = new Result(cases, open.size(), fired, (System.nanoTime() - b.startedNanos()) / 1_000_000, took[0], took[1] + takeUpCpu, took[1],
                waited, b.thread(), takenUpAt);
        LOG.info("demo history: {} cases ({} open, {} timers fired) in {} ms ({} ms in bulk, {} ms CPU, {} ms of it in bulk; the start waited "
                        + "{} ms for the open cases)", last.cases(), last.open(), last.timersFired(), last.millis(), last.bulkMillis(),
                last.cpuMillis(), last.bulkCpuMillis(), last.waitedMillis());
    }

    private static <T> T join(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw new IllegalStateException("demo history not written", e.getCause());
        }
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the web server starts ({@code WebServerStartStopLifecycle}, a phase of 1024 below graceful shutdown's). */
    @Override
    public int getPhase() {
        return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 4096;
    }

    private boolean hasCases() {
        return jdbc.sql("select count(*) from gl_case").query(Long.class).single() > 0;
    }

    /**
     * On the bulk thread: the demo officials (who work the past's steps), the year generated, the open cases' rows written
     * and committed (handed to {@code open}), then the closed past in JDBC batches in one transaction. Its wall-clock and
     * CPU time in ms.
     */
    private long[] writePast(DemoUsers users, long started, CompletableFuture<List<HistoryCase>> openWritten, Tables tables) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu = threads.getCurrentThreadCpuTime();
        if (users != null) {
            // they are created again (found) when the context is refreshed
            users.create();
        }
        Instant now = clock.instant();
        Instant from = now.minus(Duration.ofDays(365));
        HistoryGenerator generator = new HistoryGenerator(district(tables), workingTime, timeLimits, answerWithin, ratingWithin);
        long firstNumber = reserveNumbers(cases);
        long firstId = jdbc.sql("select coalesce(max(id), 0) + 1 from gl_case").query(Long.class).single();
        List<HistoryCase> open = new ArrayList<>();
        List<HistoryCase> closed = new ArrayList<>(cases);
        generator.generate(seed, cases, keptOpen, from, now, firstId, firstNumber, c -> (c.isOpen() ? open : closed).add(c));
        write(open);
        openWritten.complete(open);
        write(closed);
        return new long[] {(System.nanoTime() - started) / 1_000_000, (threads.getCurrentThreadCpuTime() - cpu) / 1_000_000};
    }

    /**
     * Writes the cases in one transaction, again if H2 chose it as a deadlock's victim: at a commit H2 brings the
     * statistics of the tables it changed up to date in its own meta table, and two commits (the take-up's and this one)
     * can wait for each other's rows there. The take-up's explicit ANALYZE waits for this commit ({@link #committing}).
     */
    private void write(List<HistoryCase> generated) {
        for (int attempt = 1; ; attempt++) {
            try {
                writeOnce(generated);
                return;
            } catch (org.springframework.dao.PessimisticLockingFailureException e) {
                if (attempt == 3) {
                    throw e;
                }
                LOG.warn("demo history: writing {} cases failed ({}), written again", generated.size(), e.toString());
            }
        }
    }

    /** Held by the bulk thread while it commits; the take-up's explicit ANALYZE takes it too. */
    private final java.util.concurrent.locks.ReentrantLock committing = new java.util.concurrent.locks.ReentrantLock();

    private void writeOnce(List<HistoryCase> generated) {
        transactions.executeWithoutResult(tx -> {
            org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                    new org.springframework.transaction.support.TransactionSynchronization() {
                        @Override
                        public void beforeCommit(boolean readOnly) {
                            committing.lock();
                        }

                        @Override
                        public void afterCompletion(int status) {
                            if (committing.isHeldByCurrentThread()) {
                                committing.unlock();
                            }
                        }
                    });
            Connection connection = DataSourceUtils.getConnection(dataSource);
            try (HistoryWriter writer = new HistoryWriter(connection, false)) {
                for (HistoryCase c : generated) {
                    writer.write(c);
                }
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("demo history not written", e);
            } finally {
                DataSourceUtils.releaseConnection(connection, dataSource);
            }
        });
    }

    /** The case numbers the history uses, from the same sequence as every case. */
    private long reserveNumbers(int n) {
        boolean postgres = isPostgres();
        List<Long> numbers = jdbc.sql(postgres ? "select nextval('gl_case_number_seq') from generate_series(1, :n)"
                : "select next value for gl_case_number_seq from system_range(1, :n)").param("n", n).query(Long.class).list();
        return numbers.stream().min(Long::compare).orElseThrow();
    }

    private boolean isPostgres() {
        try (Connection c = dataSource.getConnection()) {
            return "PostgreSQL".equals(c.getMetaData().getDatabaseProductName());
        } catch (java.sql.SQLException e) {
            return false;
        }
    }

    /**
     * Starts each open case's process instance in its step at the moment the step began, then fires that instance's
     * timers due since, in their order, each with the engine's clock at its due date (a timer that fires may start a step
     * with timers of its own: a hold's review date). The job executor rests meanwhile (it would see the clock set back),
     * and the clock is the real one again afterwards. Cases go in batches, a transaction each (fewer commits); a batch
     * that fails is taken up again case by case, so that one case's failure costs only that case.
     *
     * <p>Two threads take the batches up side by side (this one and a helper), each with the engine's clock set back for
     * itself alone ({@link #THREAD_CLOCK}): the cases are independent of each other, as the job executor's threads take
     * up different cases at once, and a second core otherwise idles while this thread works through them.
     */
    private long[] takeUpOpenCases(List<HistoryCase> open, Instant now) {
        JobExecutor jobs = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
        boolean wasActive = jobs != null && jobs.isActive();
        if (wasActive) {
            jobs.shutdown();
        }
        boolean h2 = !isPostgres();
        open.sort(Comparator.comparing(c -> c.open.started()));
        List<List<HistoryCase>> batches = new ArrayList<>();
        for (int from = 0; from < open.size(); from += TAKE_UP_BATCH) {
            batches.add(open.subList(from, Math.min(open.size(), from + TAKE_UP_BATCH)));
        }
        AtomicInteger next = new AtomicInteger();
        AtomicInteger fired = new AtomicInteger();
        java.util.concurrent.atomic.AtomicLong helperCpu = new java.util.concurrent.atomic.AtomicLong();
        DateTimeUtils.setCurrentMillisProvider(THREAD_CLOCK);
        threadClocks = true;
        try {
            CompletableFuture<Void> helper = new CompletableFuture<>();
            Thread t = new Thread(() -> {
                try {
                    escalation.remembering(() -> takeUpBatches(batches, next, fired, now, h2));
                    helperCpu.set(java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1_000_000);
                    helper.complete(null);
                } catch (Throwable e) {
                    helper.completeExceptionally(e);
                }
            }, "demo-take-up");
            t.setDaemon(true);
            t.start();
            takeUpBatches(batches, next, fired, now, h2);
            join(helper);
        } finally {
            threadClocks = false;
            ClockUtil.reset();
            if (wasActive) {
                jobs.start();
            }
        }
        return new long[] {fired.get(), helperCpu.get()};
    }

    private static final int TAKE_UP_BATCH = 25;

    /** On one of the take-up's threads: the batches not yet taken, one after the other, each in a transaction. */
    private Void takeUpBatches(List<List<HistoryCase>> batches, AtomicInteger next, AtomicInteger fired, Instant now, boolean h2) {
        try {
            for (int b = next.getAndIncrement(); b < batches.size(); b = next.getAndIncrement()) {
                if (h2 && (b == 2 || b == 6)) {
                    // H2 keeps each connection's parsed statements with the plan made when they were first parsed, the
                    // engine's tables empty then, and makes a plan again only after a change of settings or schema: its
                    // statistics brought up to the rows written so far, and a SET that changes nothing. Not while the bulk
                    // thread commits (both write H2's meta table: a deadlock); a help, so a failure only costs the help
                    committing.lock();
                    try {
                        jdbc.sql("analyze").update();
                        jdbc.sql("set lock_timeout 10000").update();
                    } catch (RuntimeException e) {
                        LOG.debug("demo history: statistics not brought up to date ({})", e.toString());
                    } finally {
                        committing.unlock();
                    }
                }
                List<HistoryCase> batch = batches.get(b);
                try {
                    Integer n = transactions.execute(tx -> batch.stream().mapToInt(c -> takeUp(c, now, true)).sum());
                    fired.addAndGet(n == null ? 0 : n);
                } catch (RuntimeException e) {
                    LOG.warn("demo history: a batch of open cases failed ({}), taken up one by one", e.toString());
                    for (HistoryCase c : batch) {
                        fired.addAndGet(takeUpAlone(c, now));
                    }
                }
            }
        } finally {
            THREAD_TIME.remove();
        }
        return null;
    }

    /**
     * One open case in a transaction of its own, tried twice (the other take-up thread's commit may have made it a
     * deadlock's victim), then its instance at least, with the timers left to the job executor. How many timers fired.
     */
    private int takeUpAlone(HistoryCase c, Instant now) {
        for (int attempt = 1; ; attempt++) {
            boolean timers = attempt <= 2;
            try {
                Integer n = transactions.execute(tx -> takeUp(c, now, timers));
                return n == null ? 0 : n;
            } catch (RuntimeException e) {
                if (attempt == 3) {
                    throw e;
                }
                LOG.warn("demo history: open case {} failed ({}), {}", c.caseNumber, e.toString(),
                        attempt == 1 ? "taken up again" : "its timers left to the job executor");
            }
        }
    }

    /** The engine's clock of a take-up thread (null: the real time), read by {@link #THREAD_CLOCK}. */
    private static final ThreadLocal<Long> THREAD_TIME = new ThreadLocal<>();

    /**
     * The engine's clock ({@link ClockUtil} keeps it in Joda-Time's {@link DateTimeUtils}) while the open cases are taken
     * up: each take-up thread's own moment, the real time for every other thread.
     */
    private static final DateTimeUtils.MillisProvider THREAD_CLOCK = () -> {
        Long at = THREAD_TIME.get();
        return at != null ? at : System.currentTimeMillis();
    };

    /** Whether {@link #THREAD_CLOCK} is the engine's clock (the open cases being taken up). */
    private static volatile boolean threadClocks;

    /** Sets the engine's clock: for this thread alone while the open cases are taken up, else for the whole engine. */
    private static void setEngineTime(Date at) {
        if (threadClocks) {
            THREAD_TIME.set(at.getTime());
        } else {
            ClockUtil.setCurrentTime(at);
        }
    }

    /**
     * An open case's process instance, started before the activities its step waits in (or at the start) with the engine's
     * clock at the moment the step began, so that its due dates and timers are the BPMN's; attached to the case. Its id.
     */
    public static String startInItsStep(RuntimeService runtime, CaseTransitions transitions, HistoryCase c) {
        setEngineTime(Date.from(c.open.started()));
        String pi;
        if (c.open.activity() == null) {
            pi = runtime.startProcessInstanceByKey(CaseLoop.PROCESS_ID, c.caseNumber, c.open.variables()).getId();
        } else {
            ProcessInstantiationBuilder b = runtime.createProcessInstanceByKey(CaseLoop.PROCESS_ID).businessKey(c.caseNumber)
                    .setVariables(c.open.variables());
            for (String activity : c.open.activity().split(",")) {
                b.startBeforeActivity(activity);
            }
            pi = b.execute().getId();
        }
        transitions.attachProcess(c.id, pi);
        return pi;
    }

    /** One open case: its process instance started in its step, and its timers due by now fired; how many fired. */
    private int takeUp(HistoryCase c, Instant now, boolean fireTimers) {
        String pi = startInItsStep(runtime, transitions, c);
        int fired = 0;
        if (!fireTimers) {
            return 0;
        }
        Date until = Date.from(now);
        while (true) {
            Job next = management.createJobQuery().processInstanceId(pi).timers().duedateLowerThan(until).orderByJobDuedate().asc()
                    .listPage(0, 1).stream().findFirst().orElse(null);
            if (next == null) {
                return fired;
            }
            setEngineTime(next.getDuedate());
            management.executeJob(next.getId());
            fired++;
        }
    }

    /**
     * The loop's tables as the history asks them (the limits of a subcategory, the routing of a subcategory in a street),
     * each evaluated once, by whichever thread asks first.
     */
    private record Tables(Map<String, Map<String, Object>> limits, Map<String, String> routes) {
        Tables() {
            this(new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
        }
    }

    private Map<String, Object> limits(Tables tables, String subcategory) {
        return tables.limits().computeIfAbsent(subcategory, sub -> decidedLimits(decisions, timeLimits, handlingStages, sub, "NORMAL"));
    }

    private String route(Tables tables, String subcategory, String street) {
        return tables.routes().computeIfAbsent(subcategory + "/" + street, k -> {
            var row = decisions.evaluateDecisionTableByKey(CaseLoop.DECISION_ROUTING)
                    .variables(Map.of("subcategoryCode", subcategory, "streetCode", street)).evaluate().getFirstResult();
            Object d = row == null ? null : row.get("department");
            return d == null ? reference.departments().iterator().next().code() : d.toString();
        });
    }

    /**
     * On a thread of its own beside the bulk thread: the tables for every subcategory and street, from the end of the
     * list while the generator asks from its start (a few hundred evaluations through the FEEL engine, about a third of
     * the time before the first open case can be taken up, halved).
     */
    private void evaluateAhead(Tables tables) {
        try {
            List<String> streets = reference.grids().stream().map(GridCell::streetCode).distinct().toList();
            List<String> subcategories = reference.categories().stream().flatMap(p -> p.subcategories().stream()).map(Category::code).toList();
            for (int i = subcategories.size() - 1; i >= 0; i--) {
                String sub = subcategories.get(i);
                limits(tables, sub);
                for (String street : streets) {
                    route(tables, sub, street);
                }
            }
        } catch (RuntimeException e) {
            // the generator evaluates what is missing itself
            LOG.debug("demo history: tables not evaluated ahead ({})", e.toString());
        }
    }

    /** The demo district from the reference data and the loop's own tables. */
    HistoryGenerator.District district() {
        return district(new Tables());
    }

    private HistoryGenerator.District district(Tables tables) {
        Map<String, String> workerOfGrid = new HashMap<>();
        identity.createUserQuery().memberOfGroup(Roles.GRID_WORKER).orderByUserId().asc().list()
                .forEach(u -> reference.gridsOf(u.getId()).forEach(g -> workerOfGrid.putIfAbsent(g, u.getId())));
        Map<String, double[]> boxes = boxes();
        List<HistoryGenerator.Place> places = new ArrayList<>();
        SplittableRandom weights = new SplittableRandom(seed);
        for (GridCell g : reference.grids()) {
            String streetName = reference.street(g.streetCode()).map(s -> s.name()).orElse(g.streetCode());
            places.add(new HistoryGenerator.Place(g.code(), g.communityCode(), g.streetCode(), g.name(), streetName,
                    workerOfGrid.get(g.code()), 0.4 + weights.nextDouble() * 1.6));
        }
        List<HistoryGenerator.Kind> kinds = new ArrayList<>();
        for (Category parent : reference.categories()) {
            for (Category c : parent.subcategories()) {
                kinds.add(new HistoryGenerator.Kind(c.code(), parent.code(), c.kind().name(), c.name(),
                        EASY.contains(c.code()) ? 3 : HARD.contains(c.code()) ? 0.8 : 1, EASY.contains(c.code()), HARD.contains(c.code())));
            }
        }
        List<String> departments = reference.departments().stream().map(Department::code).toList();
        List<HistoryGenerator.Rung> rungs = List.of(
                new HistoryGenerator.Rung("STREET", "SUPERVISION", "STREET", "OVERDUE", s -> escalation.rung("STREET", "NORMAL", s).issuerGroup()),
                new HistoryGenerator.Rung("DISTRICT", "SUPERVISION", "DISTRICT", "ESCALATED",
                        s -> escalation.rung("DISTRICT", "NORMAL", s).issuerGroup()),
                new HistoryGenerator.Rung("NOTICE", "NOTICE", "DISTRICT", "NOTICE", s -> escalation.rung("NOTICE", "NORMAL", s).issuerGroup()));
        Map<String, List<String>> members = new ConcurrentHashMap<>();
        Map<String, List<String>> ofGroup = new ConcurrentHashMap<>();
        Map<String, io.gridloop.security.AccessScope> scopeOf = new ConcurrentHashMap<>();
        return new HistoryGenerator.District(places, kinds, departments,
                sub -> limits(tables, sub), (sub, street) -> route(tables, sub, street),
                rungs, (limit, level) -> escalation.after(limit, level, "NORMAL"),
                code -> reference.department(code).map(Department::groupId).orElseThrow(),
                (group, place) -> members.computeIfAbsent(group + "@" + place.grid(), k -> ofGroup.computeIfAbsent(group,
                        g -> identity.createUserQuery().memberOfGroup(g).orderByUserId().asc().list().stream().map(u -> u.getId()).toList())
                        .stream().filter(u -> scopeOf.computeIfAbsent(u, scopes::ofUser).mayWorkTask(group, place.street(), place.grid()))
                        .toList()),
                SLOW_DEPARTMENT, Set.of(EASY_REPORTER),
                (place, random) -> point(boxes.get(place.grid()), place.grid(), random));
    }

    /** A point inside the grid: drawn in its bounding box until the district's own lookup puts it in that grid. */
    private double[] point(double[] box, String grid, SplittableRandom random) {
        if (box == null) {
            return null;
        }
        for (int i = 0; i < 20; i++) {
            double lng = box[0] + random.nextDouble() * (box[2] - box[0]);
            double lat = box[1] + random.nextDouble() * (box[3] - box[1]);
            if (reference.locate(lng, lat).map(GridCell::code).filter(grid::equals).isPresent()) {
                return new double[] {Math.round(lng * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6};
            }
        }
        return null;
    }

    /** Each grid's bounding box (min lng, min lat, max lng, max lat) from the district's GeoJSON. */
    private Map<String, double[]> boxes() {
        Map<String, double[]> boxes = new HashMap<>();
        try {
            for (JsonNode f : json.readTree(reference.gridsGeoJson()).path("features")) {
                double[] box = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
                collect(f.path("geometry").path("coordinates"), box);
                boxes.put(f.path("properties").path("code").asText(), box);
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return boxes;
    }

    private static void collect(JsonNode coordinates, double[] box) {
        if (coordinates.isArray() && coordinates.size() >= 2 && coordinates.get(0).isNumber()) {
            double lng = coordinates.get(0).asDouble();
            double lat = coordinates.get(1).asDouble();
            box[0] = Math.min(box[0], lng);
            box[1] = Math.min(box[1], lat);
            box[2] = Math.max(box[2], lng);
            box[3] = Math.max(box[3], lat);
            return;
        }
        for (JsonNode c : coordinates) {
            collect(c, box);
        }
    }

    /**
     * What the loop's two business rule tasks (Task_DecideTimeLimits, Task_DecideHandlingStages) give a case reported now,
     * through the same tables and the same beans their output mappings call: the history starts its open cases past them.
     */
    public static Map<String, Object> decidedLimits(DecisionService decisions, TimeLimits timeLimits,
                                                    io.gridloop.deadline.HandlingStages handlingStages, String subcategory,
                                                    String urgency) {
        Map<String, Object> inputs = Map.of(CaseVariables.SUBCATEGORY_CODE, subcategory, CaseVariables.URGENCY, urgency);
        Map<String, Object> v = new java.util.HashMap<>();
        decisions.evaluateDecisionTableByKey(CaseLoop.DECISION_TIME_LIMITS).variables(inputs).evaluate().getSingleResult()
                .getEntryMap().forEach((name, value) -> v.put(name, name.endsWith("Limit") ? timeLimits.checked((String) value) : value));
        List<Map<String, Object>> rows = decisions.evaluateDecisionTableByKey(CaseLoop.DECISION_HANDLING_STAGES).variables(inputs)
                .evaluate().getResultList();
        v.put(CaseVariables.HANDLE_STAGE, handlingStages.first());
        v.put(CaseVariables.HANDLE_STAGE_COUNT, handlingStages.count(rows));
        v.put(CaseVariables.HANDLE_STAGES, handlingStages.json(rows));
        v.put(CaseVariables.HANDLE_STAGE_NAME, handlingStages.firstName(rows));
        v.put(CaseVariables.HANDLE_LIMIT, handlingStages.firstLimit(rows, (String) v.get(CaseVariables.HANDLE_LIMIT)));
        return v;
    }
}
