package io.gridloop.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridloop.support.Browser;
import io.gridloop.support.HttpFrom;
import io.gridloop.support.ProductionJar;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Full page loads in a real browser, GridLoop's pages beside Camunda Tasklist in the same run (not a test). The
 * production jar as app/Dockerfile builds it (Vaadin in production mode on its pre-compiled bundle) runs the embedded
 * default (H2, demo officials, {@code bench.open} cases a grid worker reported through the API); Debian's headless Chromium signs in once as the intake
 * operator (the inbox, a case page, the report page) and once as the administrator (Tasklist by single sign-on, with an
 * "all tasks" filter as Tasklist's own starter creates it). After a warm-up, each page is loaded in turn, from
 * {@code about:blank}, with the browser's cache as a returning official has it and again with the cache disabled (a first
 * visit), and timed to network idle: from navigation start to the end of the last response (document, scripts, styles,
 * images, every XHR/fetch, Vaadin's UIDL requests), once the load event has fired, nothing is in flight, Vaadin's client
 * is idle and nothing new started for 500 ms.
 * <p>
 * Run with {@code ./mvnw -B -pl app -Pbench verify -Dbench.main=io.gridloop.benchmark.BrowserPageLoadBenchmark}
 * ({@code -Dbench.loads=30}); writes {@code app/target/benchmark/browser-pages.md}. {@code -Dbench.trace=true} then loads each
 * page once more and prints its requests, what each asked (Vaadin's UIDL requests name their RPC calls) and the renderer's
 * script, style and layout time; {@code -Dbench.profile=true} with it writes each page's JavaScript CPU profile
 * ({@code target/benchmark/*.cpuprofile}, Chrome's format).
 */
public final class BrowserPageLoadBenchmark {

    private static final int SAMPLES = Integer.getInteger("bench.loads", 30);
    /** Open register tasks in the intake group's inbox (and Tasklist's filter), reported by a grid worker through the API. */
    private static final int OPEN = Integer.getInteger("bench.open", 200);
    private static final int WARMUP = Integer.getInteger("bench.warmup", 5);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final StringBuilder OUT = new StringBuilder();

    /** Counts the page's XHR and fetch requests in flight, installed before any of the page's own scripts run. */
    private static final String IN_FLIGHT = """
            (() => {
              window.__glPending = 0; window.__glLastEnd = 0; window.__glSent = [];
              const done = () => { window.__glPending--; window.__glLastEnd = performance.now(); };
              const send = XMLHttpRequest.prototype.send;
              XMLHttpRequest.prototype.send = function (...a) {
                window.__glPending++;
                // what each request asks (Vaadin's UIDL requests name their RPC calls), for the trace
                window.__glSent.push(Math.round(performance.now()) + ' ms sent ' + String(a[0] || '').slice(0, 600));
                this.addEventListener('loadend', done, { once: true });
                return send.apply(this, a);
              };
              const f = window.fetch;
              if (f) window.fetch = function (...a) {
                window.__glPending++;
                return f.apply(this, a).finally(done);
              };
            })();""";

    /** The page's state: [load event ended, requests in flight, Vaadin busy, last response end, now] in ms from navigation start. */
    private static final String STATE = """
            const nav = performance.getEntriesByType('navigation')[0];
            let last = nav ? nav.responseEnd : 0;
            for (const r of performance.getEntriesByType('resource')) last = Math.max(last, r.responseEnd);
            last = Math.max(last, window.__glLastEnd || 0, nav ? nav.loadEventEnd : 0);
            const clients = (window.Vaadin && window.Vaadin.Flow && window.Vaadin.Flow.clients) || {};
            const busy = Object.values(clients).some(c => c.isActive && c.isActive());
            return [nav && nav.loadEventEnd > 0, window.__glPending || 0, busy, last, performance.now(),
                    performance.getEntriesByType('resource').length];""";

    private static final String TRACE = """
            const nav = performance.getEntriesByType('navigation')[0];
            return [nav, ...performance.getEntriesByType('resource')].map(r => Math.round(r.startTime) + '..'
                + Math.round(r.responseEnd) + ' ms (server ' + Math.round(r.responseStart - r.requestStart) + ') '
                + r.name.replace(location.origin, '')).join('\\n') + '\\nload event end ' + Math.round(nav.loadEventEnd)
                + '\\n' + (window.__glSent || []).join('\\n');""";

    private BrowserPageLoadBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path work = Path.of("target", "production").toAbsolutePath();
        Path jar = ProductionJar.build(work);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path data = Files.createTempDirectory("gridloop-bench");
        Path log = Path.of("target", "benchmark", "browser-pages-app.log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>();
        for (String arg : ProductionJar.entrypoint()) {
            command.add(arg.equals("java") ? Path.of(System.getProperty("java.home"), "bin", "java").toString()
                    : arg.endsWith(".jar") ? jar.toString() : arg);
        }
        command.addAll(List.of("--server.port=" + port, "--spring.datasource.url=jdbc:h2:file:" + data.resolve("gridloop")
                + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000", "--gridloop.digest.poll=PT24H", "--gridloop.mail.poll=PT24H",
                "--gridloop.demo-history.enabled=false"));
        Process app = new ProcessBuilder(command).directory(data.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            String base = "http://localhost:" + port;
            awaitUp(app, port, log);
            report(port, OPEN);
            String caseNumber = firstCaseNumber(port);
            allTasksFilter(port);
            try (Browser lina = new Browser(); Browser admin = new Browser()) {
                lina.login(base, "lina", "demo");
                admin.login(base, "admin", "demo");
                for (Browser b : List.of(lina, admin)) {
                    ((ChromeDriver) b.driver()).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", IN_FLIGHT));
                    ((ChromeDriver) b.driver()).executeCdpCommand("Network.enable", Map.of());
                }
                Map<String, Page> pages = new LinkedHashMap<>();
                pages.put("GridLoop inbox (`/`)", new Page(lina, base + "/"));
                pages.put("GridLoop case page (`/case/" + caseNumber + "`)", new Page(lina, base + "/case/" + caseNumber));
                pages.put("GridLoop report page (`/report`)", new Page(lina, base + "/report"));
                pages.put("Camunda Tasklist (`/camunda/app/tasklist/default/`)", new Page(admin, base + "/camunda/app/tasklist/default/"));
                line("# Full page loads in Chromium: GridLoop beside Camunda Tasklist, " + LocalDateTime.now().withNano(0));
                line("");
                line(String.format(Locale.ROOT, "Production jar (Vaadin production mode), embedded default (H2, demo officials, %d open register tasks reported through the API), %d cores, "
                        + "Java %s, load average before the run %s; to network idle, p50 / p95 of %d loads each, in turn, after %d warm-up rounds.",
                        OPEN, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), Machine.loadAverage(), SAMPLES, WARMUP));
                for (boolean cached : new boolean[] {true, false}) {
                    for (Browser b : List.of(lina, admin)) {
                        ((ChromeDriver) b.driver()).executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", !cached));
                    }
                    Map<String, double[]> times = new LinkedHashMap<>();
                    pages.keySet().forEach(k -> times.put(k, new double[SAMPLES]));
                    for (int round = -WARMUP; round < SAMPLES; round++) {
                        for (var e : pages.entrySet()) {
                            double ms = e.getValue().load();
                            if (round >= 0) {
                                times.get(e.getKey())[round] = ms;
                            }
                        }
                    }
                    line("");
                    line(cached ? "Returning official (the browser's cache as the previous visit left it):" : "First visit (cache disabled):");
                    line("");
                    line("| page | requests | p50 | p95 | p50 / Tasklist's p50 |");
                    line("|---|---|---|---|---|");
                    double[] tasklist = stats(times.get(pages.keySet().stream().reduce((a, b) -> b).orElseThrow()));
                    for (var e : times.entrySet()) {
                        double[] s = stats(e.getValue());
                        line(String.format(Locale.ROOT, "| %s | %d | %.0f ms | %.0f ms | %.2f |", e.getKey(), pages.get(e.getKey()).requests,
                                s[0], s[1], s[0] / tasklist[0]));
                    }
                }
                line("");
                line("Load average after the run: " + Machine.loadAverage());
                if (Boolean.getBoolean("bench.trace")) {
                    // where each page's time goes: its requests, from navigation start, as the last load saw them
                    for (var e : pages.entrySet()) {
                        ChromeDriver chrome = (ChromeDriver) e.getValue().browser.driver();
                        chrome.executeCdpCommand("Performance.enable", Map.of());
                        boolean profile = Boolean.getBoolean("bench.profile");
                        if (profile) {
                            chrome.executeCdpCommand("Profiler.enable", Map.of());
                            chrome.executeCdpCommand("Profiler.setSamplingInterval", Map.of("interval", 200));
                            chrome.executeCdpCommand("Profiler.start", Map.of());
                        }
                        e.getValue().load();
                        if (profile) {
                            // the page's JavaScript CPU profile (Chrome's .cpuprofile format) for a closer look
                            Object cpu = chrome.executeCdpCommand("Profiler.stop", Map.of()).get("profile");
                            Files.writeString(Path.of("target", "benchmark", e.getKey().replaceAll("[^A-Za-z]+", "-") + ".cpuprofile"),
                                    JSON.writeValueAsString(cpu));
                        }
                        // the renderer's own time on this load: script, style, layout (seconds, since the document began)
                        Map<String, Object> metrics = new java.util.TreeMap<>();
                        for (Object m : (List<?>) chrome.executeCdpCommand("Performance.getMetrics", Map.of()).get("metrics")) {
                            Map<?, ?> metric = (Map<?, ?>) m;
                            if (String.valueOf(metric.get("name")).endsWith("Duration")) {
                                metrics.put(String.valueOf(metric.get("name")), metric.get("value"));
                            }
                        }
                        chrome.executeCdpCommand("Performance.disable", Map.of());
                        System.out.println(e.getKey() + "\n" + e.getValue().browser.js(TRACE) + "\nrenderer " + metrics);
                    }
                }
            }
            Path out = Path.of("target", "benchmark", "browser-pages.md");
            Files.writeString(out, OUT);
        } finally {
            app.destroy();
            if (!app.waitFor(30, TimeUnit.SECONDS)) {
                app.destroyForcibly();
            }
        }
        System.exit(0);
    }

    /** A page and the browser (signed in) that opens it. */
    private static final class Page {
        final Browser browser;
        final String url;
        int requests;

        Page(Browser browser, String url) {
            this.browser = browser;
            this.url = url;
        }

        /** Loads the page from about:blank and answers the milliseconds from navigation start to network idle. */
        double load() throws InterruptedException {
            browser.driver().get("about:blank");
            browser.driver().get(url);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            double lastSeen = -1;
            int resources = -1;
            while (System.nanoTime() < deadline) {
                List<?> s = (List<?>) browser.js(STATE);
                boolean loaded = (Boolean) s.get(0);
                long pending = ((Number) s.get(1)).longValue();
                boolean busy = (Boolean) s.get(2);
                double last = ((Number) s.get(3)).doubleValue();
                double now = ((Number) s.get(4)).doubleValue();
                int count = ((Number) s.get(5)).intValue();
                if (loaded && pending == 0 && !busy && last == lastSeen && count == resources && now - last >= 500) {
                    requests = count + 1;
                    return last;
                }
                lastSeen = last;
                resources = count;
                Thread.sleep(50);
            }
            throw new IllegalStateException("no network idle within 60 s: " + url);
        }
    }

    private static double[] stats(double[] ms) {
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        return new double[] {sorted[sorted.length / 2], sorted[(int) Math.ceil(sorted.length * 0.95) - 1]};
    }

    private static void awaitUp(Process app, int port, Path log) throws Exception {
        HttpFrom http = new HttpFrom("127.0.0.1", port);
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (!app.isAlive()) {
                throw new IllegalStateException("GridLoop stopped while starting: see " + log);
            }
            try {
                if (http.get("/login").status() == 200) {
                    return;
                }
            } catch (Exception notYet) {
                // not listening yet
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("GridLoop did not start within 10 minutes: see " + log);
    }

    private static void report(int port, int n) throws Exception {
        HttpFrom http = new HttpFrom("127.0.0.1", port);
        for (int i = 0; i < n; i++) {
            String body = JSON.writeValueAsString(Map.of("channel", "GRID_WORKER", "urgency", "NORMAL", "subcategoryCode", "STREETLIGHT",
                    "gridCode", "S01C01G0" + (1 + i % 5), "description", "路灯不亮 #" + i, "selfResolved", false, "photos", List.of()));
            HttpFrom.Response r = http.send("POST", "/api/reports", body, "Content-Type", "application/json",
                    "Authorization", HttpFrom.basic("wangwei", "demo"));
            if (r.status() != 201) {
                throw new IllegalStateException("report refused: HTTP " + r.status() + " " + r.body());
            }
        }
    }

    /** A case in the intake operator's inbox, through the JSON API. */
    private static String firstCaseNumber(int port) throws Exception {
        HttpFrom.Response r = new HttpFrom("127.0.0.1", port).get("/api/inbox?scope=GROUP&limit=1",
                "Authorization", HttpFrom.basic("lina", "demo"));
        JsonNode rows = JSON.readTree(r.body());
        JsonNode first = rows.isArray() ? rows.path(0) : rows.path("tasks").path(0);
        if (first.path("caseNumber").isMissingNode()) {
            throw new IllegalStateException("no case in lina's inbox: HTTP " + r.status() + " " + r.body());
        }
        return first.path("caseNumber").asText();
    }

    /** Tasklist's "All tasks" filter (the one Camunda's starter creates with camunda.bpm.filter.create), if none exists. */
    private static void allTasksFilter(int port) throws Exception {
        HttpFrom http = new HttpFrom("127.0.0.1", port);
        String basic = HttpFrom.basic("admin", "demo");
        if (JSON.readTree(http.get("/engine-rest/filter/count", "Authorization", basic).body()).path("count").asInt() > 0) {
            return;
        }
        HttpFrom.Response r = http.send("POST", "/engine-rest/filter/create",
                "{\"resourceType\":\"Task\",\"name\":\"All tasks\",\"query\":{},\"properties\":{\"priority\":0,\"refresh\":false}}",
                "Content-Type", "application/json", "Authorization", basic);
        if (r.status() != 200) {
            throw new IllegalStateException("no Tasklist filter: HTTP " + r.status() + " " + r.body());
        }
    }

    private static void line(String s) {
        System.out.println(s);
        OUT.append(s).append('\n');
    }
}
