package io.gridloop.casefile;

/** Urgent cases have their own, shorter time limits. */
public enum Urgency {
    NORMAL,
    URGENT
}
