package io.gridloop.metrics;

import java.time.LocalDate;
import java.util.List;

/**
 * The board's counts as they stood at the end of each day or week (the last point: now). Warnings are not in the trend:
 * the warning mark of a past moment is not kept, only due dates are.
 */
public record Trend(Granularity by, List<Point> points) {

    public enum Granularity {
        DAY,
        WEEK
    }

    /** {@code day}: the day, or the Monday a week starts on. */
    public record Point(LocalDate day, long open, long overdue, long underSupervision) {}
}
