package io.gridloop.deadline;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A time limit as the timeLimits table states it, ISO-8601 with its days kept apart from its hours: "P3D" is three
 * working days, "PT72H" seventy-two working hours (java.time.Duration would make them equal).
 */
public record TimeLimit(long days, Duration time) {

    private static final Pattern ISO = Pattern.compile("^P(?:(\\d+)D)?(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+)S)?)?$");

    public TimeLimit {
        if (days < 0 || time.isNegative()) {
            throw new IllegalArgumentException("a time limit cannot be negative");
        }
    }

    public static TimeLimit parse(String iso) {
        if (iso == null) {
            throw new IllegalArgumentException("a time limit is missing");
        }
        Matcher m = ISO.matcher(iso.trim());
        if (!m.matches() || iso.trim().equals("P") || iso.trim().endsWith("T")) {
            throw new IllegalArgumentException("not a time limit (use e.g. P3D, PT4H, P1DT2H30M): " + iso);
        }
        long days = m.group(1) == null ? 0 : Long.parseLong(m.group(1));
        Duration time = Duration.ofHours(m.group(2) == null ? 0 : Long.parseLong(m.group(2)))
                .plusMinutes(m.group(3) == null ? 0 : Long.parseLong(m.group(3)))
                .plusSeconds(m.group(4) == null ? 0 : Long.parseLong(m.group(4)));
        return new TimeLimit(days, time);
    }

    /** As calendar time: a day is 24 hours. */
    public Duration calendarDuration() {
        return Duration.ofDays(days).plus(time);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("P");
        if (days > 0) {
            b.append(days).append('D');
        }
        if (!time.isZero() || days == 0) {
            b.append('T');
            if (time.toHours() > 0) {
                b.append(time.toHours()).append('H');
            }
            if (time.toMinutesPart() > 0) {
                b.append(time.toMinutesPart()).append('M');
            }
            if (time.toSecondsPart() > 0 || time.isZero()) {
                b.append(time.toSecondsPart()).append('S');
            }
        }
        return b.toString();
    }
}
