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
    MERGED,
    /** 核实不属实: the on-site verification found nothing to do; the report ends here. */
    NOT_CONFIRMED,
    /** 即办: a hotline call answered on the phone (a question, a consultation), filed at once, never dispatched. */
    ANSWERED_ON_CALL;

    public boolean isClosed() {
        return this == FILED || this == REJECTED || this == MERGED || this == NOT_CONFIRMED || this == ANSWERED_ON_CALL;
    }
}
