package io.gridloop.security;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * Camunda grants a task's candidate groups and assignee rights on it by default, which would let any grid worker or
 * dispatcher complete a task through /engine-rest: bypassing the form check, the timeline and the street and grid
 * scope GridLoop applies. Officials work tasks through GridLoop's inbox; the engine's own doors stay with process
 * owners and administrators, so no implicit task authorization is written.
 */
@Component
public class NoImplicitTaskAuthorizations extends AbstractProcessEnginePlugin {

    private static final AuthorizationEntity[] NONE = new AuthorizationEntity[0];

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setResourceAuthorizationProvider(new DefaultAuthorizationProvider() {
            @Override
            public AuthorizationEntity[] newTask(Task task) {
                return NONE;
            }

            @Override
            public AuthorizationEntity[] newTaskAssignee(Task task, String oldAssignee, String newAssignee) {
                return NONE;
            }

            @Override
            public AuthorizationEntity[] newTaskOwner(Task task, String oldOwner, String newOwner) {
                return NONE;
            }

            @Override
            public AuthorizationEntity[] newTaskUserIdentityLink(Task task, String userId, String type) {
                return NONE;
            }

            @Override
            public AuthorizationEntity[] newTaskGroupIdentityLink(Task task, String groupId, String type) {
                return NONE;
            }

            @Override
            public AuthorizationEntity[] deleteTaskUserIdentityLink(Task task, String userId, String type) {
                return NONE;
            }

            @Override
            public AuthorizationEntity[] deleteTaskGroupIdentityLink(Task task, String groupId, String type) {
                return NONE;
            }
        });
    }
}
