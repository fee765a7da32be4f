package io.gridloop.security;

import io.gridloop.grid.ReferenceData;
import java.util.Collection;
import org.springframework.stereotype.Component;

/** Builds an official's {@link AccessScope} from their groups and the grids the reference data gives them. */
@Component
public class AccessScopes {

    private final ReferenceData reference;

    public AccessScopes(ReferenceData reference) {
        this.reference = reference;
    }

    public AccessScope of(String userId, Collection<String> groups) {
        return AccessScope.of(userId, groups, reference.gridsOf(userId));
    }

    public AccessScope of(Official official) {
        return of(official.userId(), official.groups());
    }
}
