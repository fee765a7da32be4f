package io.gridloop.security;

import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** Who is signed in, for views that must pass the official to a service. */
@Component
public class CurrentOfficial {

    private final IdentityService identity;

    public CurrentOfficial(IdentityService identity) {
        this.identity = identity;
    }

    public Optional<Official> get() {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        if (a == null || !a.isAuthenticated() || a.getName() == null || "anonymousUser".equals(a.getName())) {
            return Optional.empty();
        }
        List<String> groups = AccessScopes.groupsOf(identity, a.getName());
        return Optional.of(new Official(a.getName(), EngineAuthenticationProvider.displayName(identity, a.getName()), groups));
    }

    public Official require() {
        return get().orElseThrow(() -> new IllegalStateException("no official is signed in"));
    }
}
