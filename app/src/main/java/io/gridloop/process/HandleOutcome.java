package io.gridloop.process;

/** 处置: what the handling department does with the case (handleForm's {@code handleOutcome}). */
public enum HandleOutcome {
    FEEDBACK,
    RETURN,
    EXTENSION,
    HOLD
}
