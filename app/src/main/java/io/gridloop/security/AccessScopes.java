package io.gridloop.security;

import io.gridloop.grid.ReferenceData;
import java.util.Collection;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.stereotype.Component;

/** Builds an official's {@link AccessScope} from their groups and the grids the reference data gives them. */
@Component
public class AccessScopes {

    private final ReferenceData reference;
    private final IdentityService identity;

    public AccessScopes(ReferenceData reference, IdentityService identity) {
        this.reference = reference;
        this.identity = identity;
    }

    public AccessScope of(String userId, Collection<String> groups) {
        return AccessScope.of(userId, groups, reference.gridsOf(userId),
                group -> reference.departmentOfGroup(group).map(io.gridloop.grid.Department::code));
    }

    public AccessScope of(Official official) {
        return of(official.userId(), official.groups());
    }

    /** The scope of another official (a colleague to hand a task to, a digest's reader), their groups read from the engine. */
    public AccessScope ofUser(String userId) {
        return of(userId, groupsOf(identity, userId));
    }

    /** The ids of the engine groups an official belongs to. */
    public static List<String> groupsOf(IdentityService identity, String userId) {
        return identity.createGroupQuery().groupMember(userId).list().stream().map(g -> g.getId()).toList();
    }
}
