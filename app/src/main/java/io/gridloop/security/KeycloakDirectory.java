package io.gridloop.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Brings every Keycloak official and their groups into the engine, not only those who have signed in: so a task can be
 * handed to a colleague by name and the digest reaches everybody in a group. Reads Keycloak's admin API with the
 * gridloop client's service account (view-users, query-groups), at start (retried sooner, with back-off, until it first
 * succeeds) and then every {@code gridloop.keycloak.sync-interval}; each node does it, and the copy is the same whoever
 * writes it.
 */
@Component
@ConditionalOnProperty(name = "gridloop.sign-in", havingValue = "keycloak")
public class KeycloakDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(KeycloakDirectory.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE = 100;

    private final KeycloakOfficials officials;
    private final String backchannel;
    private final String clientId;
    private final String secret;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final TaskScheduler scheduler;
    private final Duration firstRetry;
    private final Duration interval;

    public KeycloakDirectory(KeycloakOfficials officials, @Value("${gridloop.oidc.backchannel}") String backchannel,
                             @Value("${spring.security.oauth2.client.registration.keycloak.client-id}") String clientId,
                             @Value("${spring.security.oauth2.client.registration.keycloak.client-secret}") String secret,
                             TaskScheduler scheduler, @Value("${gridloop.keycloak.first-retry:PT5S}") Duration firstRetry,
                             @Value("${gridloop.keycloak.sync-interval:PT10M}") Duration interval) {
        this.scheduler = scheduler;
        this.firstRetry = firstRetry;
        this.interval = interval;
        this.officials = officials;
        this.backchannel = backchannel;
        this.clientId = clientId;
        this.secret = secret;
    }

    /**
     * At start, and until the first sync succeeds (Keycloak may still be starting, or down), again after
     * {@code gridloop.keycloak.first-retry} (PT5S), doubling up to the sync interval; then every interval.
     */
    @EventListener(ApplicationReadyEvent.class)
    public void atStart() {
        attempt(firstRetry);
    }

    private void attempt(Duration wait) {
        if (trySync()) {
            return;
        }
        Duration next = wait.multipliedBy(2).compareTo(interval) > 0 ? interval : wait.multipliedBy(2);
        LOG.info("next try to sync the officials from Keycloak in {}", wait);
        scheduler.schedule(() -> attempt(next), Instant.now().plus(wait));
    }

    @Scheduled(fixedDelayString = "${gridloop.keycloak.sync-interval:PT10M}", initialDelayString = "${gridloop.keycloak.sync-interval:PT10M}")
    public void syncQuietly() {
        trySync();
    }

    private boolean trySync() {
        try {
            LOG.info("{} officials synced from Keycloak", sync());
            return true;
        } catch (Exception e) {
            // Keycloak may be starting or down: signing in still syncs each official, and a later run catches up
            LOG.warn("officials not synced from Keycloak this time: {}", e.toString());
            return false;
        }
    }

    /**
     * Copies every enabled Keycloak user with their groups into the engine; returns how many. Groups are read with their
     * members (a few dozen calls for a district), not each official's groups (one call per official).
     */
    public int sync() throws Exception {
        String token = serviceToken();
        String admin = backchannel.replaceFirst("/realms/", "/admin/realms/");
        Map<String, List<String>> groupsOf = new HashMap<>();
        for (JsonNode group : all(admin + "/groups?briefRepresentation=true", token)) {
            for (JsonNode member : all(admin + "/groups/" + group.path("id").asText() + "/members?briefRepresentation=true", token)) {
                groupsOf.computeIfAbsent(member.path("id").asText(), id -> new ArrayList<>()).add(group.path("name").asText());
            }
        }
        int count = 0;
        for (JsonNode u : all(admin + "/users?briefRepresentation=false", token)) {
            if (!u.path("enabled").asBoolean(true) || u.path("username").asText().startsWith("service-account-")) {
                continue;
            }
            officials.sync(u.path("username").asText(), u.path("firstName").asText(null), u.path("lastName").asText(null),
                    u.path("email").asText(null), groupsOf.getOrDefault(u.path("id").asText(), List.of()));
            count++;
        }
        return count;
    }

    /** Every entry of a paged admin API list. */
    private List<JsonNode> all(String url, String token) throws Exception {
        List<JsonNode> entries = new ArrayList<>();
        for (int first = 0; ; first += PAGE) {
            JsonNode page = get(url + "&first=" + first + "&max=" + PAGE, token);
            page.forEach(entries::add);
            if (page.size() < PAGE) {
                return entries;
            }
        }
    }

    private String serviceToken() throws Exception {
        String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(backchannel + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("Keycloak refused the service account: " + r.statusCode());
        }
        return JSON.readTree(r.body()).path("access_token").asText();
    }

    private JsonNode get(String url, String token) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("Keycloak's admin API answered " + r.statusCode() + " for " + url);
        }
        return JSON.readTree(r.body());
    }
}
