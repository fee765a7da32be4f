package io.gridloop.inbox;

import io.gridloop.casefile.CaseRecord;
import io.gridloop.casefile.CaseTimeLeft;
import io.gridloop.deadline.WorkingTime;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.function.BiFunction;
import org.springframework.stereotype.Component;

/** A case's time left as the inbox row of its open step says it ({@link TimeLeft}, on that step's limit clock). */
@Component
class InboxCaseTimeLeft implements CaseTimeLeft {

    private final InboxPages inbox;
    private final WorkingTime workingTime;
    private final Clock clock;

    InboxCaseTimeLeft(InboxPages inbox, WorkingTime workingTime, Clock clock) {
        this.inbox = inbox;
        this.workingTime = workingTime;
        this.clock = clock;
    }

    @Override
    public String describe(CaseRecord c, BiFunction<String, Object[], String> tr) {
        return TimeLeft.describe(c.dueAt(), inbox.limitClock(c.id()), OffsetDateTime.now(clock), workingTime, tr);
    }
}
