package io.gridloop.inbox;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.function.BiFunction;

/** "3天4小时后到期" or "已超期 2小时5分": the time left of a task in words. */
public final class TimeLeft {

    private TimeLeft() {}

    public static String describe(InboxTask t, OffsetDateTime now, BiFunction<String, Object[], String> tr) {
        if (t.dueAt() == null) {
            return tr.apply("timeState.NONE", new Object[0]);
        }
        Duration d = Duration.between(now, t.dueAt());
        boolean over = d.isNegative() || d.isZero();
        String amount = amount(d.abs(), tr);
        return tr.apply(over ? "time.over" : "time.left", new Object[] {amount});
    }

    static String amount(Duration d, BiFunction<String, Object[], String> tr) {
        if (d.toDays() > 0) {
            return tr.apply("time.days", new Object[] {d.toDays(), d.toHoursPart()});
        }
        if (d.toHours() > 0) {
            return tr.apply("time.hours", new Object[] {d.toHours(), d.toMinutesPart()});
        }
        return tr.apply("time.minutes", new Object[] {Math.max(1, d.toMinutes())});
    }
}
