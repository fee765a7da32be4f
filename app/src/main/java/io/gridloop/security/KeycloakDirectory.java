package io.gridloop.security;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.security.oauth2.client.OAuth2ClientProperties;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
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
    private static final int PAGE = 100;

    private final KeycloakOfficials officials;
    private final String serverUrl;
    private final String realm;
    private final String clientId;
    private final String secret;

    private final TaskScheduler scheduler;
    private final Duration firstRetry;
    private final Duration interval;

    @Autowired
    public KeycloakDirectory(KeycloakOfficials officials, OidcSettings oidc, OAuth2ClientProperties clients, TaskScheduler scheduler,
                             KeycloakSettings settings) {
        this(officials, oidc.backchannel(), clients.getRegistration().get("keycloak").getClientId(),
                clients.getRegistration().get("keycloak").getClientSecret(), scheduler, settings.firstRetry(), settings.syncInterval());
    }

    /** @param backchannel the realm as the nodes reach it, e.g. {@code http://keycloak:8081/realms/gridloop} */
    public KeycloakDirectory(KeycloakOfficials officials, String backchannel, String clientId, String secret,
                             TaskScheduler scheduler, Duration firstRetry, Duration interval) {
        this.scheduler = scheduler;
        this.firstRetry = firstRetry;
        this.interval = interval;
        this.officials = officials;
        int realms = backchannel.lastIndexOf("/realms/");
        this.serverUrl = backchannel.substring(0, realms);
        this.realm = backchannel.substring(realms + "/realms/".length()).replaceAll("/+$", "");
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
        scheduler.scheduleWithFixedDelay(this::syncQuietly, Instant.now().plus(interval), interval);
    }

    private void attempt(Duration wait) {
        if (trySync()) {
            return;
        }
        Duration next = wait.multipliedBy(2).compareTo(interval) > 0 ? interval : wait.multipliedBy(2);
        LOG.info("next try to sync the officials from Keycloak in {}", wait);
        scheduler.schedule(() -> attempt(next), Instant.now().plus(wait));
    }

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
     * members (a few dozen calls for a district), not each official's groups (one call per official). The gridloop
     * client's service account (view-users, query-groups) signs in afresh for each sync.
     */
    public int sync() {
        try (Keycloak keycloak = KeycloakBuilder.builder().serverUrl(serverUrl).realm(realm)
                .grantType(OAuth2Constants.CLIENT_CREDENTIALS).clientId(clientId).clientSecret(secret).build()) {
            RealmResource admin = keycloak.realm(realm);
            Map<String, List<String>> groupsOf = new HashMap<>();
            for (GroupRepresentation group : all((first, max) -> admin.groups().groups(null, first, max, true))) {
                for (UserRepresentation member : all((first, max) -> admin.groups().group(group.getId()).members(first, max, true))) {
                    groupsOf.computeIfAbsent(member.getId(), id -> new ArrayList<>()).add(group.getName());
                }
            }
            int count = 0;
            for (UserRepresentation u : all((first, max) -> admin.users().search((String) null, first, max, false))) {
                if (Boolean.FALSE.equals(u.isEnabled()) || u.getUsername().startsWith("service-account-")) {
                    continue;
                }
                officials.sync(u.getUsername(), u.getFirstName(), u.getLastName(), u.getEmail(),
                        groupsOf.getOrDefault(u.getId(), List.of()));
                count++;
            }
            return count;
        }
    }

    /** Every entry of a paged admin API list. */
    private static <T> List<T> all(BiFunction<Integer, Integer, List<T>> page) {
        List<T> entries = new ArrayList<>();
        for (int first = 0; ; first += PAGE) {
            List<T> got = page.apply(first, PAGE);
            entries.addAll(got);
            if (got.size() < PAGE) {
                return entries;
            }
        }
    }
}
