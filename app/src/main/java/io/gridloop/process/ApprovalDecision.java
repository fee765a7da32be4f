package io.gridloop.process;

/** A supervisor's answer to an extension or hold request ({@code extensionDecision}, {@code holdDecision}). */
public enum ApprovalDecision {
    APPROVED,
    REFUSED
}
