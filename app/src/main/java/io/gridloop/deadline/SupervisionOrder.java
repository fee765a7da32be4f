package io.gridloop.deadline;

import java.time.OffsetDateTime;

/** A reminder (催办), a supervision order (督办) at street or district level, or a place on the notice list (通报). */
public record SupervisionOrder(long id, long caseId, String step, Kind kind, Level level, String recipientGroup,
                               OffsetDateTime openedAt, String openedBy, String reason,
                               String caseNumber) {

    public enum Kind {
        REMINDER,
        SUPERVISION,
        NOTICE
    }

    public enum Level {
        DEPARTMENT,
        STREET,
        DISTRICT
    }
}
