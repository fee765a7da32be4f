package io.gridloop.security;

import static org.springframework.security.web.util.matcher.AntPathRequestMatcher.antMatcher;

import com.vaadin.flow.spring.security.RequestUtil;
import com.vaadin.flow.spring.security.UidlRedirectStrategy;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.ContainerBasedAuthenticationProvider;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
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
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestHandler;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
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
    @Autowired
    private io.gridloop.system.GridLoopSettings settings;

    /** With Keycloak: the realm as browsers know it. */
    @Autowired
    private OidcSettings oidc;

    private boolean keycloak() {
        return "keycloak".equals(settings.signIn());
    }

    @Bean
    public EngineAuthenticationProvider engineAuthenticationProvider(IdentityService identity, SignInThrottle throttle,
                                                                     io.gridloop.grid.ReferenceData reference) {
        return new EngineAuthenticationProvider(identity, throttle, reference);
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
    public SecurityFilterChain camundaChain(HttpSecurity http, Converter<Jwt, AbstractAuthenticationToken> keycloakTokens,
                                            EngineAuthenticationProvider provider, SignInRefusals refusals) throws Exception {
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
            engineRestPasswords(http, provider, refusals);
        }
        engineHeaders(http);
        return http.build();
    }

    /**
     * Camunda's {@code identity/verify} answers whether any user's password is right, to any signed-in caller and past
     * every throttle: an oracle for guessing passwords. Neither Modeler nor the webapps use it; it is closed.
     */
    @Bean
    @Order(0)
    public SecurityFilterChain passwordOracleClosed(HttpSecurity http) throws Exception {
        http.securityMatcher(new OrRequestMatcher(antMatcher("/engine-rest/identity/verify"),
                        antMatcher("/camunda/api/engine/engine/*/identity/verify")))
                .authorizeHttpRequests(a -> a.anyRequest().denyAll())
                .csrf(c -> c.disable());
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
     * In the embedded default, Cockpit, Tasklist and Admin take the process owner or administrator signed in to GridLoop
     * (single sign-on); Camunda's own login stays for a browser that did not sign in to GridLoop.
     */
    @Bean
    public FilterRegistrationBean<WebappSingleSignOn> webappSingleSignOnLocal(
            org.springframework.beans.factory.ObjectProvider<org.camunda.bpm.engine.ProcessEngine> engine) {
        FilterRegistrationBean<WebappSingleSignOn> bean = new FilterRegistrationBean<>(new WebappSingleSignOn(engine));
        bean.addUrlPatterns("/camunda/app/*", "/camunda/api/*");
        bean.setName("webapp-single-sign-on-local");
        // after Spring Security's filters (which read the official from the session), before Camunda's own
        bean.setOrder(101);
        bean.setEnabled(!keycloak());
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
                                        Converter<Jwt, AbstractAuthenticationToken> keycloakTokens, SignInRefusals refusals)
            throws Exception {
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
            http.authenticationManager(passwords(provider)).httpBasic(b -> b.authenticationEntryPoint(refusals));
        }
        pageHeaders(http);
        return http.build();
    }

    /**
     * Open311 GeoReport v2 (/open311/**) for citizen apps and other cities' systems: no sign-in, no session, no CSRF
     * (no cookies); the open311 module checks each call's api_key itself and answers in Open311's error format.
     */
    @Bean
    @Order(0)
    public SecurityFilterChain open311Chain(HttpSecurity http) throws Exception {
        http.securityMatcher(antMatcher("/open311/**"))
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .sessionManagement(m -> m.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable());
        return http.build();
    }

    @Bean
    @Order(3)
    public SecurityFilterChain appChain(HttpSecurity http, EngineAuthenticationProvider provider, KeycloakOfficials officials,
                                        SignInRefusals refusals) throws Exception {
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
            loginPage(http, provider, refusals);
        }
        pageHeaders(http);
        return http.build();
    }

    /**
     * The embedded default's login page. Vaadin's configurer exempts the login path from CSRF; its form posts the
     * page's token anyway, so only Vaadin's own internal requests stay exempt and a forged or missing token on
     * {@code POST /login} is refused (403). A refused sign-in comes back to the page saying why (wrong password or
     * throttled).
     */
    private static void loginPage(HttpSecurity http, EngineAuthenticationProvider provider, SignInRefusals refusals)
            throws Exception {
        RequestUtil vaadinRequests = http.getSharedObject(ApplicationContext.class).getBean(RequestUtil.class);
        http.authenticationManager(passwords(provider));
        http.with(VaadinSecurityConfigurer.vaadin(), v -> v.loginView(LoginView.class).enableCsrfConfiguration(false));
        http.csrf(c -> c.ignoringRequestMatchers(vaadinRequests::isFrameworkInternalRequest).csrfTokenRequestHandler(new ForgedTokensRefused()));
        http.formLogin(f -> f.failureHandler(refusals));
    }

    /**
     * Spring Security's masked tokens, except that a forged one that does not decode is a refusal (403), not the
     * exception Spring lets through (a 500).
     */
    static final class ForgedTokensRefused implements CsrfTokenRequestHandler {

        private final XorCsrfTokenRequestAttributeHandler tokens = new XorCsrfTokenRequestAttributeHandler();

        @Override
        public void handle(HttpServletRequest request, HttpServletResponse response, Supplier<CsrfToken> token) {
            tokens.handle(request, response, token);
        }

        @Override
        public String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken token) {
            try {
                return tokens.resolveCsrfTokenValue(request, token);
            } catch (IllegalArgumentException forged) {
                return null;
            }
        }
    }

    /**
     * The engine's passwords alone: with {@code authenticationProvider} the chain's manager would ask the global one
     * (which holds the same provider bean) again after a wrong password, so every failure counted twice.
     */
    private static AuthenticationManager passwords(EngineAuthenticationProvider provider) {
        return new ProviderManager(provider);
    }

    /**
     * /engine-rest with HTTP Basic in the embedded default: Spring Security checks the password (so the sign-in
     * throttle applies as at /api) and Camunda's filter takes the official from the request. Cockpit and Admin take
     * the official signed in to GridLoop ({@link WebappSingleSignOn}), else their own login.
     */
    private static void engineRestPasswords(HttpSecurity http, EngineAuthenticationProvider provider, SignInRefusals refusals)
            throws Exception {
        http.authorizeHttpRequests(a -> a.requestMatchers(antMatcher("/engine-rest/**")).authenticated().anyRequest().permitAll())
                .authenticationManager(passwords(provider))
                .httpBasic(b -> b.authenticationEntryPoint(refusals))
                .exceptionHandling(e -> e.authenticationEntryPoint(refusals));
    }

    /**
     * What GridLoop's pages allow the browser. Vaadin Flow runs the server's JavaScript with {@code new Function} and
     * its bootstrap inline, and Lumo writes inline styles, hence the two 'unsafe-*' for scripts and 'unsafe-inline' for
     * styles; everything else (Leaflet from /webjars, photos, the UIDL and push requests) comes from GridLoop itself.
     * Camunda Forms' iframe fields may show https pages. No other site may frame GridLoop. With Keycloak, signing out
     * goes to Keycloak from Vaadin's own request (a redirect it follows), so the realm's origin is allowed there too.
     */
    String contentSecurityPolicy() {
        String sso = keycloak() && !oidc.issuer().isBlank() ? " " + origin(oidc.issuer()) : "";
        return "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
                + "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'" + sso + "; frame-src 'self' https:; "
                + "frame-ancestors 'self'; form-action 'self'" + sso + "; base-uri 'self'; object-src 'none'";
    }

    private static String origin(String url) {
        java.net.URI uri = java.net.URI.create(url);
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    private void pageHeaders(HttpSecurity http) throws Exception {
        String policy = contentSecurityPolicy();
        http.headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(policy))
                .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                .frameOptions(f -> f.sameOrigin()));
    }

    /** Cockpit and Admin send their own Content-Security-Policy (Camunda's header security); GridLoop adds the referrer policy. */
    private static void engineHeaders(HttpSecurity http) throws Exception {
        http.headers(h -> h.referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN)));
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
            UriComponentsBuilder logout = UriComponentsBuilder.fromUriString(oidc.issuer() + "/protocol/openid-connect/logout")
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
        // Spring Security has checked the password or the Keycloak token; Camunda takes the official from the request
        bean.addInitParameter("authentication-provider", ContainerBasedAuthenticationProvider.class.getName());
        bean.addUrlPatterns("/engine-rest/*");
        bean.setName("engine-rest-authentication");
        return bean;
    }
}
