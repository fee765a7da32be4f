package io.gridloop.process;

/** 挂账复核: keep the case on hold or release it (reviewHoldForm's {@code holdReviewDecision}). */
public enum HoldReviewDecision {
    KEEP,
    RELEASE
}
