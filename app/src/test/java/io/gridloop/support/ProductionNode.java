package io.gridloop.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A GridLoop node of the production jar in its own JVM, started with the image's ENTRYPOINT and the environment compose
 * gives the service (nothing inherited from the test), killable without warning and startable again on its port.
 */
public final class ProductionNode implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String name;
    private final List<String> command;
    private final Map<String, String> env;
    private final int port;
    private final Path log;
    private Process process;

    public ProductionNode(String name, Path jar, Map<String, String> env, int port, Path log) throws IOException {
        this.name = name;
        this.env = env;
        this.port = port;
        this.log = log;
        List<String> entry = ProductionJar.entrypoint();
        command = new ArrayList<>();
        for (String arg : entry) {
            command.add(arg.equals("java") ? Path.of(System.getProperty("java.home"), "bin", "java").toString()
                    : arg.endsWith(".jar") ? jar.toString() : arg);
        }
        // a shared 2-core test machine: a smaller heap than the image's share of a server's memory, quicker start-up code
        command.addAll(1, List.of("-Xmx640m", "-XX:TieredStopAtLevel=1"));
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public Path log() {
        return log;
    }

    public void start() throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().clear();
        pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        pb.environment().put("LANG", "C.UTF-8");
        pb.environment().putAll(env);
        Files.writeString(log, "---- start " + java.time.Instant.now() + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        process = pb.start();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Up: the node answers over HTTP (a redirect to Keycloak's sign-in for "/"). */
    public boolean answers() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/favicon.ico")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() < 500;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    public void awaitUp(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!isAlive()) {
                throw new IllegalStateException("node " + name + " stopped while starting:\n" + ProductionJar.tail(log));
            }
            if (answers()) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("node " + name + " did not start within " + timeout + ":\n" + ProductionJar.tail(log));
    }

    /** As a power cut: SIGKILL, no shutdown. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    public String logText() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        if (isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
