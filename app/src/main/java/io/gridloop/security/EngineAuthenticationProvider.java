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

/**
 * Signs officials in against the engine's identity service, so the app, Cockpit and the REST API share one set of
 * users and groups; each group becomes a role ({@code ROLE_dispatcher}, {@code ROLE_dept-water}, and {@code ROLE_handler}
 * for every department member).
 */
public class EngineAuthenticationProvider implements AuthenticationProvider {

    private final IdentityService identity;

    public EngineAuthenticationProvider(IdentityService identity) {
        this.identity = identity;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String user = authentication.getName();
        String password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
        boolean ok;
        try {
            ok = user != null && !user.isBlank() && identity.checkPassword(user, password);
        } catch (RuntimeException e) {
            // identity providers such as Keycloak's throw on a wrong password instead of answering false
            ok = false;
        }
        if (!ok) {
            throw new BadCredentialsException("bad credentials");
        }
        return new UsernamePasswordAuthenticationToken(user, null, authorities(identity, user));
    }

    public static List<GrantedAuthority> authorities(IdentityService identity, String user) {
        List<GrantedAuthority> roles = new ArrayList<>();
        boolean handler = false;
        boolean supervisor = false;
        for (String g : AccessScopes.groupsOf(identity, user)) {
            roles.add(new SimpleGrantedAuthority("ROLE_" + g));
            handler |= g.startsWith(Roles.DEPARTMENT_GROUP_PREFIX);
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
