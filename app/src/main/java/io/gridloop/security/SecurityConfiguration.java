package io.gridloop.security;

import static org.springframework.security.web.util.matcher.AntPathRequestMatcher.antMatcher;

import com.vaadin.flow.spring.security.UidlRedirectStrategy;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.ContainerBasedAuthenticationProvider;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.core.oidc.StandardClaimNames;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Three doors: the Camunda REST API and webapps, GridLoop's JSON API, and the Vaadin app. In the embedded default all
 * sign in against the engine's users (HTTP Basic, the webapps' login, the login view); with {@code gridloop.sign-in=keycloak}
 * (the keycloak profile) the app signs in through Keycloak (OIDC) and both APIs take Keycloak bearer tokens.
 */
@Configuration
@EnableWebSecurity
public class SecurityConfiguration {

    /** {@code local}: the engine's own users (embedded default); {@code keycloak}: officials sign in through Keycloak. */
    @Value("${gridloop.sign-in:local}")
    private String signIn;

    /** With Keycloak: the realm as browsers know it. */
    @Value("${gridloop.oidc.issuer:}")
    private String issuer;

    private boolean keycloak() {
        return "keycloak".equals(signIn);
    }

    @Bean
    public EngineAuthenticationProvider engineAuthenticationProvider(IdentityService identity) {
        return new EngineAuthenticationProvider(identity);
    }

    /**
     * A Keycloak token as GridLoop reads it: the official is {@code preferred_username}, their groups the token's
     * {@code groups}; the engine's copy is brought up to date first, and the roles follow from it.
     */
    @Bean
    public Converter<Jwt, AbstractAuthenticationToken> keycloakTokens(KeycloakOfficials officials) {
        return jwt -> new JwtAuthenticationToken(jwt, officials.signIn(jwt), jwt.getClaimAsString(StandardClaimNames.PREFERRED_USERNAME));
    }

