package io.gridloop.deadline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which days are working days: the State Council's public holidays (放假) and swapped working weekends (调休上班) per
 * year, as data in {@code config/holidays/YEAR.json}. A year without data counts weekends only, and says so.
 */
public class HolidayCalendar {

    private static final Logger LOG = LoggerFactory.getLogger(HolidayCalendar.class);

    private final Set<LocalDate> daysOff = new HashSet<>();
    private final Set<LocalDate> workingWeekends = new HashSet<>();
    private final Set<Integer> years = new TreeSet<>();
    private final Set<Integer> warned = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Reads one year's file; a later file for the same year replaces nothing, it adds. */
    public void load(InputStream json) throws IOException {
        JsonNode root = new ObjectMapper().readTree(json);
        int year = root.path("year").asInt();
        if (year < 2000) {
            throw new IllegalArgumentException("a holiday file needs its year");
        }
        for (JsonNode h : root.path("holidays")) {
            LocalDate from = LocalDate.parse(h.path("from").asText());
            LocalDate to = LocalDate.parse(h.path("to").asText(h.path("from").asText()));
            if (to.isBefore(from)) {
                throw new IllegalArgumentException("holiday " + h.path("name").asText() + " ends before it starts");
            }
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                daysOff.add(d);
            }
        }
        for (JsonNode w : root.path("workingWeekends")) {
            workingWeekends.add(LocalDate.parse(w.asText()));
        }
        years.add(year);
    }

    public boolean isWorkingDay(LocalDate day) {
        if (!years.contains(day.getYear()) && warned.add(day.getYear())) {
            LOG.warn("No holiday calendar for {}: counting weekends only until config/holidays/{}.json is loaded", day.getYear(),
                    day.getYear());
        }
        if (daysOff.contains(day)) {
            return false;
        }
        if (workingWeekends.contains(day)) {
            return true;
        }
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    /** Whether the given year has official data; administrators are warned about years that do not. */
    public boolean hasYear(int year) {
        return years.contains(year);
    }
}
