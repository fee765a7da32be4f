package io.gridloop.security;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Signs officials in against the engine's identity service, so the app, Cockpit and the REST API share one set of
 * users and groups; each group becomes a role ({@code ROLE_dispatcher}, {@code ROLE_} plus the group id of a department, and {@code ROLE_handler}
 * for every department member). Wrong passwords are throttled per account and client ({@link SignInThrottle}); a
 * throttled pair is refused before its password is checked.
 */
public class EngineAuthenticationProvider implements AuthenticationProvider {

    private final IdentityService identity;
    private final SignInThrottle throttle;
    private final io.gridloop.grid.ReferenceData reference;

    public EngineAuthenticationProvider(IdentityService identity, SignInThrottle throttle, io.gridloop.grid.ReferenceData reference) {
        this.identity = identity;
        this.throttle = throttle;
        this.reference = reference;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String user = authentication.getName();
        String password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
        String client = authentication.getDetails() instanceof WebAuthenticationDetails d ? d.getRemoteAddress() : null;
        long wait = throttle.waitSeconds(user, client);
        if (wait > 0) {
            throw new SignInThrottledException(wait);
        }
        boolean ok;
        try {
            ok = user != null && !user.isBlank() && identity.checkPassword(user, password);
        } catch (RuntimeException e) {
            // identity providers such as Keycloak's throw on a wrong password instead of answering false
            ok = false;
        }
        if (!ok) {
            throttle.failed(user, client);
            throw new BadCredentialsException("bad credentials");
        }
        throttle.succeeded(user, client);
        return new UsernamePasswordAuthenticationToken(user, null, authorities(identity, reference, user));
    }

    public static List<GrantedAuthority> authorities(IdentityService identity, io.gridloop.grid.ReferenceData reference, String user) {
        List<GrantedAuthority> roles = new ArrayList<>();
        boolean handler = false;
        boolean supervisor = false;
        for (String g : AccessScopes.groupsOf(identity, user)) {
            roles.add(new SimpleGrantedAuthority("ROLE_" + g));
            handler |= reference.departmentOfGroup(g).isPresent();
            supervisor |= g.startsWith(Roles.STREET_SUPERVISOR_PREFIX);
        }
        if (handler) {
            roles.add(new SimpleGrantedAuthority("ROLE_" + Roles.HANDLER));
        }
        if (supervisor) {
            // a street's supervisors are supervisors, at their street's level
            roles.add(new SimpleGrantedAuthority("ROLE_" + Roles.SUPERVISOR));
        }
        return roles;
    }

    public static String displayName(IdentityService identity, String userId) {
        User u = identity.createUserQuery().userId(userId).singleResult();
        if (u == null) {
            return userId;
        }
        String name = ((u.getLastName() == null ? "" : u.getLastName()) + (u.getFirstName() == null ? "" : u.getFirstName())).trim();
        return name.isEmpty() ? userId : name;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
