package io.gridloop.process;

/** 核实: the grid worker's answer on site (verifyForm's {@code verifyResult}). */
public enum VerifyResult {
    CONFIRMED,
    NOT_CONFIRMED
}
