package io.gridloop.benchmark;

import io.gridloop.casefile.CaseTransitions;
import io.gridloop.deadline.EscalationChain;
import io.gridloop.deadline.TimeLimit;
import io.gridloop.deadline.TimeLimits;
import io.gridloop.deadline.WorkingTime;
import io.gridloop.demo.DemoHistory;
import io.gridloop.demo.HistoryCase;
import io.gridloop.demo.HistoryGenerator;
import io.gridloop.demo.HistoryWriter;
import io.gridloop.grid.Category;
import io.gridloop.grid.Department;
import io.gridloop.grid.ReferenceData;
import io.gridloop.metrics.Board;
import io.gridloop.metrics.BoardService;
import io.gridloop.process.CaseLoop;
import io.gridloop.security.AccessScope;
import io.gridloop.security.Roles;
import io.gridloop.support.PostgresServer;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The overdue board at a large district's size, beside Camunda's {@code TaskQuery} counts per candidate group (not a test).
 *
 * <p>A district of 1,500 grids, 15 streets and 100 departments (its own reference data, written under
 * {@code target/benchmark/district/}, so that the engine's {@code ${departmentGroups.of(department)}} names the 100
 * department groups). The demo history's generator fills {@code bench.history} cases over five years, then cases
 * reported in the last weeks until {@code bench.instances} cases are open. Every open case gets a real caseLoop process
 * instance, started before the user task it waits in (the step the generator left it in, with the variables that task's
 * expressions need), with the engine's clock at the moment the step began, so that its due date and its timers are the
 * BPMN's (the timers are not fired: the job executor is off). The case file row, its facts and the marks its timers would
 * have set (warning, overdue, supervision orders) are the generator's, written as the benchmark fill writes them; the
 * instance's own listeners then take the step up as they do in production (inbox row, step fact, current step and due
 * date from the task). So GridLoop's board and Camunda's tasks describe the same open cases, one task each.
 *
 * <p>Then p50/p95 of (a) the board as a developer would build it first on Camunda: for each candidate group, three
 * {@code TaskQuery} counts (open, overdue: due before now, warning: due within the next 24 hours), and (b) GridLoop's
 * {@link BoardService} for the district (counts, every case in warning or overdue, the grids), which reads GridLoop's own
 * tables.
 *
 * <p>{@code ./mvnw -B -o -pl app -Pbench verify -Dbench.main=io.gridloop.benchmark.BoardTaskQueries -Dbench.history=20000
 * -Dbench.instances=20000}; writes {@code app/target/benchmark/board-taskquery.md}.
 */
public final class BoardTaskQueries {

