package io.gridloop.deadline;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Time-limit arithmetic used by the BPMN's timers: {@code ${timeLimits.warningOf(handleLimit)}} is the share of a limit
 * after which the step warns (预警), 80% unless configured otherwise.
 */
@Component("timeLimits")
public class TimeLimits {

    private final double warningShare;

    public TimeLimits(@Value("${gridloop.deadline.warning-share:0.8}") double warningShare) {
        if (warningShare <= 0 || warningShare >= 1) {
            throw new IllegalArgumentException("gridloop.deadline.warning-share must lie between 0 and 1, not " + warningShare);
        }
        this.warningShare = warningShare;
    }

    public String warningOf(String limit) {
        Duration full = parse(limit);
        return Duration.ofSeconds(Math.max(1, Math.round(full.getSeconds() * warningShare))).toString();
    }

    public static Duration parse(String limit) {
        if (limit == null || limit.isBlank()) {
            throw new IllegalArgumentException("a time limit is missing");
        }
        return Duration.parse(limit.trim());
    }

    public double warningShare() {
        return warningShare;
    }
}
