package io.gridloop.process;

/** 不满意复核: whether the reporter's reason is accepted, which sends the case back (reviewDissatisfactionForm). */
public enum DissatisfactionDecision {
    ACCEPTED,
    NOT_ACCEPTED
}
