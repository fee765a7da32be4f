package io.gridloop.security;

import java.util.List;

/** The signed-in official: user id, display name, and the groups that decide which inboxes and views they see. */
public record Official(String userId, String displayName, List<String> groups) {

    public boolean isIn(String group) {
        return groups.contains(group);
    }
}
