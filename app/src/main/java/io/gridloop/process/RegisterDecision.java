package io.gridloop.process;

/** 立案审核: register, reject (不予立案) or merge into an earlier case (registerForm's {@code registerDecision}). */
public enum RegisterDecision {
    REGISTER,
    REJECT,
    DUPLICATE
}
