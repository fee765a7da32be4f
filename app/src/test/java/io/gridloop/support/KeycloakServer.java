package io.gridloop.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A real Keycloak for the keycloak tests: the server distribution from Maven Central (unpacked by the build into
 * target/keycloak), run in dev mode with the demo realm from {@code config/deploy/keycloak/}, on a Java 21+ JDK found under
 * /usr/lib/jvm or named by -Dgridloop.keycloak.java. One per test JVM, stopped when the JVM ends.
 */
public final class KeycloakServer {

    public static final String REALM = "gridloop";
    public static final String CLIENT = "gridloop";
    public static final String SECRET = "gridloop-dev-secret";

    private static KeycloakServer running;

    private final int port;
    private final Process process;

    private KeycloakServer(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    public static synchronized KeycloakServer get() {
        if (running == null) {
            try {
                running = start();
            } catch (Exception e) {
                throw new IllegalStateException("Keycloak did not start: " + e.getMessage(), e);
            }
            KeycloakServer k = running;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> k.process.destroyForcibly()));
        }
        return running;
    }

    public String issuer() {
        return "http://localhost:" + port + "/realms/" + REALM;
    }

    private static KeycloakServer start() throws Exception {
        Path home;
        try (Stream<Path> dirs = Files.list(Path.of("target", "keycloak"))) {
            home = dirs.filter(p -> p.getFileName().toString().startsWith("keycloak-")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no Keycloak in target/keycloak: run the build (./mvnw verify)"));
        }
        Path data = home.resolve("data");
        deleteTree(data);
        Files.createDirectories(data.resolve("import"));
        Files.copy(Path.of("..", "config", "deploy", "keycloak", "gridloop-demo-realm.json"), data.resolve("import").resolve("gridloop-realm.json"),
                StandardCopyOption.REPLACE_EXISTING);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin").resolve("kc.sh").toString(), "start-dev", "--http-port=" + port,
                "--import-realm", "--health-enabled=false")
                .redirectErrorStream(true)
                .redirectOutput(Path.of("target", "keycloak.log").toFile());
        Map<String, String> env = pb.environment();
        env.put("JAVA_HOME", java21().toString());
        env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        // the realm file takes the client secret from the environment, as in production
        env.put("GRIDLOOP_OIDC_CLIENT_SECRET", SECRET);
        Process process = pb.start();
        KeycloakServer server = new KeycloakServer(port, process);
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak stopped while starting; see app/target/keycloak.log");
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(server.issuer() + "/.well-known/openid-configuration")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return server;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(1000);
        }
        process.destroyForcibly();
        throw new IllegalStateException("Keycloak did not answer within 4 minutes; see app/target/keycloak.log");
    }

    /** Keycloak runs on Java 21 or later; the build itself runs on 17. */
    static Path java21() throws IOException {
        String named = System.getProperty("gridloop.keycloak.java", System.getenv("GRIDLOOP_KEYCLOAK_JAVA"));
        if (named != null && !named.isBlank()) {
            return Path.of(named);
        }
        if (Runtime.version().feature() >= 21) {
            return Path.of(System.getProperty("java.home"));
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> all = Files.list(jvms)) {
                Optional<Path> found = all.filter(p -> Files.isExecutable(p.resolve("bin").resolve("java")))
                        .filter(p -> feature(p) >= 21)
                        .max(Comparator.comparingInt(KeycloakServer::feature));
                if (found.isPresent()) {
                    return found.get();
                }
            }
        }
        throw new IllegalStateException("Keycloak needs Java 21 or later: none under /usr/lib/jvm; name one with -Dgridloop.keycloak.java");
    }

    private static int feature(Path jdk) {
        try {
            for (String line : Files.readAllLines(jdk.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String v = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    return Integer.parseInt(v.split("[.+-]")[0]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not a JDK we can read
        }
        return 0;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** A token response for an official, as an API client gets it (the password grant of the gridloop client). */
    public Map<String, Object> login(String user, String password) throws Exception {
        return token("grant_type=password&username=" + user + "&password=" + password + "&scope=openid");
    }

    public Map<String, Object> refresh(String refreshToken) throws Exception {
        return token("grant_type=refresh_token&refresh_token=" + refreshToken);
    }

    /** Ends the official's Keycloak session, as signing out does. */
    public int logout(String refreshToken) throws Exception {
        return post(issuer() + "/protocol/openid-connect/logout",
                "client_id=" + CLIENT + "&client_secret=" + SECRET + "&refresh_token=" + refreshToken).statusCode();
    }

    private Map<String, Object> token(String form) throws Exception {
        HttpResponse<String> r = post(issuer() + "/protocol/openid-connect/token", form + "&client_id=" + CLIENT + "&client_secret=" + SECRET);
        @SuppressWarnings("unchecked")
        Map<String, Object> body = new com.fasterxml.jackson.databind.ObjectMapper().readValue(r.body(), Map.class);
        body.put("status", r.statusCode());
        return body;
    }

    private static HttpResponse<String> post(String url, String form) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
