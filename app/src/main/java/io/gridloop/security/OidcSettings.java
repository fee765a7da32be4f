package io.gridloop.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code gridloop.oidc.*}, with {@code gridloop.sign-in=keycloak}: the realm as browsers know it and as tokens name it
 * ({@code issuer}), and as GridLoop's nodes reach it ({@code backchannel}, the issuer unless said).
 */
@ConfigurationProperties("gridloop.oidc")
public record OidcSettings(String issuer, String backchannel) {

    public OidcSettings {
        issuer = issuer == null ? "" : issuer;
        backchannel = backchannel == null || backchannel.isBlank() ? issuer : backchannel;
    }
}
