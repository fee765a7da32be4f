package io.gridloop.deadline;

import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.impl.calendar.BusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DueDateBusinessCalendar;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;

/**
 * The engine's calendar for timer durations and task due dates: an ISO duration counts in working time, or in
 * calendar time when the case's clock says so; a date stays a date. So BPMN timers ({@code timeDuration}) and
 * {@code camunda:dueDate} mean the same deadline.
 */
public class WorkingTimeBusinessCalendar implements BusinessCalendar {

    private final WorkingTime workingTime;
    private final DueDateBusinessCalendar dates = new DueDateBusinessCalendar();

    public WorkingTimeBusinessCalendar(WorkingTime workingTime) {
        this.workingTime = workingTime;
    }

    @Override
    public Date resolveDuedate(String description) {
        return resolveDuedate(description, (Date) null);
    }

    @Override
    public Date resolveDuedate(String description, Date startDate) {
        return resolve(description, startDate, LimitClock.current());
    }

    @Override
    public Date resolveDuedate(String description, Task task) {
        LimitClock clock = task instanceof TaskEntity t && t.getExecution() != null ? LimitClock.of(t.getExecution()) : LimitClock.current();
        return resolve(description, null, clock);
    }

    private Date resolve(String description, Date startDate, LimitClock clock) {
        String d = description == null ? "" : description.trim();
        if (!d.startsWith("P")) {
            return dates.resolveDuedate(d, startDate);
        }
        TimeLimit limit = TimeLimit.parse(d);
        Instant start = (startDate != null ? startDate : ClockUtil.getCurrentTime()).toInstant();
        Instant due = clock == LimitClock.CALENDAR ? start.plus(limit.calendarDuration()) : workingTime.plus(start, limit);
        return Date.from(due);
    }
}
