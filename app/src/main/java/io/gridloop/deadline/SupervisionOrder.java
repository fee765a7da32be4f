package io.gridloop.deadline;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * A reminder (催办), a supervision order (督办) at street or district level, or a place on the notice list (通报). An order
 * is addressed to the group working the case ({@link #recipientGroup}); the level's group ({@link #issuerGroup}) issued it
 * and reads the answer. It closes with the answer or when its step is done.
 */
public record SupervisionOrder(long id, long caseId, String step, Kind kind, Level level, String recipientGroup,
                               OffsetDateTime openedAt, String openedBy, String reason,
                               String caseNumber, Cause cause, String issuerGroup, OffsetDateTime answerDueAt,
                               OffsetDateTime closedAt, ClosedHow closedHow, String answer, String answeredBy, LocalDate doneBy) {

    public enum Kind {
        REMINDER,
        SUPERVISION,
        NOTICE;

        /** The timeline entry an order of this kind writes. */
        public io.gridloop.casefile.TimelineAction action() {
            return switch (this) {
                case REMINDER -> io.gridloop.casefile.TimelineAction.REMINDER;
                case SUPERVISION -> io.gridloop.casefile.TimelineAction.SUPERVISION;
                case NOTICE -> io.gridloop.casefile.TimelineAction.NOTICE;
            };
        }
    }

    public enum Level {
        DEPARTMENT,
        STREET,
        DISTRICT
    }

    /** Why it was issued: by a supervisor's hand, because the step is overdue, escalated after a street order, the notice list. */
    public enum Cause {
        MANUAL,
        OVERDUE,
        ESCALATED,
        NOTICE
    }

    public enum ClosedHow {
        /** the addressee answered (what was done, by when) */
        ANSWERED,
        /** the step it chased was done (or left) before an answer */
        STEP_DONE
    }

    /** The title's key suffix ({@code order.…} in the mail and message bundles): 超期催办, 人工督办, 超期督办, 升级督办, 通报. */
    public String title() {
        return title(kind, cause);
    }

    public static String title(Kind kind, Cause cause) {
        return switch (kind) {
            case REMINDER -> "REMINDER";
            case NOTICE -> "NOTICE";
            case SUPERVISION -> cause == null ? Cause.OVERDUE.name() : cause.name();
        };
    }

    /** Whether the addressee must answer it (orders and notices; a reminder is only told). */
    public static boolean answered(Kind kind) {
        return kind != Kind.REMINDER;
    }
}
