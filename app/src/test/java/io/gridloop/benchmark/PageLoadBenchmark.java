package io.gridloop.benchmark;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.LocatorJ;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import io.gridloop.casefile.Channel;
import io.gridloop.casefile.Urgency;
import io.gridloop.inbox.InboxView;
import io.gridloop.intake.Report;
import io.gridloop.intake.ReportService;
import io.gridloop.notify.MessagesView;
import io.gridloop.support.HttpFrom;
import io.gridloop.support.KaribuUi;
import io.gridloop.support.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.TaskService;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The inbox page beside Camunda Tasklist's task list, for the same open tasks, in one run (not a test):
 * <ol>
 *   <li>GridLoop's inbox view, first render on the server: the intake operator opens the inbox and its first 50 rows
 *   are rendered to the text of their cells (Karibu, in-process: what the server does before the browser draws);</li>
 *   <li>GridLoop's JSON inbox over HTTP ({@code GET /api/inbox}, HTTP Basic, the same 50 rows);</li>
 *   <li>Tasklist's task list over HTTP, as Tasklist asks for it ({@code POST /camunda/api/engine/engine/default/task},
 *   the candidate group's tasks by due date, 50 rows), in the administrator's Tasklist session (single sign-on).</li>
 * </ol>
 * No browser here: these are the server's parts of a page load, not network idle in Chromium. Run with
 * {@code ./mvnw -B -pl app -Pbench verify -Dbench.main=io.gridloop.benchmark.PageLoadBenchmark}; writes
 * {@code app/target/benchmark/pages.md}. Sizes: 200 and 1,000 open register tasks of the intake group.
 */
public final class PageLoadBenchmark {

    private static final int[] SIZES = Arrays.stream(System.getProperty("bench.pages", "200,1000").split(","))
            .mapToInt(s -> Integer.parseInt(s.trim())).toArray();
    private static final int SAMPLES = Integer.getInteger("bench.samples", 100);
    private static final StringBuilder OUT = new StringBuilder();

    private PageLoadBenchmark() {}

    public static void main(String[] args) throws Exception {
        try (PostgresServer pg = PostgresServer.start()) {
            ConfigurableApplicationContext app = BenchmarkApp.start(pg, Map.of("camunda.bpm.job-execution.enabled", "false"));
            try {
                ProcessEngines.registerProcessEngine(app.getBean(ProcessEngine.class));
                int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
                line("# GridLoop pages beside Camunda Tasklist, " + LocalDateTime.now().withNano(0));
                line("");
                line("PostgreSQL (%s), %d cores, Java %s; p50 / p95 of %d samples each, taken in turn after a warm-up".formatted(
                        pg.kind(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), SAMPLES));
                line("");
                line("| open tasks (intake) | GridLoop inbox view, first render (50 rows) | GridLoop /api/inbox over HTTP | Tasklist task list over HTTP | Tasklist / inbox view (p50) |");
                line("|---|---|---|---|---|");
                ReportService reports = app.getBean(ReportService.class);
                TaskService tasks = app.getBean(TaskService.class);
                int made = 0;
                for (int size : SIZES) {
                    for (; made < size; made++) {
                        reports.report(new Report(Channel.GRID_WORKER, Urgency.NORMAL, null, "STREETLIGHT",
                                "S0" + (1 + made % 2) + "C0" + (1 + made % 3) + "G0" + (1 + made % 5), null, null, "benchmark",
                                "路灯不亮 #" + made, null, null, null, false, List.of()), "wangwei");
                    }
                    long open = tasks.createTaskQuery().taskCandidateGroup("intake").count();
                    measure(app, port, open);
                }
                Path out = Path.of("target/benchmark/pages.md");
                Files.createDirectories(out.getParent());
                Files.writeString(out, OUT);
            } finally {
                app.close();
            }
        }
        System.exit(0);
    }

    private static void measure(ConfigurableApplicationContext app, int port, long open) throws Exception {
        KaribuUi.signIn(app, "lina");
        // away from the inbox first (not timed), so that each sample builds the inbox view anew
        Runnable away = () -> UI.getCurrent().navigate(MessagesView.class);
        Callable<Integer> view = () -> {
            UI.getCurrent().navigate(InboxView.class);
            @SuppressWarnings("unchecked")
            Grid<Object> grid = LocatorJ._get(Grid.class, spec -> spec.withId("inbox-grid"));
            int rows = GridKt._size(grid) == 0 ? 0 : Math.min(50, GridKt._size(grid));
            for (int i = 0; i < rows; i++) {
                GridKt._getFormattedRow(grid, i);
            }
            return rows;
        };
        HttpFrom api = new HttpFrom("127.0.0.1", port);
        String basic = HttpFrom.basic("lina", "demo");
        Callable<Integer> json = () -> check(api.get("/api/inbox?scope=GROUP&limit=50", "Authorization", basic));
        Session tasklist = signedIn(port, "admin");
        String query = "{\"candidateGroup\":\"intake\",\"sorting\":[{\"sortBy\":\"dueDate\",\"sortOrder\":\"asc\"}]}";
        Callable<Integer> camunda = () -> check(tasklist.browser().send("POST",
                "/camunda/api/engine/engine/default/task?firstResult=0&maxResults=50", query, "Content-Type", "application/json",
                "Accept", "application/json", "X-XSRF-TOKEN", tasklist.xsrf()));
        double[][] t = sample(away, view, json, camunda);
        line(String.format(Locale.ROOT, "| %,d | %.1f / %.1f ms | %.1f / %.1f ms | %.1f / %.1f ms | %.2f× |", open, t[0][0], t[0][1],
                t[1][0], t[1][1], t[2][0], t[2][1], t[2][0] / t[0][0]));
        KaribuUi.signOut();
    }

    private static int check(HttpFrom.Response r) {
        if (r.status() != 200) {
            throw new IllegalStateException("HTTP " + r.status() + ": " + r.body());
        }
        return r.body().length();
    }

    /** A browser session signed in to GridLoop and, by single sign-on, to Tasklist; the webapps' CSRF token kept. */
    private record Session(HttpFrom browser, String xsrf) {}

    private static Session signedIn(int port, String user) throws Exception {
        HttpFrom browser = new HttpFrom("127.0.0.1", port);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"")
                .matcher(browser.get("/login").body());
        if (!m.find()) {
            throw new IllegalStateException("no CSRF token on the login page");
        }
        browser.send("POST", "/login", "username=" + user + "&password=demo&_csrf=" + m.group(1),
                "Content-Type", "application/x-www-form-urlencoded");
        HttpFrom.Response page = browser.get("/camunda/app/tasklist/default/");
        return new Session(browser, page.header("X-XSRF-TOKEN"));
    }

    @SafeVarargs
    private static double[][] sample(Runnable beforeFirst, Callable<Integer>... ways) throws Exception {
        for (int i = 0; i < 20; i++) {
            beforeFirst.run();
            for (Callable<Integer> w : ways) {
                w.call();
            }
        }
        double[][] ms = new double[ways.length][SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            beforeFirst.run();
            for (int w = 0; w < ways.length; w++) {
                long t = System.nanoTime();
                ways[w].call();
                ms[w][i] = (System.nanoTime() - t) / 1e6;
            }
        }
        double[][] out = new double[ways.length][];
        for (int w = 0; w < ways.length; w++) {
            Arrays.sort(ms[w]);
            out[w] = new double[] {ms[w][SAMPLES / 2], ms[w][(int) Math.ceil(SAMPLES * 0.95) - 1]};
        }
        return out;
    }

    private static void line(String s) {
        System.out.println(s);
        OUT.append(s).append('\n');
    }
}
