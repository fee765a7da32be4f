package io.gridloop.deadline;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
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

    private final java.util.Map<String, TimeLimit> escalation;

    public TimeLimits(@Value("${gridloop.deadline.warning-share:0.8}") double warningShare, WorkingTime workingTime) {
        this(warningShare, workingTime, "P1D", "P5D", "P10D");
    }

    @org.springframework.beans.factory.annotation.Autowired
    public TimeLimits(@Value("${gridloop.deadline.warning-share:0.8}") double warningShare, WorkingTime workingTime,
                      @Value("${gridloop.escalation.supervision-after:P1D}") String supervisionAfter,
                      @Value("${gridloop.escalation.district-after:P5D}") String districtAfter,
                      @Value("${gridloop.escalation.notice-after:P10D}") String noticeAfter) {
        if (warningShare <= 0 || warningShare >= 1) {
            throw new IllegalArgumentException("gridloop.deadline.warning-share must lie between 0 and 1, not " + warningShare);
        }
        this.warningShare = warningShare;
        this.workingTime = workingTime;
        this.escalation = java.util.Map.of("supervision", TimeLimit.parse(supervisionAfter), "district", TimeLimit.parse(districtAfter),
                "notice", TimeLimit.parse(noticeAfter));
    }

    /**
     * When an overdue step escalates: {@code ${timeLimits.after(handleLimit, 'supervision')}} is the limit plus the
     * stage's interval (street supervision after 1 working day overdue, district after 5, the notice list after 10).
     */
    public String after(String limit, String stage) {
        TimeLimit base = TimeLimit.parse(limit);
        TimeLimit extra = escalation.get(stage);
        if (extra == null) {
            throw new IllegalArgumentException("no escalation stage " + stage + " (supervision, district, notice)");
        }
        return new TimeLimit(base.days() + extra.days(), base.time().plus(extra.time())).toString();
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

    public double warningShare() {
        return warningShare;
    }
}
