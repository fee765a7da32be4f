package io.gridloop.production;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.gridloop.security.KeycloakDirectory;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * A node started while Keycloak is down (compose starts the nodes while Keycloak is starting) syncs the officials
 * seconds after Keycloak answers, not a sync interval later: the first sync is retried with back-off until it
 * succeeds, then left to the interval. Keycloak's admin API is stood in for by a small HTTP server answering what an
 * empty realm answers (the real one: KeycloakSignInTest, ProductionShapeTest).
 */
class DirectoryRetryTest {

    @Test
    void theFirstSyncIsRetriedWithBackOffUntilKeycloakAnswersThenLeftToTheInterval() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.initialize();
        HttpServer keycloak = HttpServer.create();
        List<Long> tokenCalls = new CopyOnWriteArrayList<>();
        keycloak.createContext("/realms/gridloop/protocol/openid-connect/token", x -> {
            tokenCalls.add(System.nanoTime());
            answer(x, "{\"access_token\":\"t\",\"expires_in\":300,\"token_type\":\"Bearer\"}");
        });
        keycloak.createContext("/admin/realms/gridloop/", x -> answer(x, "[]"));
        try {
            KeycloakDirectory directory = new KeycloakDirectory(null, "http://localhost:" + port + "/realms/gridloop", "gridloop", "s",
                    scheduler, Duration.ofMillis(200), Duration.ofHours(1));
            long start = System.nanoTime();
            directory.atStart();
            // down for a while: tries at 0, 0.2, 0.6, 1.4 s …
            Thread.sleep(1000);
            keycloak.bind(new InetSocketAddress("localhost", port), 0);
            keycloak.start();
            long up = System.nanoTime();
            long deadline = up + Duration.ofSeconds(10).toNanos();
            while (tokenCalls.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(tokenCalls).as("synced soon after Keycloak answered").hasSize(1);
            assertThat(Duration.ofNanos(tokenCalls.get(0) - up)).isLessThan(Duration.ofSeconds(3));
            assertThat(Duration.ofNanos(tokenCalls.get(0) - start)).isGreaterThan(Duration.ofMillis(1000));
            // once it has succeeded, no more retries: the next sync is the interval's
            Thread.sleep(3000);
            assertThat(tokenCalls).hasSize(1);
        } finally {
            keycloak.stop(0);
            scheduler.shutdown();
        }
    }

    private static void answer(com.sun.net.httpserver.HttpExchange x, String body) throws java.io.IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(200, bytes.length);
        x.getResponseBody().write(bytes);
        x.close();
    }
}
