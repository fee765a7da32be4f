package io.gridloop.inbox;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.function.BiFunction;

/**
 * "3天4小时后到期" or "已超期 2小时5分": the time left of a task in words, counted as its limit counts: in working time
 * (days are working days) or, for urgent cases, in calendar time.
 */
public final class TimeLeft {

    private TimeLeft() {}

    public static String describe(InboxTask t, OffsetDateTime now, io.gridloop.deadline.WorkingTime workingTime,
                                  BiFunction<String, Object[], String> tr) {
        return describe(t.dueAt(), t.limitClock(), now, workingTime, tr);
    }

    /** The same for any due date counted on a limit clock ({@code WORKING} or {@code CALENDAR}), e.g. a case's. */
    public static String describe(OffsetDateTime dueAt, String limitClock, OffsetDateTime now,
                                  io.gridloop.deadline.WorkingTime workingTime, BiFunction<String, Object[], String> tr) {
        if (dueAt == null) {
            return tr.apply("timeState.NONE", new Object[0]);
        }
        boolean over = !now.isBefore(dueAt);
        boolean calendar = "CALENDAR".equals(limitClock);
        java.time.Instant from = over ? dueAt.toInstant() : now.toInstant();
        java.time.Instant to = over ? now.toInstant() : dueAt.toInstant();
        String amount;
        if (calendar) {
            amount = amount(Duration.between(from, to), Duration.ofHours(24), "time.days", tr);
        } else {
            amount = amount(workingTime.between(from, to), workingTime.dayLength(), "time.workdays", tr);
        }
        return tr.apply(over ? "time.over" : "time.left", new Object[] {amount});
    }

    static String amount(Duration d, Duration day, String daysKey, BiFunction<String, Object[], String> tr) {
        long days = d.toSeconds() / day.toSeconds();
        if (days > 0) {
            return tr.apply(daysKey, new Object[] {days, d.minus(day.multipliedBy(days)).toHours()});
        }
        if (d.toHours() > 0) {
            return tr.apply("time.hours", new Object[] {d.toHours(), d.toMinutesPart()});
        }
        return tr.apply("time.minutes", new Object[] {Math.max(1, d.toMinutes())});
    }
}
