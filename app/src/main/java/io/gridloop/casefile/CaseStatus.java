package io.gridloop.casefile;

/** Where a case stands in the loop, as the read model shows it. */
public enum CaseStatus {
    VERIFYING,
    REGISTERING,
    DISPATCHING,
    HANDLING,
    APPROVING,
    ON_HOLD,
    CHECKING,
    CALLBACK,
    FILED,
    REJECTED,
    MERGED;

    public boolean isClosed() {
        return this == FILED || this == REJECTED || this == MERGED;
    }
}
