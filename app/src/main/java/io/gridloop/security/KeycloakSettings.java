package io.gridloop.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code gridloop.keycloak.*}: how the officials are brought over from Keycloak ({@link KeycloakDirectory}).
 *
 * @param firstRetry   the wait before the first sync is tried again when Keycloak did not answer at start; it doubles
 *                     up to the sync interval
 * @param syncInterval how often the officials are synced once the first sync succeeded
 */
@ConfigurationProperties("gridloop.keycloak")
public record KeycloakSettings(@DefaultValue("PT5S") Duration firstRetry, @DefaultValue("PT10M") Duration syncInterval) {}
