package io.gridloop.open311;

import java.time.OffsetDateTime;

/** An Open311 client's key as the administrator sees it: its label and first characters, never the key itself. */
public record ApiKey(long id, String label, String hint, String createdBy, OffsetDateTime createdAt, String revokedBy,
                     OffsetDateTime revokedAt) {

    public boolean revoked() {
        return revokedAt != null;
    }
}
