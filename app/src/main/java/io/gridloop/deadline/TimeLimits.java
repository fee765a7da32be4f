package io.gridloop.deadline;

import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Time-limit arithmetic used by the BPMN's timers: {@code ${timeLimits.warningOf(handleLimit)}} is the share of a limit
 * after which the step warns (预警), 80% unless configured otherwise, counted on the case's clock: 80% of 3 working
 * days of 7.5 h is 2 working days and 3 working hours (P2DT3H).
 */
@Component("timeLimits")
public class TimeLimits {

    private final double warningShare;
    private final WorkingTime workingTime;

    public TimeLimits(DeadlineSettings settings, WorkingTime workingTime) {
        double warningShare = settings.warningShare();
        if (warningShare <= 0 || warningShare >= 1) {
            throw new IllegalArgumentException("gridloop.deadline.warning-share must lie between 0 and 1, not " + warningShare);
        }
        this.warningShare = warningShare;
        this.workingTime = workingTime;
    }

    public String warningOf(String limit) {
        return warningOf(limit, LimitClock.current());
    }

    public String warningOf(String limit, LimitClock clock) {
        TimeLimit full = TimeLimit.parse(limit);
        if (clock == LimitClock.CALENDAR) {
            long seconds = Math.max(1, Math.round(full.calendarDuration().getSeconds() * warningShare));
            return new TimeLimit(0, Duration.ofSeconds(seconds)).toString();
        }
        Duration working = workingTime.length(full);
        Duration share = Duration.ofSeconds(Math.max(1, Math.round(working.getSeconds() * warningShare)));
        return workingTime.asDaysAndHours(share).toString();
    }

    /**
     * A limit as the timeLimits table gave it, refused when it is no time limit: the BPMN's business rule task keeps
     * only limits the timers can read.
     */
    public String checked(String limit) {
        TimeLimit.parse(limit);
        return limit;
    }

    public double warningShare() {
        return warningShare;
    }
}