    private static final int HISTORY = Integer.getInteger("bench.history", 20_000);
    private static final int INSTANCES = Integer.getInteger("bench.instances", 20_000);
    private static final int YEARS = Integer.getInteger("bench.years", 5);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 10);
    /** {@code -Dbench.taskquery=false}: no process instances and no TaskQuery half (minutes instead of 25, for the board alone). */
    private static final boolean TASKQUERY = !"false".equals(System.getProperty("bench.taskquery", "true"));
    /** Process instances started per transaction. */
    private static final int BATCH = 200;
    /** The recent weeks the open cases are reported in (and the closed cases beside them). */
    private static final Duration RECENT = Duration.ofDays(45);
    private static final AccessScope DISTRICT = AccessScope.of("wuqiang", List.of(Roles.MANAGER), Set.of());
    private static final StringBuilder OUT = new StringBuilder();

    private BoardTaskQueries() {}

    public static void main(String[] args) throws Exception {
        Path district = writeDistrict(Path.of("target", "benchmark", "district").toAbsolutePath());
        try (PostgresServer pg = PostgresServer.start()) {
            ConfigurableApplicationContext app = BenchmarkApp.start(pg, Map.of(
                    "camunda.bpm.job-execution.enabled", "false",
                    // the demo officials belong to the embedded district's departments, which this district does not have
                    "gridloop.demo-users", "false",
                    "gridloop.reference-data", district.toUri().toString()));
            try {
                line("# GridLoop board beside Camunda's TaskQuery per group, " + LocalDateTime.now().withNano(0));
                line("");
                line("PostgreSQL (%s), %d cores, Java %s, heap max %d MB".formatted(pg.kind(), Runtime.getRuntime().availableProcessors(),
                        System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20));
                line("");
                line("Load average before: " + Machine.loadAverage());
                line("");
                fill(app);
                measure(app);
                line("Load average after: " + Machine.loadAverage());
            } finally {
                app.close();
            }
        }
        Path file = Path.of("target", "benchmark", "board-taskquery.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, OUT.toString());
        System.out.println("written to " + file.toAbsolutePath());
    }

    private static void line(String s) {
        System.out.println(s);
        OUT.append(s).append('\n');
    }

    // ---- the district

    private static String grid(int i) {
        return "S%02dC%02dG%02d".formatted(i % 15 + 1, (i / 15) % 17 + 1, i / 15 / 17 + 1);
    }

    /** 1,500 square grids in 15 streets of 17 communities, 100 departments, the embedded district's categories and holidays. */
    private static Path writeDistrict(Path dir) throws Exception {
        Files.createDirectories(dir.resolve("holidays"));
        StringBuilder grids = new StringBuilder("{\"type\":\"FeatureCollection\",\"district\":{\"name\":\"基准区\"},\"features\":[");
        for (int i = 0; i < 1500; i++) {
            String code = grid(i);
            String street = code.substring(0, 3);
            String community = code.substring(0, 6);
            double lng = 116.2 + (i % 50) * 0.004;
            double lat = 39.85 + (i / 50) * 0.004;
            grids.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, """
                    {"type":"Feature","properties":{"code":"%s","name":"网格%s","nameEn":"Grid %s","community":"%s","communityName":"社区%s",\
                    "communityNameEn":"Community %s","street":"%s","streetName":"街道%s","streetNameEn":"Street %s","gridWorkers":["gw%d"]},\
                    "geometry":{"type":"Polygon","coordinates":[[[%.3f,%.3f],[%.3f,%.3f],[%.3f,%.3f],[%.3f,%.3f],[%.3f,%.3f]]]}}""",
                    code, code, code, community, community, community, street, street, street, i / 3,
                    lng, lat, lng + 0.004, lat, lng + 0.004, lat + 0.004, lng, lat + 0.004, lng, lat));
        }
        Files.writeString(dir.resolve("grids.geojson"), grids.append("]}").toString());
        StringBuilder departments = new StringBuilder("{\"departments\":[");
        for (int d = 1; d <= 100; d++) {
            departments.append(d == 1 ? "" : ",").append("{\"code\":\"d%03d\",\"name\":\"部门%03d\",\"nameEn\":\"Department %03d\",\"group\":\"dept-d%03d\"}"
                    .formatted(d, d, d, d));
        }
        Files.writeString(dir.resolve("departments.json"), departments.append("]}").toString());
        var resolver = new PathMatchingResourcePatternResolver();
        copy(resolver.getResource("classpath:config/categories.json"), dir.resolve("categories.json"));
        for (Resource r : resolver.getResources("classpath:config/holidays/*.json")) {
            copy(r, dir.resolve("holidays").resolve(r.getFilename()));
        }
        return dir;
    }

    private static void copy(Resource from, Path to) throws Exception {
        try (InputStream in = from.getInputStream()) {
            Files.copy(in, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The generator's district over the reference data just written (as EvaluationBenchmark's, with real departments). */
    private static HistoryGenerator.District district(ConfigurableApplicationContext app) {
        ReferenceData reference = app.getBean(ReferenceData.class);
        DecisionService decisions = app.getBean(DecisionService.class);
        EscalationChain escalation = app.getBean(EscalationChain.class);
        List<HistoryGenerator.Place> places = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        SplittableRandom weights = new SplittableRandom(7);
        for (int i = 0; i < 1500; i++) {
            String g = grid(i);
            places.add(new HistoryGenerator.Place(g, g.substring(0, 6), g.substring(0, 3), g, g.substring(0, 3), "gw" + (i / 3),
                    0.4 + weights.nextDouble() * 1.6));
            index.put(g, i);
        }
        List<HistoryGenerator.Kind> kinds = new ArrayList<>();
        for (Category parent : reference.categories()) {
            for (Category c : parent.subcategories()) {
                boolean easy = DemoHistory.EASY.contains(c.code());
                boolean hard = DemoHistory.HARD.contains(c.code());
                kinds.add(new HistoryGenerator.Kind(c.code(), parent.code(), c.kind().name(), c.name(), easy ? 3 : hard ? 0.8 : 1, easy, hard));
            }
        }
        List<String> departments = reference.departments().stream().map(Department::code).toList();
        if (departments.size() != 100) {
            throw new IllegalStateException("the benchmark's district did not load: " + departments.size() + " departments");
        }
        List<HistoryGenerator.Rung> rungs = List.of(
                new HistoryGenerator.Rung("STREET", "SUPERVISION", "STREET", "OVERDUE", s -> Roles.STREET_SUPERVISOR_PREFIX + s),
                new HistoryGenerator.Rung("DISTRICT", "SUPERVISION", "DISTRICT", "ESCALATED", s -> Roles.SUPERVISOR),
                new HistoryGenerator.Rung("NOTICE", "NOTICE", "DISTRICT", "NOTICE", s -> Roles.MANAGER));
        return new HistoryGenerator.District(places, kinds, departments,
                sub -> DemoHistory.decidedLimits(decisions, app.getBean(TimeLimits.class), app.getBean(io.gridloop.deadline.HandlingStages.class),
                        sub, "NORMAL"),
                (sub, street) -> departments.get(Math.floorMod(sub.hashCode() + 7 * street.hashCode(), departments.size())),
                rungs, (limit, level) -> escalation.after(limit, level, "NORMAL"),
                code -> reference.department(code).map(Department::groupId).orElseThrow(),
                (group, place) -> Roles.GRID_WORKER.equals(group) ? List.of(place.gridWorker()) : List.of(group + "-1", group + "-2"),
                "d007", Set.of("gw7", "gw42"),
                (place, random) -> {
                    int i = index.get(place.grid());
                    return new double[] {116.2 + (i % 50) * 0.004 + random.nextDouble() * 0.004,
                            39.85 + (i / 50) * 0.004 + random.nextDouble() * 0.004};
                });
    }

    // ---- the fill: the past in bulk, then one process instance per open case

    private static void fill(ConfigurableApplicationContext app) throws Exception {
        WorkingTime workingTime = app.getBean(WorkingTime.class);
        Clock clock = app.getBean(Clock.class);
        javax.sql.DataSource dataSource = app.getBean(javax.sql.DataSource.class);
        HistoryGenerator generator = new HistoryGenerator(district(app), workingTime, app.getBean(TimeLimits.class), TimeLimit.parse("P1D"));
        Instant now = clock.instant();
        long started = System.nanoTime();
        List<HistoryCase> open = new ArrayList<>();
        int recent;
        try (Connection c = dataSource.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("set synchronous_commit = off");
            }
            c.setAutoCommit(false);
            try (HistoryWriter writer = new HistoryWriter(c, true, false)) {
                // the past: bench.history cases over the years, as EvaluationBenchmark fills it
                generator.generate(20261126L, HISTORY, now.minus(Duration.ofDays(365L * YEARS)), now, 1, 1,
                        write(writer, c, hc -> hc.isOpen(), open));
                // the last weeks again, until bench.instances cases are open: a dry run counts what a seed leaves open, then
                // the same cases are written with as many of the open ones (drawn evenly) as are still wanting
                int wanted = Math.max(0, INSTANCES - open.size());
                int[] sized = wanted == 0 ? new int[2] : recentCount(generator, wanted, now);
                recent = sized[0];
                if (recent > 0) {
                    Set<Integer> keep = draw(sized[1], wanted);
                    int[] n = new int[1];
                    generator.generate(20261127L, recent, now.minus(RECENT), now, HISTORY + 1, HISTORY + 1,
                            write(writer, c, hc -> !hc.isOpen() || keep.contains(n[0]++), open));
                }
                writer.flush();
            }
            c.commit();
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("alter table gl_case alter column id restart with " + (HISTORY + recent + 1));
                s.execute("set synchronous_commit = on");
            }
        }
        long cases;
        long facts;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("vacuum analyze");
            cases = count(s, "select count(*) from gl_case");
            facts = count(s, "select count(*) from gl_step_fact");
        }
        line("## Fill: %,d cases (%,d over %d years, %,d in the last %d days), %,d open, %,d step facts, loaded in %.0f s"
                .formatted(cases, HISTORY, YEARS, cases - HISTORY, RECENT.toDays(), open.size(), facts, (System.nanoTime() - started) / 1e9));
        line("");

        if (!TASKQUERY) {
            line("## No process instances (bench.taskquery=false): the board alone, on the generator's open cases");
            line("");
            return;
        }
        long t = System.nanoTime();
        startInstances(app, open);
        double seconds = (System.nanoTime() - t) / 1e9;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            // the history's stand-in for the open step's fact: the instance's own task wrote the real one
            s.executeUpdate("""
                    delete from gl_step_fact f where f.finished_at is null and f.task_id like 'history-%'
                      and exists (select 1 from gl_case c where c.id = f.case_id and c.process_instance_id is not null)""");
            s.execute("vacuum analyze");
            line("## %,d caseLoop process instances started before their user tasks in %.0f s (%.0f a second, %d per transaction), %,d tasks, %,d timers"
                    .formatted(open.size(), seconds, open.size() / seconds, BATCH, count(s, "select count(*) from act_ru_task"),
                            count(s, "select count(*) from act_ru_job where type_ = 'timer'")));
        }
        line("");
    }

    private static long count(Statement s, String sql) throws Exception {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static Consumer<HistoryCase> write(HistoryWriter writer, Connection c, java.util.function.Predicate<HistoryCase> keep,
                                               List<HistoryCase> open) {
        int[] n = new int[1];
        return hc -> {
            if (!keep.test(hc)) {
                return;
            }
            try {
                writer.write(hc);
                if (hc.isOpen()) {
                    open.add(hc);
                }
                if (++n[0] % 20_000 == 0) {
                    writer.flush();
                    c.commit();
                    System.out.printf("  %,d cases written%n", n[0]);
                }
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    /**
     * How many cases reported in the recent weeks leave at least {@code wanted} open, and how many they leave open (dry
     * runs, nothing written).
     */
    private static int[] recentCount(HistoryGenerator generator, int wanted, Instant now) {
        int count = wanted * 3;
        for (int attempt = 0; attempt < 6; attempt++) {
            int[] open = new int[1];
            generator.generate(20261127L, count, now.minus(RECENT), now, HISTORY + 1, HISTORY + 1, hc -> open[0] += hc.isOpen() ? 1 : 0);
            if (open[0] >= wanted) {
                return new int[] {count, open[0]};
            }
            count = (int) Math.ceil(count * (wanted * 1.1 / Math.max(1, open[0])));
        }
        throw new IllegalStateException("the recent weeks do not leave " + wanted + " cases open");
    }

    /** {@code wanted} of the indexes 0..n-1, drawn evenly. */
    private static Set<Integer> draw(int n, int wanted) {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(i);
        }
        java.util.Collections.shuffle(all, new java.util.Random(11));
        return new HashSet<>(all.subList(0, Math.min(n, wanted)));
    }

    /**
     * One process instance per open case, before the user task it waits in (as DemoHistory takes up its open cases), the
     * engine's clock at the moment the step began; {@value #BATCH} to a transaction.
     */
    private static void startInstances(ConfigurableApplicationContext app, List<HistoryCase> open) {
        RuntimeService runtime = app.getBean(RuntimeService.class);
        CaseTransitions transitions = app.getBean(CaseTransitions.class);
        TransactionTemplate tx = new TransactionTemplate(app.getBean(org.springframework.transaction.PlatformTransactionManager.class));
        open.sort(Comparator.comparing(c -> c.open.started()));
        long t = System.nanoTime();
        try {
            for (int from = 0; from < open.size(); from += BATCH) {
                List<HistoryCase> batch = open.subList(from, Math.min(open.size(), from + BATCH));
                tx.executeWithoutResult(s -> {
                    for (HistoryCase c : batch) {
                        DemoHistory.startInItsStep(runtime, transitions, c);
                    }
                });
                if ((from / BATCH) % 5 == 4) {
                    System.out.printf("  %,d instances started (%.0f s, load %s)%n", from + batch.size(), (System.nanoTime() - t) / 1e9, Machine.loadAverage());
                }
            }
        } finally {
            ClockUtil.reset();
        }
    }

    // ---- the figures

    private static void measure(ConfigurableApplicationContext app) throws Exception {
        TaskService tasks = app.getBean(TaskService.class);
        BoardService board = app.getBean(BoardService.class);
        Clock clock = app.getBean(Clock.class);
        Locale zh = Locale.SIMPLIFIED_CHINESE;
        // the groups a developer's board lists: the loop's roles and every department's group
        List<String> groups = new ArrayList<>(List.of(Roles.GRID_WORKER, Roles.INTAKE, Roles.DISPATCHER, Roles.SUPERVISOR));
        app.getBean(ReferenceData.class).departments().forEach(d -> groups.add(d.groupId()));

        long[] taskQueryTotals = new long[3];
        Callable<Integer> taskQueryBoard = () -> {
            Date now = Date.from(clock.instant());
            Date soon = Date.from(clock.instant().plus(Duration.ofHours(24)));
            long[] totals = new long[3];
            for (String g : groups) {
                totals[0] += tasks.createTaskQuery().taskCandidateGroup(g).count();
                totals[1] += tasks.createTaskQuery().taskCandidateGroup(g).dueBefore(now).count();
                totals[2] += tasks.createTaskQuery().taskCandidateGroup(g).dueAfter(now).dueBefore(soon).count();
            }
            System.arraycopy(totals, 0, taskQueryTotals, 0, 3);
            return groups.size();
        };
        Board[] last = new Board[1];
        Callable<Integer> gridLoopBoard = () -> {
            last[0] = board.board(DISTRICT, zh);
            return last[0].cases().size();
        };

        line("## The overdue board for the district (p50 / p95, ms)");
        line("");
        line("| what | queries | rows | samples | p50 | p95 |");
        line("|---|---|---|---|---|---|");
        // in turns, so that both see the same machine load
        double[][] ms = new double[2][ROUNDS];
        int[] rows = new int[2];
        rows[0] = TASKQUERY ? taskQueryBoard.call() : 0;
        rows[1] = gridLoopBoard.call();
        for (int i = 0; i < ROUNDS; i++) {
            ms[0][i] = TASKQUERY ? time(taskQueryBoard) : 0;
            ms[1][i] = time(gridLoopBoard);
        }
        if (TASKQUERY) {
            line(row("Camunda TaskQuery per candidate group: open, overdue (due before now), warning (due within 24 h)", 3 * groups.size(),
                    rows[0] + " groups", ms[0]));
        }
        line(row("GridLoop BoardService.board (counts and grids in one pass, every case in warning or overdue with its orders)", 2, "%,d cases".formatted(rows[1]), ms[1]));
        line("");
        rounds("the board alone", gridLoopBoard);
        explain(app);

        // the trend: its past days from the snapshot (counted here as after midnight), today the board's counts
        long counted = System.nanoTime();
        app.getBean(io.gridloop.metrics.BoardTrendSnapshots.class).catchUp();
        line("The trend's snapshot counted in %.0f ms.".formatted((System.nanoTime() - counted) / 1e6));
        line("");
        Callable<Integer> trend = () -> board.trend(io.gridloop.metrics.Trend.Granularity.DAY, DISTRICT).points().size();
        Callable<Integer> weeks = () -> board.trend(io.gridloop.metrics.Trend.Granularity.WEEK, DISTRICT).points().size();
        trend.call();
        weeks.call();
        double[][] tr = new double[2][2 * ROUNDS];
        for (int i = 0; i < 2 * ROUNDS; i++) {
            tr[0][i] = time(trend);
            tr[1][i] = time(weeks);
        }
        line("| what | queries | rows | samples | p50 | p95 |");
        line("|---|---|---|---|---|---|");
        line(row("GridLoop BoardService.trend, 30 days (the board's counts now, 29 days from the snapshot)", 5, "30 points", tr[0]));
        line(row("GridLoop BoardService.trend, 12 weeks", 5, "12 points", tr[1]));
        // a street's supervisor and a department's handler: their rows from the snapshot, the rest of their scope live
        String department = app.getBean(ReferenceData.class).departments().iterator().next().code();
        AccessScope street = AccessScope.of("bench-street", List.of(Roles.STREET_SUPERVISOR_PREFIX + "S01"), Set.of());
        AccessScope handler = new AccessScope("bench-handler", Set.of("dept-" + department), false, Set.of(), Set.of(department), Set.of());
        for (AccessScope scope : List.of(street, handler)) {
            Callable<Integer> scoped = () -> board.trend(io.gridloop.metrics.Trend.Granularity.DAY, scope).points().size();
            scoped.call();
            double[] scopedMs = new double[2 * ROUNDS];
            for (int i = 0; i < scopedMs.length; i++) {
                scopedMs[i] = time(scoped);
            }
            line(row("GridLoop BoardService.trend, 30 days, " + (scope == street ? "street S01's supervisor" : "department " + department
                    + "'s handler"), 5, "30 points", scopedMs));
        }
        line("");
        rounds("the trend (30 days, the district)", trend);
        Board.Counts c = last[0].counts();
        long instances = tasks.createTaskQuery().processDefinitionKey(CaseLoop.PROCESS_ID).count();
        line("What each one counted: TaskQuery %,d open tasks (%,d caseLoop tasks in all), %,d overdue, %,d due within 24 h; "
                .formatted(taskQueryTotals[0], instances, taskQueryTotals[1], taskQueryTotals[2])
                + "GridLoop %,d open cases, %,d overdue, %,d in warning (80%% of the step's limit gone), %,d under supervision."
                .formatted(c.open(), c.overdue(), c.warning(), c.underSupervision()));
        line("");
    }

    /**
     * Where a round of the board goes: wall time beside the calling thread's CPU time, what it allocated and the
     * collections during it. A round whose wall time is far above its CPU time with no collection waited (for PostgreSQL,
     * or for a core); one with a collection or much more allocation paid for it in the JVM.
     */
    private static void rounds(String what, Callable<Integer> board) throws Exception {
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        List<java.lang.management.GarbageCollectorMXBean> gcs = java.lang.management.ManagementFactory.getGarbageCollectorMXBeans();
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long self = Thread.currentThread().getId();
        int n = Integer.getInteger("bench.detail", 3 * ROUNDS);
        line("Each of %d further rounds of %s (ms; MB allocated by the calling thread; collections during it; load):".formatted(n, what));
        line("");
        line("| round | wall | thread CPU | wall − CPU | allocated | GCs (ms) | load |");
        line("|---|---|---|---|---|---|---|");
        for (int i = 0; i < n; i++) {
            long gcCount = 0;
            long gcMs = 0;
            for (var g : gcs) {
                gcCount -= g.getCollectionCount();
                gcMs -= g.getCollectionTime();
            }
            long cpu = threads.getThreadCpuTime(self);
            long bytes = threads.getThreadAllocatedBytes(self);
            long t = System.nanoTime();
            board.call();
            double wall = (System.nanoTime() - t) / 1e6;
            double cpuMs = (threads.getThreadCpuTime(self) - cpu) / 1e6;
            double mb = (threads.getThreadAllocatedBytes(self) - bytes) / 1048576.0;
            for (var g : gcs) {
                gcCount += g.getCollectionCount();
                gcMs += g.getCollectionTime();
            }
            line(String.format(Locale.ROOT, "| %d | %.1f | %.1f | %.1f | %.1f | %d (%d) | %.1f |", i + 1, wall, cpuMs, wall - cpuMs, mb, gcCount, gcMs,
                    os.getSystemLoadAverage()));
        }
        line("");
    }

    /**
     * PostgreSQL's own plan and time for the board's two queries (their text as BoardService sends them for the district),
     * three times each: what the rounds above wait for.
     */
    private static void explain(ConfigurableApplicationContext app) throws Exception {
        String counts = io.gridloop.metrics.BoardService.PER_GRID.formatted("1 = 1");
        String cases = io.gridloop.metrics.BoardService.CASES.formatted("(c.warning or c.overdue) and 1 = 1");
        try (Connection c = app.getBean(javax.sql.DataSource.class).getConnection(); Statement s = c.createStatement()) {
            for (String[] q : new String[][] {{"counts and grids", counts}, {"cases in warning or overdue", cases}}) {
                for (int i = 0; i < 3; i++) {
                    StringBuilder plan = new StringBuilder();
                    try (ResultSet r = s.executeQuery("explain (analyze, buffers) " + q[1])) {
                        while (r.next()) {
                            plan.append(r.getString(1)).append('\n');
                        }
                    }
                    if (i == 2) {
                        line("PostgreSQL's plan of the board's " + q[0] + " (third run):");
                        line("");
                        line("```");
                        line(plan.toString().stripTrailing());
                        line("```");
                        line("");
                    } else {
                        line("PostgreSQL's time for the board's " + q[0] + ": " + plan.toString().lines()
                                .filter(l -> l.contains("Execution Time")).findFirst().orElse("?").trim());
                        line("");
                    }
                }
            }
        }
    }

    private static double time(Callable<Integer> work) throws Exception {
        long t = System.nanoTime();
        work.call();
        return (System.nanoTime() - t) / 1e6;
    }

    private static String row(String what, int queries, String rows, double[] samples) {
        double[] ms = samples.clone();
        Arrays.sort(ms);
        return String.format(Locale.ROOT, "| %s | %d | %s | %d | %.1f | %.1f |", what, queries, rows, ms.length, ms[ms.length / 2],
                ms[(int) Math.ceil(ms.length * 0.95) - 1]);
    }
}
