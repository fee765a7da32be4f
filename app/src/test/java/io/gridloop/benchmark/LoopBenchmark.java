package io.gridloop.benchmark;

import io.gridloop.process.CaseLoop;
import io.gridloop.casefile.CaseRecord;
import io.gridloop.casefile.Channel;
import io.gridloop.casefile.Urgency;
import io.gridloop.inbox.InboxQuery;
import io.gridloop.inbox.InboxService;
import io.gridloop.inbox.InboxTask;
import io.gridloop.inbox.Submission;
import io.gridloop.intake.Report;
import io.gridloop.intake.ReportService;
import io.gridloop.support.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The benchmark harness (not a test): GridLoop on a real PostgreSQL beside bare Camunda, in one run.
 * <ol>
 *   <li>the loop: N citizen cases with one co-department (7 user tasks each) driven by GridLoop's services, and the
 *   same BPMN's tasks completed through bare Camunda's TaskService;</li>
 *   <li>the inbox's first page for a dispatcher and a department handler at 10,000 and 100,000 open tasks, beside
 *   Camunda's TaskQuery with candidate groups and a variable filter for the same page.</li>
 * </ol>
 * Run with {@code ./mvnw -B -pl app -Pbench verify}; prints the figures and writes them to
 * {@code app/target/benchmark/results.md}. Sizes: -Dbench.cases=200 -Dbench.threads=4 -Dbench.inbox=10000,100000.
 */
public final class LoopBenchmark {

    private static final int CASES = Integer.getInteger("bench.cases", 200);
    private static final int THREADS = Integer.getInteger("bench.threads", 4);
    private static final int SAMPLES = Integer.getInteger("bench.samples", 300);
    private static final int[] INBOX_SIZES = Arrays.stream(System.getProperty("bench.inbox", "10000,100000").split(","))
            .mapToInt(s -> Integer.parseInt(s.trim())).toArray();
    private static final StringBuilder OUT = new StringBuilder();

    private LoopBenchmark() {}