    @Bean
    @Order(1)
    public SecurityFilterChain camundaChain(HttpSecurity http, Converter<Jwt, AbstractAuthenticationToken> keycloakTokens)
            throws Exception {
        http.securityMatcher(new OrRequestMatcher(antMatcher("/engine-rest/**"), antMatcher("/camunda/**")))
                // Camunda's webapps carry their own CSRF protection; the REST API is for non-browser clients
                .csrf(c -> c.disable());
        if (keycloak()) {
            // bearer tokens at /engine-rest (Modeler deploys with a process owner's token), Keycloak's sign-in for the
            // webapps; Camunda's filters then read the signed-in official from the request and apply their authorizations
            http.authorizeHttpRequests(a -> a.anyRequest().authenticated())
                    .oauth2ResourceServer(o -> o.jwt(j -> j.jwtAuthenticationConverter(keycloakTokens)))
                    .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(
                            new LoginUrlAuthenticationEntryPoint("/oauth2/authorization/keycloak"), antMatcher("/camunda/**")));
        } else {
            http.authorizeHttpRequests(a -> a.anyRequest().permitAll());
        }
        return http.build();
    }

    /** With Keycloak, Cockpit and Admin take the official Spring Security signed in (single sign-on), not their own login. */
    @Bean
    public FilterRegistrationBean<ContainerBasedAuthenticationFilter> webappSingleSignOn() {
        FilterRegistrationBean<ContainerBasedAuthenticationFilter> bean = new FilterRegistrationBean<>(new ContainerBasedAuthenticationFilter());
        bean.addInitParameter("authentication-provider", ContainerBasedAuthenticationProvider.class.getName());
        bean.addUrlPatterns("/camunda/app/*", "/camunda/api/*");
        bean.setName("webapp-single-sign-on");
        // after Spring Security's filters, which have signed the official in
        bean.setOrder(101);
        bean.setEnabled(keycloak());
        return bean;
    }

    /**
     * GridLoop's JSON API (/api/**) for phones and other systems: HTTP Basic against the engine's users, or Keycloak
     * bearer tokens; no session, no CSRF (no cookies to ride on); reports only by grid workers and intake operators.
     * Every call then goes through the same services, scope and checks as the views.
     */
    @Bean
    @Order(2)
    public SecurityFilterChain apiChain(HttpSecurity http, EngineAuthenticationProvider provider,
                                        Converter<Jwt, AbstractAuthenticationToken> keycloakTokens) throws Exception {
        http.securityMatcher(antMatcher("/api/**"))
                .authorizeHttpRequests(a -> a
                        .requestMatchers(antMatcher(HttpMethod.POST, "/api/reports"))
                        .hasAnyRole(Roles.GRID_WORKER, Roles.INTAKE)
                        .anyRequest().authenticated())
                .sessionManagement(m -> m.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable());
        if (keycloak()) {
            http.oauth2ResourceServer(o -> o.jwt(j -> j.jwtAuthenticationConverter(keycloakTokens)));
        } else {
            http.authenticationProvider(provider).httpBasic(Customizer.withDefaults());
        }
        return http.build();
    }

    @Bean
    @Order(3)
    public SecurityFilterChain appChain(HttpSecurity http, EngineAuthenticationProvider provider, KeycloakOfficials officials)
            throws Exception {
        http.authorizeHttpRequests(a -> a.requestMatchers(antMatcher("/webjars/**"), antMatcher("/styles/**"),
                antMatcher("/images/**"), antMatcher("/actuator/health"),
                // error dispatches of the engine's doors (a refused Cockpit login is a 401, not a redirect to our login)
                antMatcher("/error")).permitAll());
        if (keycloak()) {
            // Keycloak's login page; signing out of GridLoop signs out of Keycloak too and comes back here
            http.oauth2Login(o -> o.userInfoEndpoint(u -> u.oidcUserService(keycloakUsers(officials))));
            http.with(VaadinSecurityConfigurer.vaadin(), v -> v.oauth2LoginPage("/oauth2/authorization/keycloak")
                    .logoutSuccessHandler(keycloakLogout()));
        } else {
            http.authenticationProvider(provider);
            http.with(VaadinSecurityConfigurer.vaadin(), v -> v.loginView(LoginView.class));
        }
        return http.build();
    }

    /**
     * Signing out of GridLoop ends the official's Keycloak session too (OIDC RP-initiated logout), then comes back to
     * GridLoop's address as the browser used it (behind the proxy: its scheme, host and port, see
     * server.forward-headers-strategy), which asks Keycloak to sign in again. The endpoint is named, not discovered.
     * The sign-out button's click is a background (UIDL) request: a redirect answered to it would be followed in the
     * background and blocked as cross-origin, so the browser is sent to Keycloak by a top-level navigation instead.
     */
    private LogoutSuccessHandler keycloakLogout() {
        UidlRedirectStrategy topLevel = new UidlRedirectStrategy();
        return (request, response, authentication) -> {
            String back = ServletUriComponentsBuilder.fromContextPath(request).path("/").build().toUriString();
            UriComponentsBuilder logout = UriComponentsBuilder.fromUriString(issuer + "/protocol/openid-connect/logout")
                    .queryParam("post_logout_redirect_uri", back);
            if (authentication != null && authentication.getPrincipal() instanceof OidcUser user) {
                logout.queryParam("id_token_hint", user.getIdToken().getTokenValue());
            }
            topLevel.sendRedirect(request, response, logout.encode().build().toUriString());
        };
    }

    /** An official signed in through Keycloak: their engine copy synced, their roles from it, their name the username. */
    private static OidcUserService keycloakUsers(KeycloakOfficials officials) {
        return new OidcUserService() {
            @Override
            public OidcUser loadUser(OidcUserRequest request) {
                OidcUser user = super.loadUser(request);
                return new DefaultOidcUser(officials.signIn(user), user.getIdToken(), user.getUserInfo(),
                        StandardClaimNames.PREFERRED_USERNAME);
            }
        };
    }

    /** /engine-rest answers only authenticated users, with their Camunda authorizations applied. */
    @Bean
    public FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
        FilterRegistrationBean<ProcessEngineAuthenticationFilter> bean = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        // with Keycloak, Spring Security has checked the token and Camunda takes the official from the request
        bean.addInitParameter("authentication-provider", keycloak()
                ? ContainerBasedAuthenticationProvider.class.getName() : HttpBasicAuthenticationProvider.class.getName());
        bean.addUrlPatterns("/engine-rest/*");
        bean.setName("engine-rest-authentication");
        return bean;
    }
}
