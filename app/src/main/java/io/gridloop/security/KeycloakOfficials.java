package io.gridloop.security;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.ClaimAccessor;
import org.springframework.security.oauth2.core.oidc.StandardClaimNames;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * With Keycloak, the officials and their groups live there; the engine keeps a copy so that candidate groups, the
 * inbox's group members, hand-over and authorizations keep working. Each sign-in (and each API token) brings the
 * official's copy up to date with the token's groups: added where Keycloak added, removed where it removed. The copy has
 * no password: only Keycloak signs anybody in.
 */
@Component
public class KeycloakOfficials {

    private final IdentityService identity;
    /** What this node last wrote per official: an API call with the same token facts costs no database work. */
    private final Map<String, List<Object>> written = new ConcurrentHashMap<>();

    private final io.gridloop.grid.ReferenceData reference;

    public KeycloakOfficials(IdentityService identity, io.gridloop.grid.ReferenceData reference) {
        this.identity = identity;
        this.reference = reference;
    }

    /**
     * An official arriving with a Keycloak token or ID token: their copy brought up to date from its claims
     * ({@code preferred_username}, names, e-mail, {@code groups}), and the roles that copy gives them.
     */
    public List<GrantedAuthority> signIn(ClaimAccessor claims) {
        String user = claims.getClaimAsString(StandardClaimNames.PREFERRED_USERNAME);
        List<String> groups = claims.hasClaim("groups") ? claims.getClaimAsStringList("groups") : List.of();
        sync(user, claims.getClaimAsString(StandardClaimNames.GIVEN_NAME), claims.getClaimAsString(StandardClaimNames.FAMILY_NAME),
                claims.getClaimAsString(StandardClaimNames.EMAIL), groups);
        return EngineAuthenticationProvider.authorities(identity, reference, user);
    }

    @Transactional
    public void sync(String userId, String firstName, String lastName, String email, Collection<String> groups) {
        Set<String> wanted = new HashSet<>(groups == null ? Set.of() : groups);
        List<Object> facts = List.of(Objects.toString(firstName, ""), Objects.toString(lastName, userId), Objects.toString(email, ""),
                wanted);
        if (facts.equals(written.get(userId))) {
            return;
        }
        synchronized (this) {
            User user = identity.createUserQuery().userId(userId).singleResult();
            if (user == null || !facts.subList(0, 3).equals(List.of(Objects.toString(user.getFirstName(), ""),
                    Objects.toString(user.getLastName(), userId), Objects.toString(user.getEmail(), "")))) {
                if (user == null) {
                    user = identity.newUser(userId);
                }
                user.setFirstName((String) facts.get(0));
                user.setLastName((String) facts.get(1));
                user.setEmail(email);
                identity.saveUser(user);
            }
            Set<String> current = new HashSet<>(AccessScopes.groupsOf(identity, userId));
            for (String g : wanted) {
                if (!current.contains(g)) {
                    if (identity.createGroupQuery().groupId(g).count() == 0) {
                        Group group = identity.newGroup(g);
                        group.setName(g);
                        group.setType(reference.departmentOfGroup(g).isPresent() ? "DEPARTMENT" : "WORKFLOW");
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
            // remembered once the copy is committed, so a rolled-back write is tried again next time
            if (TransactionSynchronizationManager.isSynchronizationActive()) {
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        written.put(userId, facts);
                    }
                });
            } else {
                written.put(userId, facts);
            }
        }
    }
}
