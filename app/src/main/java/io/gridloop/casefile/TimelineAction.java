package io.gridloop.casefile;

/**
 * What a timeline entry records (gl_timeline.action), each named {@code action.NAME} in the message bundles. The
 * supervision kinds (REMINDER, SUPERVISION, NOTICE) are the orders' own.
 */
public enum TimelineAction {
    REPORTED,
    COMPLETED,
    WARNING,
    OVERDUE,
    EXTENDED,
    HELD,
    RESUMED,
    STAGE_DONE,
    FILED,
    MERGED_IN,
    ANSWERED_ON_CALL,
    RATING_ASKED,
    CITIZEN_RATED,
    NOT_CONFIRMED,
    REWORK,
    HOLD_KEPT,
    REMINDER,
    SUPERVISION,
    NOTICE,
    SUPERVISION_CLOSED,
    COCKPIT
}
