package io.gridloop.benchmark;

import io.gridloop.casefile.Channel;
import io.gridloop.casefile.Urgency;
import io.gridloop.intake.Report;
import io.gridloop.intake.ReportService;
import io.gridloop.support.LoopDriver;
import io.gridloop.support.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Timer storm (not a test): N cases whose registration deadlines (warning and overdue, 2N timers) fall due at the same
 * moment on PostgreSQL; reports how long the job executor takes until every case is marked overdue and every
 * notification is queued, and checks that nothing was marked or queued twice. Run with
 * {@code ./mvnw -B -pl app -Pbench verify -Dbench.main=io.gridloop.benchmark.TimerStormBenchmark -Dbench.storm=50000}.
 */
public final class TimerStormBenchmark {

    private static final int N = Integer.getInteger("bench.storm", 50_000);
    private static final int THREADS = Integer.getInteger("bench.threads", 4);

    private TimerStormBenchmark() {}

    public static void main(String[] args) throws Exception {
        StringBuilder out = new StringBuilder();
        try (PostgresServer pg = PostgresServer.start()) {
            // the job executor as GridLoop runs it in production (application.yml), switched on here
            ConfigurableApplicationContext app = BenchmarkApp.start(pg, Map.of(
                    "spring.datasource.hikari.maximum-pool-size", "16",
                    "camunda.bpm.job-execution.enabled", "true"));
            try {
                JdbcClient jdbc = app.getBean(JdbcClient.class);
                ReportService reports = app.getBean(ReportService.class);
                ClockUtil.setCurrentTime(Date.from(LoopDriver.MONDAY_0900));
                long fillStart = System.nanoTime();
                ExecutorService pool = Executors.newFixedThreadPool(THREADS);
                AtomicInteger next = new AtomicInteger();
                List<Future<?>> fs = new java.util.ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    fs.add(pool.submit(() -> {
                        int i;
                        while ((i = next.getAndIncrement()) < N) {
                            reports.report(new Report(Channel.GRID_WORKER, Urgency.NORMAL, null, "STREETLIGHT", "S01C01G0" + (1 + i % 5), null,
                                    null, null, "路灯不亮 #" + i, null, null, null, false, List.of()), "wangwei");
                        }
                        return null;
                    }));
                }
                for (Future<?> f : fs) {
                    f.get();
                }
                pool.shutdown();
                double fill = (System.nanoTime() - fillStart) / 1e9;
                // the registration limit is one working hour: the warnings fall due at 09:48 (not measured), then at 10:01 every
                // case's overdue timer is due at the same moment
                ClockUtil.setCurrentTime(Date.from(LoopDriver.MONDAY_0900.plus(Duration.ofMinutes(49))));
                long warnStart = System.nanoTime();
                while (jdbc.sql("select count(*) from gl_case where warning").query(Long.class).single() < N
                        && System.nanoTime() - warnStart < Duration.ofMinutes(30).toNanos()) {
                    Thread.sleep(500);
                }
                double warnings = (System.nanoTime() - warnStart) / 1e9;
                long queuedBefore = jdbc.sql("select count(*) from gl_outbox").query(Long.class).single();
                long stormStart = System.nanoTime();
                ClockUtil.setCurrentTime(Date.from(LoopDriver.MONDAY_0900.plus(Duration.ofMinutes(61))));
                long overdue = 0;
                long queued = 0;
                while (System.nanoTime() - stormStart < Duration.ofMinutes(30).toNanos()) {
                    overdue = jdbc.sql("select count(*) from gl_case where overdue").query(Long.class).single();
                    queued = jdbc.sql("select count(*) from gl_outbox").query(Long.class).single() - queuedBefore;
                    if (overdue >= N && queued >= N) {
                        break;
                    }
                    Thread.sleep(250);
                }
                double storm = (System.nanoTime() - stormStart) / 1e9;
                long marksTwice = jdbc.sql("""
                        select count(*) from (select case_id, action from gl_timeline where action in ('WARNING', 'OVERDUE', 'REMINDER')
                        group by case_id, action having count(*) > 1) d""").query(Long.class).single();
                long queuedTwice = jdbc.sql("""
                        select count(*) from (select event_key, recipient from gl_outbox group by event_key, recipient having count(*) > 1) d""")
                        .query(Long.class).single();
                long jobsLeft = jdbc.sql("select count(*) from act_ru_job where duedate_ <= :t").param("t", Date.from(LoopDriver.MONDAY_0900
                        .plus(Duration.ofMinutes(61)))).query(Long.class).single();
                out.append("# GridLoop timer storm, ").append(LocalDateTime.now().withNano(0)).append("\n\n");
                out.append("PostgreSQL (%s), %d cores; job executor: %s threads, %s jobs per acquisition%n%n".formatted(pg.kind(),
                        Runtime.getRuntime().availableProcessors(), app.getEnvironment().getProperty("camunda.bpm.job-execution.core-pool-size"),
                        app.getEnvironment().getProperty("camunda.bpm.job-execution.max-jobs-per-acquisition")));
                out.append("| overdue deadlines due at once | cases opened in | warnings (earlier) drained in | all marked overdue and reminders queued in | deadlines/s | marked twice | queued twice | due jobs left |\n");
                out.append("|---|---|---|---|---|---|---|---|\n");
                out.append("| %,d | %.0f s | %.0f s | %.0f s | %.0f | %d | %d | %d |%n".formatted(N, fill, warnings, storm, N / storm, marksTwice,
                        queuedTwice, jobsLeft));
                out.append("%nmarked overdue: %,d of %,d; reminders queued: %,d%n".formatted(overdue, N, queued));
            } finally {
                app.close();
            }
        }
        System.out.println(out);
        Path file = Path.of("target", "benchmark", "timer-storm.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, out.toString());
        System.out.println("written to " + file.toAbsolutePath());
    }
}
