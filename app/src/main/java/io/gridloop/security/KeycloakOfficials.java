package io.gridloop.security;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * With Keycloak, the officials and their groups live there; the engine keeps a copy so that candidate groups, the
 * inbox's group members, hand-over and authorizations keep working. Each sign-in (and each API token) brings the
 * official's copy up to date with the token's groups: added where Keycloak added, removed where it removed. The copy has
 * no password: only Keycloak signs anybody in.
 */
@Component
public class KeycloakOfficials {

    private final IdentityService identity;

    public KeycloakOfficials(IdentityService identity) {
        this.identity = identity;
    }

    @Transactional
    public synchronized void sync(String userId, String firstName, String lastName, String email, Collection<String> groups) {
        User user = identity.createUserQuery().userId(userId).singleResult();
        if (user == null) {
            user = identity.newUser(userId);
        }
        user.setFirstName(firstName == null ? "" : firstName);
        user.setLastName(lastName == null ? userId : lastName);
        user.setEmail(email);
        identity.saveUser(user);
        Set<String> wanted = new HashSet<>(groups == null ? Set.of() : groups);
        Set<String> current = new HashSet<>();
        identity.createGroupQuery().groupMember(userId).list().forEach(g -> current.add(g.getId()));
        for (String g : wanted) {
            if (!current.contains(g)) {
                if (identity.createGroupQuery().groupId(g).count() == 0) {
                    Group group = identity.newGroup(g);
                    group.setName(g);
                    group.setType(g.startsWith(Roles.DEPARTMENT_GROUP_PREFIX) ? "DEPARTMENT" : "WORKFLOW");
                    identity.saveGroup(group);
                }
                identity.createMembership(userId, g);
            }
        }
        for (String g : current) {
            if (!wanted.contains(g)) {
                identity.deleteMembership(userId, g);
            }
        }
    }
}
