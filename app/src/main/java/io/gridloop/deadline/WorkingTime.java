package io.gridloop.deadline;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Working-time arithmetic (工作时): working periods of a day (e.g. 08:30–12:00 and 13:30–17:30) on the working days of
 * the holiday calendar. A limit's days are working days (same time of day, N working days later); its hours and
 * minutes are working hours. Calendar time (24×7) is the other clock, for urgent cases.
 */
public class WorkingTime {

    /** A working period of a day, start inclusive, end exclusive. */
    public record Period(LocalTime start, LocalTime end) {
        public Period {
            if (!end.isAfter(start)) {
                throw new IllegalArgumentException("a working period must end after it starts: " + start + "-" + end);
            }
        }

        Duration length() {
            return Duration.between(start, end);
        }
    }

    private final HolidayCalendar holidays;
    private final List<Period> periods;
    private final ZoneId zone;
    private final Duration dayLength;

    public WorkingTime(HolidayCalendar holidays, List<Period> periods, ZoneId zone) {
        if (periods.isEmpty()) {
            throw new IllegalArgumentException("a working day needs at least one period");
        }
        List<Period> sorted = new ArrayList<>(periods);
        sorted.sort((a, b) -> a.start().compareTo(b.start()));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).start().isBefore(sorted.get(i - 1).end())) {
                throw new IllegalArgumentException("working periods overlap: " + sorted.get(i - 1) + " and " + sorted.get(i));
            }
        }
        this.holidays = holidays;
        this.periods = List.copyOf(sorted);
        this.zone = zone;
        this.dayLength = sorted.stream().map(Period::length).reduce(Duration.ZERO, Duration::plus);
    }

    /** Parses "08:30-12:00,13:30-17:30". */
    public static List<Period> periods(String spec) {
        List<Period> out = new ArrayList<>();
        for (String p : spec.split(",")) {
            String[] se = p.trim().split("-");
            if (se.length != 2) {
                throw new IllegalArgumentException("working period must read HH:mm-HH:mm, not " + p);
            }
            out.add(new Period(LocalTime.parse(se[0].trim()), LocalTime.parse(se[1].trim())));
        }
        return out;
    }

    public Duration dayLength() {
        return dayLength;
    }

    public ZoneId zone() {
        return zone;
    }

    public HolidayCalendar holidays() {
        return holidays;
    }

    /** The instant a limit ends when it starts at {@code start} and counts working time. */
    public Instant plus(Instant start, TimeLimit limit) {
        LocalDateTime t = normalise(LocalDateTime.ofInstant(start, zone));
        for (long d = 0; d < limit.days(); d++) {
            t = sameTimeNextWorkingDay(t);
        }
        Duration rest = limit.time();
        while (!rest.isZero()) {
            Period p = periodAt(t.toLocalTime());
            LocalDateTime periodEnd = t.toLocalDate().atTime(p.end());
            Duration left = Duration.between(t, periodEnd);
            if (rest.compareTo(left) < 0) {
                t = t.plus(rest);
                rest = Duration.ZERO;
            } else {
                rest = rest.minus(left);
                t = normalise(periodEnd);
                if (rest.isZero()) {
                    // a limit that ends exactly at a period's end ends there, not at the next start
                    t = periodEnd;
                }
            }
        }
        return t.atZone(zone).toInstant();
    }

    /** Working time between two instants (zero when the end is not after the start). */
    public Duration between(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        Duration sum = Duration.ZERO;
        LocalDateTime a = LocalDateTime.ofInstant(from, zone);
        LocalDateTime b = LocalDateTime.ofInstant(to, zone);
        for (LocalDate day = a.toLocalDate(); !day.isAfter(b.toLocalDate()); day = day.plusDays(1)) {
            if (!holidays.isWorkingDay(day)) {
                continue;
            }
            for (Period p : periods) {
                LocalDateTime ps = day.atTime(p.start());
                LocalDateTime pe = day.atTime(p.end());
                LocalDateTime s = ps.isBefore(a) ? a : ps;
                LocalDateTime e = pe.isAfter(b) ? b : pe;
                if (e.isAfter(s)) {
                    sum = sum.plus(Duration.between(s, e));
                }
            }
        }
        return sum;
    }

    /** Expresses a working duration as working days and hours: 2.4 working days of 7.5 h read P2DT3H. */
    public TimeLimit asDaysAndHours(Duration working) {
        long days = working.toSeconds() / dayLength.toSeconds();
        return new TimeLimit(days, working.minus(dayLength.multipliedBy(days)));
    }

    /** The length of a limit in working time: its days count whole working days. */
    public Duration length(TimeLimit limit) {
        return dayLength.multipliedBy(limit.days()).plus(limit.time());
    }

    private Period periodAt(LocalTime time) {
        for (Period p : periods) {
            if (!time.isBefore(p.start()) && time.isBefore(p.end())) {
                return p;
            }
        }
        throw new IllegalStateException(time + " is outside the working periods");
    }

    /** Moves a moment outside working time to the start of the next working period. */
    LocalDateTime normalise(LocalDateTime t) {
        LocalDate day = t.toLocalDate();
        LocalTime time = t.toLocalTime();
        if (holidays.isWorkingDay(day)) {
            for (Period p : periods) {
                if (time.isBefore(p.start())) {
                    return day.atTime(p.start());
                }
                if (time.isBefore(p.end())) {
                    return t;
                }
            }
        }
        LocalDate next = day.plusDays(1);
        while (!holidays.isWorkingDay(next)) {
            next = next.plusDays(1);
        }
        return next.atTime(periods.get(0).start());
    }

    private LocalDateTime sameTimeNextWorkingDay(LocalDateTime t) {
        LocalDate next = t.toLocalDate().plusDays(1);
        while (!holidays.isWorkingDay(next)) {
            next = next.plusDays(1);
        }
        return next.atTime(t.toLocalTime());
    }
}