    public static void main(String[] args) throws Exception {
        try (PostgresServer pg = PostgresServer.start()) {
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password())) {
                c.createStatement().execute("create database bare");
            }
            String bareUrl = pg.jdbcUrl().replaceFirst("/postgres(\\?|$)", "/bare$1");
            ConfigurableApplicationContext app = BenchmarkApp.start(pg, Map.of(
                    "spring.datasource.hikari.maximum-pool-size", "12",
                    "camunda.bpm.job-execution.enabled", "false"));
            ProcessEngine bare = BareEngine.start(bareUrl, pg.username(), pg.password());
            try {
                line("# GridLoop benchmark, " + LocalDateTime.now().withNano(0));
                line("");
                line("PostgreSQL (%s), %d cores, %d threads, Java %s".formatted(pg.kind(), Runtime.getRuntime().availableProcessors(),
                        THREADS, System.getProperty("java.version")));
                line("");
                loop(app, bare);
                inbox(app);
            } finally {
                bare.close();
                app.close();
            }
        }
        Path file = Path.of("target", "benchmark", "results.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, OUT.toString());
        System.out.println("written to " + file.toAbsolutePath());
    }

    private static void line(String s) {
        System.out.println(s);
        OUT.append(s).append('\n');
    }

    // ---- 1. the loop

    private record Step(String taskKey, String user, Map<String, Object> values) {}

    private static final List<Step> STEPS = List.of(
            new Step(CaseLoop.TASK_VERIFY, "wangwei", Map.of("verifyResult", "CONFIRMED")),
            new Step(CaseLoop.TASK_REGISTER, "lina", Map.of("registerDecision", "REGISTER")),
            new Step(CaseLoop.TASK_DISPATCH, "zhangmin", Map.of("department", "roads", "coDepartments", List.of("police"))),
            new Step(CaseLoop.TASK_CO_HANDLE, "police1", Map.of("coFeedback", "已配合")),
            new Step(CaseLoop.TASK_HANDLE, "sunli", Map.of("handleOutcome", "FEEDBACK", "feedback", "已修复")),
            new Step(CaseLoop.TASK_CHECK, "wangwei", Map.of("checkResult", "PASSED")),
            new Step(CaseLoop.TASK_CALLBACK, "lina", Map.of("satisfaction", "SATISFIED")));

    private static Report report(Channel channel, int i) {
        return new Report(channel, Urgency.NORMAL, null, "STREETLIGHT", "S0" + (1 + i % 2) + "C0" + (1 + i % 3) + "G0" + (1 + i % 5),
                null, null, "benchmark", "路灯不亮 #" + i, null, null, null, false, List.of());
    }

    private static void loop(ConfigurableApplicationContext app, ProcessEngine bare) throws Exception {
        ReportService reports = app.getBean(ReportService.class);
        InboxService inbox = app.getBean(InboxService.class);
        io.gridloop.inbox.InboxPages pages = app.getBean(io.gridloop.inbox.InboxPages.class);
        IdentityService identity = app.getBean(IdentityService.class);
        Map<String, List<String>> groups = new HashMap<>();
        for (Step s : STEPS) {
            groups.computeIfAbsent(s.user(), u -> identity.createGroupQuery().groupMember(u).list().stream().map(g -> g.getId()).toList());
        }
        IntConsumer gridLoopCase = i -> {
            CaseRecord c = reports.report(report(Channel.CITIZEN, i), "lina");
            for (Step s : STEPS) {
                InboxTask t = pages.openTasksOfCase(c.id()).stream().filter(x -> x.taskKey().equals(s.taskKey())).findFirst().orElseThrow();
                inbox.complete(t.taskId(), s.user(), groups.get(s.user()), Submission.of(s.values()));
            }
        };
        TaskService bareTasks = bare.getTaskService();
        IntConsumer bareCase = i -> {
            Map<String, Object> vars = new HashMap<>(Map.of("caseId", (long) i, "channel", "CITIZEN", "urgency", "NORMAL",
                    "categoryCode", "PUBLIC_FACILITY", "subcategoryCode", "STREETLIGHT", "gridCode", "S01C01G01", "streetCode", "S01",
                    "selfResolved", false));
            vars.putAll(Map.of("verifyLimit", "PT2H", "registerLimit", "PT1H", "dispatchLimit", "PT1H", "handleLimit", "P3D",
                    "checkLimit", "PT4H", "callbackLimit", "P1D", "approvalLimit", "PT4H", "handleStage", 1, "handleStageCount", 1));
            String pi = bare.getRuntimeService().startProcessInstanceByKey(CaseLoop.PROCESS_ID, "bare-" + i, vars).getId();
            for (Step s : STEPS) {
                Task t = bareTasks.createTaskQuery().processInstanceId(pi).taskDefinitionKey(s.taskKey()).list().get(0);
                bareTasks.claim(t.getId(), s.user());
                bareTasks.complete(t.getId(), s.values());
            }
        };
        run(Math.max(10, CASES / 10), bareCase);
        run(Math.max(10, CASES / 10), gridLoopCase);
        double bareSeconds = run(CASES, bareCase);
        double glSeconds = run(CASES, gridLoopCase);
        int tasks = STEPS.size();
        line("## 1. The loop: %d cases of %d user tasks each".formatted(CASES, tasks));
        line("");
        line("| | lifecycles/s | task completions/s |");
        line("|---|---|---|");
        line("| bare Camunda (TaskService, default configuration) | %.1f | %.1f |".formatted(CASES / bareSeconds, CASES * tasks / bareSeconds));
        line("| GridLoop (report, inbox, forms checked, read model, timeline) | %.1f | %.1f |".formatted(CASES / glSeconds,
                CASES * tasks / glSeconds));
        line("");
        line("GridLoop / bare: %.2f×".formatted(bareSeconds / glSeconds));
        line("");
    }

    /** Runs n jobs on the pool and returns the wall-clock seconds. */
    private static double run(int n, IntConsumer job) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            futures.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < n) {
                    job.accept(i);
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        return (System.nanoTime() - start) / 1e9;
    }

    // ---- 2. the inbox page

    private static void inbox(ConfigurableApplicationContext app) throws Exception {
        ReportService reports = app.getBean(ReportService.class);
        InboxService inbox = app.getBean(InboxService.class);
        io.gridloop.inbox.InboxPages pages = app.getBean(io.gridloop.inbox.InboxPages.class);
        TaskService tasks = app.getBean(TaskService.class);
        String[] departments = {"citymgmt", "housing", "environment", "police", "water", "roads", "civil", "market", "fire", "health",
                "greening"};
        line("## 2. The inbox's first page (50 rows, sorted by due date, filtered by urgency)");
        line("");
        line("| open tasks | whose page | rows | GridLoop p50 | GridLoop p95 | TaskQuery p50 | TaskQuery p95 | p95 ratio |");
        line("|---|---|---|---|---|---|---|---|");
        int open = pages.count("nobody", List.of("intake", "grid-worker", "dispatcher", "supervisor"), InboxQuery.firstPage(InboxQuery.Scope.GROUP));
        for (int size : INBOX_SIZES) {
            int missing = size - countOpen(tasks);
            long start = System.nanoTime();
            int base = open;
            run(Math.max(0, missing), i -> {
                int n = base + i;
                CaseRecord c = reports.report(report(Channel.GRID_WORKER, n), "wangwei");
                // one case in ten waits for dispatch, one in ten for a department's handling
                if (n % 10 == 1 || n % 10 == 2) {
                    complete(inbox, pages, c, CaseLoop.TASK_REGISTER, "lina", List.of("intake"), Map.of("registerDecision", "REGISTER"));
                }
                if (n % 10 == 2) {
                    String dept = departments[(n / 10) % departments.length];
                    complete(inbox, pages, c, CaseLoop.TASK_DISPATCH, "zhangmin", List.of("dispatcher"),
                            Map.of("department", dept, "coDepartments", List.of()));
                }
            });
            open = base + Math.max(0, missing);
            double fillSeconds = (System.nanoTime() - start) / 1e9;
            int actual = countOpen(tasks);
            settle(app);
            row(actual, "派遣员 dispatcher", () -> pages.page("zhangmin", List.of("dispatcher"), groupQuery()),
                    () -> tasks.createTaskQuery().taskCandidateGroupIn(List.of("dispatcher")).processVariableValueEquals("urgency", "NORMAL")
                            .orderByDueDate().asc().listPage(0, 50));
            row(actual, "市政处置 handler (dept-roads)", () -> pages.page("sunli", List.of("dept-roads"), groupQuery()),
                    () -> tasks.createTaskQuery().taskCandidateGroupIn(List.of("dept-roads")).processVariableValueEquals("urgency", "NORMAL")
                            .orderByDueDate().asc().listPage(0, 50));
            OUT.append("<!-- filled %d cases in %.0f s -->%n".formatted(Math.max(0, missing), fillSeconds));
        }
        line("");
    }

    /** After a bulk fill, fresh statistics and visibility maps for both sides, as autovacuum would give them a minute later. */
    private static void settle(ConfigurableApplicationContext app) throws Exception {
        try (Connection c = app.getBean(javax.sql.DataSource.class).getConnection()) {
            c.setAutoCommit(true);
            c.createStatement().execute("vacuum analyze");
        }
    }

    private static InboxQuery groupQuery() {
        return new InboxQuery(InboxQuery.Scope.GROUP, null, null, null, "NORMAL", null, InboxQuery.Sort.DUE, 0, 50);
    }

    private static void complete(InboxService inbox, io.gridloop.inbox.InboxPages pages, CaseRecord c, String key, String user, List<String> groups, Map<String, Object> values) {
        InboxTask t = pages.openTasksOfCase(c.id()).stream().filter(x -> x.taskKey().equals(key)).findFirst().orElseThrow();
        inbox.complete(t.taskId(), user, groups, Submission.of(values));
    }

    private static int countOpen(TaskService tasks) {
        return (int) tasks.createTaskQuery().count();
    }

    private static void row(int open, String who, Supplier<List<?>> ours, Supplier<List<?>> camunda) {
        int a = ours.get().size();
        int b = camunda.get().size();
        if (a != b) {
            line("(page sizes differ: GridLoop %d, TaskQuery %d)".formatted(a, b));
        }
        double[][] both = sample(ours, camunda);
        double[] g = both[0];
        double[] c = both[1];
        line(String.format(Locale.ROOT, "| %,d | %s | %d | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %.1f× |", open, who, a, g[0], g[1], c[0],
                c[1], c[1] / g[1]));
    }

    /**
     * p50 and p95 in milliseconds of both queries, after a warm-up. The two are sampled in turn so that a
     * pause of the machine (vacuum, GC, another process) falls on both alike.
     */
    private static double[][] sample(Supplier<List<?>> ours, Supplier<List<?>> camunda) {
        for (int i = 0; i < 30; i++) {
            ours.get();
            camunda.get();
        }
        double[] a = new double[SAMPLES];
        double[] b = new double[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            a[i] = time(ours);
            b[i] = time(camunda);
        }
        return new double[][] {percentiles(a), percentiles(b)};
    }

    private static double time(Supplier<List<?>> query) {
        long t = System.nanoTime();
        query.get();
        return (System.nanoTime() - t) / 1e6;
    }

    private static double[] percentiles(double[] ms) {
        Arrays.sort(ms);
        return new double[] {ms[ms.length / 2], ms[(int) Math.ceil(ms.length * 0.95) - 1]};
    }
}
