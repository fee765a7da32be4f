package io.gridloop.process;

/** 回访: the reporter's satisfaction (callbackForm's {@code satisfaction}). */
public enum Satisfaction {
    SATISFIED,
    BASICALLY_SATISFIED,
    DISSATISFIED,
    UNREACHABLE
}
