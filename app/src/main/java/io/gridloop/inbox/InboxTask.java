package io.gridloop.inbox;

import java.time.OffsetDateTime;

/** A row of an inbox: an open task joined with what officials filter and sort by. */
public record InboxTask(
        String taskId,
        long caseId,
        String caseNumber,
        String taskKey,
        String taskName,
        String candidateGroup,
        String assignee,
        OffsetDateTime createdAt,
        OffsetDateTime dueAt,
        OffsetDateTime warnAt,
        String categoryCode,
        String subcategoryCode,
        String gridCode,
        String streetCode,
        String urgency,
        String channel,
        String limitClock,
        boolean selfResolved) {

    public InboxTask(String taskId, long caseId, String caseNumber, String taskKey, String taskName, String candidateGroup,
                     String assignee, OffsetDateTime createdAt, OffsetDateTime dueAt, OffsetDateTime warnAt, String categoryCode,
                     String subcategoryCode, String gridCode, String streetCode, String urgency, String channel, String limitClock) {
        this(taskId, caseId, caseNumber, taskKey, taskName, candidateGroup, assignee, createdAt, dueAt, warnAt, categoryCode,
                subcategoryCode, gridCode, streetCode, urgency, channel, limitClock, false);
    }

    /** Normal, warning (预警) or overdue (超期) at the given moment; the inbox colours rows by it. */
    public TimeState timeState(OffsetDateTime now) {
        if (dueAt == null) {
            return TimeState.NONE;
        }
        if (!now.isBefore(dueAt)) {
            return TimeState.OVERDUE;
        }
        if (warnAt != null && !now.isBefore(warnAt)) {
            return TimeState.WARNING;
        }
        return TimeState.NORMAL;
    }

    public enum TimeState {
        NONE,
        NORMAL,
        WARNING,
        OVERDUE
    }
}
