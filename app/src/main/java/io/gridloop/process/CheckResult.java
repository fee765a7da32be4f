package io.gridloop.process;

/** 核查: the work passed the check on site or goes back (checkForm's {@code checkResult}). */
public enum CheckResult {
    PASSED,
    FAILED
}
