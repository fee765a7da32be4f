package io.gridloop.security;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Camunda authorizations are on, so that /engine-rest and the Camunda webapps refuse what a user may not do. Process
 * owners may deploy and work with definitions and instances (Modeler's deploy, Cockpit); administrators may do all.
 * Other officials work through GridLoop's own views and have no engine rights.
 */
@Component
public class EngineAuthorizations {

    private final AuthorizationService authorizations;

    public EngineAuthorizations(AuthorizationService authorizations) {
        this.authorizations = authorizations;
    }

    @EventListener(ContextRefreshedEvent.class)
    @Order(0)
    public void grant() {
        for (Resources r : Resources.values()) {
            grantAll(Roles.ADMIN, r);
            boolean identityAdmin = r == Resources.USER || r == Resources.GROUP || r == Resources.GROUP_MEMBERSHIP
                    || r == Resources.AUTHORIZATION || r == Resources.TENANT || r == Resources.TENANT_MEMBERSHIP
                    || r == Resources.SYSTEM;
            if (!identityAdmin) {
                grantAll(Roles.PROCESS_OWNER, r);
            }
        }
    }

    private void grantAll(String group, Resource resource) {
        boolean exists = authorizations.createAuthorizationQuery().groupIdIn(group).resourceType(resource)
                .resourceId(Authorization.ANY).count() > 0;
        if (!exists) {
            Authorization a = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
            a.setGroupId(group);
            a.setResource(resource);
            a.setResourceId(Authorization.ANY);
            a.addPermission(Permissions.ALL);
            authorizations.saveAuthorization(a);
        }
    }
}
