package io.gridloop.security;

import static org.springframework.security.web.util.matcher.AntPathRequestMatcher.antMatcher;

import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

/**
 * Two doors: the Camunda REST API and webapps keep Camunda's own authentication (HTTP Basic for Modeler's deploy, the
 * webapps' login), checked against the same identity service; everything else is the Vaadin app behind its login view.
 */
@Configuration
@EnableWebSecurity
public class SecurityConfiguration {

    @Bean
    public EngineAuthenticationProvider engineAuthenticationProvider(IdentityService identity) {
        return new EngineAuthenticationProvider(identity);
    }

    @Bean
    @Order(1)
    public SecurityFilterChain camundaChain(HttpSecurity http) throws Exception {
        http.securityMatcher(new OrRequestMatcher(antMatcher("/engine-rest/**"), antMatcher("/camunda/**")))
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                // Camunda's webapps carry their own CSRF protection; the REST API is for non-browser clients
                .csrf(c -> c.disable());
        return http.build();
    }

    /**
     * GridLoop's JSON API (/api/**) for phones and other systems: HTTP Basic against the engine's users (bearer tokens
     * with Keycloak), no session, no CSRF (no cookies to ride on); reports only by grid workers and intake operators.
     * Every call then goes through the same services, scope and checks as the views.
     */
    @Bean
    @Order(2)
    public SecurityFilterChain apiChain(HttpSecurity http, EngineAuthenticationProvider provider) throws Exception {
        http.securityMatcher(antMatcher("/api/**"))
                .authenticationProvider(provider)
                .authorizeHttpRequests(a -> a
                        .requestMatchers(antMatcher(org.springframework.http.HttpMethod.POST, "/api/reports"))
                        .hasAnyRole(Roles.GRID_WORKER, Roles.INTAKE)
                        .anyRequest().authenticated())
                .httpBasic(org.springframework.security.config.Customizer.withDefaults())
                .sessionManagement(m -> m.sessionCreationPolicy(org.springframework.security.config.http.SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable());
        return http.build();
    }

    @Bean
    @Order(3)
    public SecurityFilterChain appChain(HttpSecurity http, EngineAuthenticationProvider provider) throws Exception {
        http.authenticationProvider(provider);
        http.authorizeHttpRequests(a -> a.requestMatchers(antMatcher("/webjars/**"), antMatcher("/styles/**"),
                antMatcher("/images/**"), antMatcher("/actuator/health"),
                // error dispatches of the engine's doors (a refused Cockpit login is a 401, not a redirect to our login)
                antMatcher("/error")).permitAll());
        http.with(VaadinSecurityConfigurer.vaadin(), v -> v.loginView(LoginView.class));
        return http.build();
    }

    /** /engine-rest answers only authenticated users, with their Camunda authorizations applied. */
    @Bean
    public FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
        FilterRegistrationBean<ProcessEngineAuthenticationFilter> bean = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        bean.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
        bean.addUrlPatterns("/engine-rest/*");
        bean.setName("engine-rest-authentication");
        return bean;
    }
}
