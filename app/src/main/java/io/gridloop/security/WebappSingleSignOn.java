package io.gridloop.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Single sign-on into Camunda's webapps in the embedded default: a process owner or administrator signed in to GridLoop
 * (Spring Security's session) is signed in to Cockpit, Tasklist and Admin as themselves, with their engine groups and
 * Camunda's application authorizations, without Camunda's own login page. Officials without either role are not
 * signed in there (Cockpit then answers as to a stranger); nobody signed in to GridLoop keeps Camunda's own login,
 * which the sign-in throttle guards ({@link WebappSignInThrottle}). Runs after Spring Security's filters and before
 * Camunda's own authentication filter, which reads the session this one fills.
 */
public class WebappSingleSignOn extends OncePerRequestFilter {

    private static final List<String> ENGINE_ROLES = List.of("ROLE_" + Roles.PROCESS_OWNER, "ROLE_" + Roles.ADMIN);

    /** Looked up at the first request: a filter is made before the engine, whose tables come after Flyway's. */
    private final org.springframework.beans.factory.ObjectProvider<ProcessEngine> engines;

    public WebappSingleSignOn(org.springframework.beans.factory.ObjectProvider<ProcessEngine> engines) {
        this.engines = engines;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var signedIn = SecurityContextHolder.getContext().getAuthentication();
        if (signedIn != null && signedIn.isAuthenticated() && mayUseTheEngine(signedIn.getAuthorities())) {
            ProcessEngine engine = engines.getObject();
            HttpSession session = request.getSession();
            Authentications auths = AuthenticationUtil.getAuthsFromSession(session);
            Authentication current = auths.getAuthenticationForProcessEngine(engine.getName());
            if (current == null || !signedIn.getName().equals(current.getName())) {
                // Camunda computes the groups, tenants and authorized apps from the engine, as its own login does
                UserAuthentication user = AuthenticationUtil.createAuthentication(engine, signedIn.getName(), null, null);
                if (user != null) {
                    auths.addOrReplace(user);
                    AuthenticationUtil.updateSession(session, auths);
                }
            }
        }
        chain.doFilter(request, response);
    }

    static boolean mayUseTheEngine(java.util.Collection<? extends GrantedAuthority> authorities) {
        return authorities.stream().anyMatch(a -> ENGINE_ROLES.contains(a.getAuthority()));
    }
}
