package io.gridloop.benchmark;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The embedded default's start-up as a user sees it (not a test): the README's first command's application
 * ({@code -Pproduction}'s runtime classpath, Vaadin in production mode, H2 file database, demo officials and demo history)
 * started on an empty database in a fresh directory, from the JVM's start to the moment both the login page answers 200
 * and the demo history is complete (its log line; then the manager's {@code /api/board} is read to show its open cases),
 * and on to the evaluation's roll-up after the start. For each run: the load average at its start, and at ready the CPU
 * time of the application's JVM and of its main thread (user + sys from {@code /proc}), the figures a shared machine's
 * load changes little, and the JVM's CPU by thread.
 *
 * <p>Like {@code spring-boot:run}, the JVM runs with {@code -XX:TieredStopAtLevel=1} (the plugin's optimised launch) and
 * {@code -XX:+UseParallelGC} (the pom's {@code jvmArguments}).
 * Run with {@code ./mvnw -B -o -pl app -Pproduction,bench verify -Dbench.main=io.gridloop.benchmark.StartupBenchmark} ({@code
 * -Dbench.runs=3}); writes {@code app/target/benchmark/startup.md} and each run's log. The classpath is
 * {@code target/classes} and the production profile's runtime dependencies ({@code -Dbench.appClasspath=...} to give
 * another, e.g. an older build's classes to compare); {@code -Dbench.jfr=true} records each start with Flight Recorder,
 * {@code -Dbench.jvmArgs="..."} adds JVM options (a system property overrides a setting).
 */
public final class StartupBenchmark {

    private static final int RUNS = Integer.getInteger("bench.runs", 3);
    private static final long TIMEOUT_MS = 180_000;
    private static final Pattern STARTED = Pattern.compile("Started GridLoopApplication in ([0-9.]+) seconds");
    private static final Pattern HISTORY = Pattern.compile(
            "demo history: (\\d+) cases \\((\\d+) open, (\\d+) timers fired\\) in (\\d+) ms \\((\\d+) ms in bulk, (\\d+) ms CPU");
    private static final Pattern PID = Pattern.compile("with PID (\\d+)");
    private static final StringBuilder OUT = new StringBuilder();

    private StartupBenchmark() {}

    /** One run's figures, in ms from the JVM's start (CPU in ms of the JVM's user + sys). */
    record Run(double loadBefore, long started, long login, long history, long ready, long cpuAtReady, long mainCpuAtReady, long rolledUp,
               long cpuAtRolledUp, String historyLine, String board) {}

    public static void main(String[] args) throws Exception {
        String classpath = classpath();
        int ticks = Integer.parseInt(exec(List.of("getconf", "CLK_TCK")).strip());
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            Run r = run(classpath, ticks, i);
            runs.add(r);
            System.out.printf(Locale.ROOT, "startup run %d: load %.2f, Started %d ms, login 200 %d ms, history %d ms, ready %d ms, CPU %d ms, "
                    + "main thread's CPU %d ms, evaluation rolled up %d ms (CPU %d ms)%n", i + 1, r.loadBefore(), r.started(), r.login(), r.history(),
                    r.ready(), r.cpuAtReady(), r.mainCpuAtReady(), r.rolledUp(), r.cpuAtRolledUp());
        }
        line("# Start-up of the embedded default (demo history on an empty H2 database), " + LocalDateTime.now().withNano(0));
        line("");
        line("%d cores, Java %s, `-XX:TieredStopAtLevel=1 -XX:+UseParallelGC` as `spring-boot:run`; times from the JVM's start; CPU = the JVM's user + sys "
                .formatted(Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"))
                + "at ready (the figure the machine's other work does not change much)");
        line("");
        line("| run | load (1 min) at start | Spring \"Started\" | login page 200 | demo history done | ready (both) | CPU at ready "
                + "| main thread's CPU at ready | evaluation's summaries rolled up (CPU) |");
        line("|---|---|---|---|---|---|---|---|---|");
        for (int i = 0; i < runs.size(); i++) {
            Run r = runs.get(i);
            line(String.format(Locale.ROOT, "| %d | %.2f | %.1f s | %.1f s | %.1f s | **%.1f s** | %.1f s | %.1f s | %.1f s (%.1f s) |", i + 1,
                    r.loadBefore(), r.started() / 1000.0, r.login() / 1000.0, r.history() / 1000.0, r.ready() / 1000.0, r.cpuAtReady() / 1000.0,
                    r.mainCpuAtReady() / 1000.0, r.rolledUp() / 1000.0, r.cpuAtRolledUp() / 1000.0));
        }
        line("");
        for (int i = 0; i < runs.size(); i++) {
            line("- run %d: `%s`; board of `wuqiang`: `%s`".formatted(i + 1, runs.get(i).historyLine(), runs.get(i).board()));
        }
        Path out = Path.of("target/benchmark/startup.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, OUT);
        System.out.println(OUT);
        System.exit(0);
    }

    private static Run run(String classpath, int ticks, int n) throws Exception {
        Path dir = Files.createTempDirectory("gridloop-startup-");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = dir.resolve("app.log");
        // Vaadin's production-mode token, as the production profile's build-frontend writes it for spring-boot:run (and
        // removes when Maven ends)
        Path token = dir.resolve("token");
        Files.createDirectories(token.resolve("META-INF/VAADIN/config"));
        Files.writeString(token.resolve("META-INF/VAADIN/config/flow-build-info.json"),
                "{\"productionMode\": true, \"eagerServerLoad\": false, \"react.enable\": true}");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                // as app/pom.xml's spring-boot:run gives it (jvmArguments)
                "-XX:+UseParallelGC",
                // the roll-up of the evaluation's summaries after the start (ApplicationReadyEvent) says when it is done
                "-Dlogging.level.io.gridloop.metrics.EvaluationRollup=debug"));
        if (Boolean.getBoolean("bench.jfr")) {
            // a profile of the start, for where the time goes (jfr print --events jdk.ExecutionSample ...)
            command.add("-XX:StartFlightRecording=filename=" + Path.of("target/benchmark/startup-run-" + (n + 1) + ".jfr").toAbsolutePath()
                    + ",settings=profile");
            command.add("-XX:FlightRecorderOptions:stackdepth=1024");
        }
        String extra = System.getProperty("bench.jvmArgs", "").strip();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of("-cp", token + java.io.File.pathSeparator + classpath, "io.gridloop.GridLoopApplication"));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SERVER_PORT", String.valueOf(port));
        // the embedded default's own URL, in this run's empty directory (the working directory)
        pb.environment().remove("GRIDLOOP_DB_URL");
        double load = loadAverage();
        long t0 = System.nanoTime();
        Process p = pb.start();
        long login = -1;
        long history = -1;
        long started = -1;
        String historyLine = null;
        try {
            while (login < 0 || history < 0) {
                long now = ms(t0);
                if (now > TIMEOUT_MS || !p.isAlive()) {
                    throw new IllegalStateException("run " + (n + 1) + " not ready after " + now + " ms; log in " + log);
                }
                if (login < 0 && status(port, "/login", null) == 200) {
                    login = ms(t0);
                }
                String text = Files.readString(log, StandardCharsets.UTF_8);
                Matcher s = STARTED.matcher(text);
                if (started < 0 && s.find()) {
                    started = ms(t0);
                }
                Matcher h = HISTORY.matcher(text);
                if (history < 0 && h.find()) {
                    history = ms(t0);
                    historyLine = h.group();
                }
                Thread.sleep(50);
            }
            long ready = ms(t0);
            long cpu = cpuMillis(p.pid(), ticks);
            long mainCpu = mainThreadCpuMillis(p.pid(), ticks);
            System.out.println("startup run " + (n + 1) + ": CPU by thread at ready (ms) " + threadCpu(p.pid(), ticks));
            // the roll-up's last month ends today (the district's zone)
            String lastChunk = " to " + java.time.LocalDate.now(java.time.ZoneId.of(System.getProperty("bench.zone", "Asia/Shanghai"))) + ":";
            long rolledUp = -1;
            long cpuRolledUp = -1;
            while (ms(t0) < TIMEOUT_MS && p.isAlive()) {
                if (Files.readString(log, StandardCharsets.UTF_8).lines().anyMatch(l -> l.contains("Evaluation summaries") && l.contains(lastChunk))) {
                    rolledUp = ms(t0);
                    cpuRolledUp = cpuMillis(p.pid(), ticks);
                    break;
                }
                Thread.sleep(50);
            }
            String board = body(port, "/api/board", "wuqiang:demo");
            Matcher counts = Pattern.compile("\"counts\":\\{[^}]*}").matcher(board);
            return new Run(load, started, login, history, Math.max(login, history), cpu, mainCpu, rolledUp, cpuRolledUp, historyLine,
                    counts.find() ? counts.group() : board.substring(0, Math.min(200, board.length())));
        } finally {
            p.destroy();
            p.waitFor();
            Files.copy(log, Path.of("target/benchmark").resolve("startup-run-" + (n + 1) + ".log"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** The JVM's CPU time so far: utime + stime of /proc/pid/stat (fields 14 and 15), in ms. */
    static long cpuMillis(long pid, int ticks) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 1000 / ticks;
    }

    /** The JVM's CPU time by thread name (digits dropped: the JIT's, the GC's, main, the demo history's, H2's …), most first. */
    static String threadCpu(long pid, int ticks) throws IOException {
        java.util.Map<String, Long> byName = new java.util.HashMap<>();
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path t : tasks.toList()) {
                try {
                    String name = Files.readString(t.resolve("comm")).strip().replaceAll("\\d+", "N");
                    String stat = Files.readString(t.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    byName.merge(name, (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 1000 / ticks, Long::sum);
                } catch (IOException gone) {
                    // the thread ended meanwhile
                }
            }
        }
        return byName.entrySet().stream().filter(e -> e.getValue() > 0).sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(12).map(e -> e.getKey() + "=" + e.getValue()).collect(java.util.stream.Collectors.joining(", "));
    }

    /**
     * The CPU time of the thread that runs {@code main} (Spring's start, and what the start waits for): the first thread
     * the launcher started (the lowest thread id after the process's own), in ms. On a quiet machine with a core for the
     * other threads, the start takes about this long.
     */
    static long mainThreadCpuMillis(long pid, int ticks) throws IOException {
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            Path main = tasks.filter(t -> Long.parseLong(t.getFileName().toString()) != pid)
                    .min(java.util.Comparator.comparingLong(t -> Long.parseLong(t.getFileName().toString()))).orElseThrow();
            String stat = Files.readString(main.resolve("stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 1000 / ticks;
        }
    }

    static double loadAverage() throws IOException {
        return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    }

    private static int status(int port, String path, String basic) {
        try {
            HttpURLConnection c = connect(port, path, basic);
            int code = c.getResponseCode();
            c.getInputStream().readAllBytes();
            c.disconnect();
            return code;
        } catch (IOException notYet) {
            return -1;
        }
    }

    private static String body(int port, String path, String basic) throws IOException {
        HttpURLConnection c = connect(port, path, basic);
        try (var in = c.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static HttpURLConnection connect(int port, String path, String basic) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL().openConnection();
        c.setConnectTimeout(1000);
        c.setReadTimeout(30_000);
        c.setInstanceFollowRedirects(false);
        if (basic != null) {
            c.setRequestProperty("Authorization", "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
            c.setRequestProperty("Accept", "application/json");
        }
        return c;
    }

    /** target/classes and the production profile's runtime dependencies, as spring-boot:run -Pproduction has them. */
    private static String classpath() throws Exception {
        String given = System.getProperty("bench.appClasspath");
        if (given != null && !given.isBlank()) {
            // absolute: the application runs in its own empty directory
            return java.util.Arrays.stream(given.strip().split(java.io.File.pathSeparator)).map(e -> Path.of(e).toAbsolutePath().toString())
                    .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
        }
        Path file = Path.of("target/benchmark/startup-classpath.txt").toAbsolutePath();
        Files.createDirectories(file.getParent());
        exec(List.of("../mvnw", "-B", "-o", "-q", "-Pproduction", "dependency:build-classpath", "-Dmdep.includeScope=runtime",
                "-Dmdep.outputFile=" + file));
        return Path.of("target/classes").toAbsolutePath() + java.io.File.pathSeparator + Files.readString(file).strip();
    }

    private static String exec(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(command + " failed: " + out);
        }
        return out;
    }

    private static void line(String s) {
        OUT.append(s).append('\n');
    }
}
