package io.gridloop.security;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The official the engine works for. A step an official completes runs with their engine authentication, so a delegate
 * that must apply their scope (merging a duplicate into a case they may see) reads it from the engine, whichever door
 * the step came through. Nobody is authenticated when a timer fires: then no scope is there and such a rule refuses.
 */
@Component
public class ActingOfficial {

    private final IdentityService identity;
    private final ProcessEngineConfigurationImpl engine;
    private final AccessScopes scopes;

    public ActingOfficial(IdentityService identity, @Lazy ProcessEngineConfigurationImpl engine, AccessScopes scopes) {
        this.identity = identity;
        this.engine = engine;
        this.scopes = scopes;
    }

    /**
     * Runs engine work as the official. The caller has already checked that they may do it; the engine's own task
     * authorizations, which guard its REST door, are not asked again.
     */
    public void run(String user, Collection<String> groups, Runnable work) {
        identity.setAuthentication(user, List.copyOf(groups));
        try {
            engine.getCommandExecutorTxRequired().execute(context -> {
                context.disableAuthorizationCheck();
                work.run();
                return null;
            });
        } finally {
            identity.clearAuthentication();
        }
    }

    /** The scope of the official the engine is working for now; empty when nobody is. */
    public Optional<AccessScope> currentScope() {
        Authentication auth = identity.getCurrentAuthentication();
        if (auth == null || auth.getUserId() == null) {
            return Optional.empty();
        }
        List<String> groups = auth.getGroupIds() == null ? AccessScopes.groupsOf(identity, auth.getUserId()) : auth.getGroupIds();
        return Optional.of(scopes.of(auth.getUserId(), groups));
    }
}
