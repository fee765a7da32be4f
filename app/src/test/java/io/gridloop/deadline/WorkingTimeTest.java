package io.gridloop.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The working-time calendar over the official 2025 and 2026 holiday data in config/holidays. */
class WorkingTimeTest {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    HolidayCalendar holidays;
    WorkingTime wt;

    @BeforeEach
    void load() throws Exception {
        holidays = new HolidayCalendar();
        for (String year : new String[] {"2025", "2026"}) {
            try (InputStream in = Files.newInputStream(Path.of("../config/holidays/" + year + ".json"))) {
                holidays.load(in);
            }
        }
        wt = new WorkingTime(holidays, WorkingTime.periods("08:30-12:00,13:30-17:30"), ZONE);
    }

    static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(ZONE).toInstant();
    }

    String plus(String start, String limit) {
        return LocalDateTime.ofInstant(wt.plus(at(start), TimeLimit.parse(limit)), ZONE).toString();
    }

    @Test
    void aWorkingDayHasSevenAndAHalfHours() {
        assertThat(wt.dayLength()).isEqualTo(Duration.ofMinutes(450));
    }

    @Test
    void hoursWithinAMorning() {
        assertThat(plus("2026-11-24T09:00", "PT2H")).isEqualTo("2026-11-24T11:00");
    }

    @Test
    void hoursAcrossTheLunchBreak() {
        assertThat(plus("2026-11-24T11:00", "PT2H")).isEqualTo("2026-11-24T14:30");
    }

    @Test
    void hoursAcrossTheNight() {
        assertThat(plus("2026-11-24T17:00", "PT1H")).isEqualTo("2026-11-25T09:00");
    }

    @Test
    void hoursAcrossTheWeekend() {
        assertThat(plus("2026-11-27T16:00", "PT4H")).isEqualTo("2026-11-30T11:00");
    }

    @Test
    void aLimitThatEndsWithAPeriodEndsThere() {
        assertThat(plus("2026-11-24T08:30", "PT3H30M")).isEqualTo("2026-11-24T12:00");
    }

    @Test
    void aStartOutsideWorkingTimeCountsFromTheNextPeriod() {
        assertThat(plus("2026-11-28T10:00", "PT1H")).as("Saturday").isEqualTo("2026-11-30T09:30");
        assertThat(plus("2026-11-24T06:00", "PT1H")).as("before work").isEqualTo("2026-11-24T09:30");
        assertThat(plus("2026-11-24T12:30", "PT1H")).as("at lunch").isEqualTo("2026-11-24T14:30");
    }

    @Test
    void nationalDayHolidayIsSkipped() {
        assertThat(plus("2026-09-30T16:00", "PT4H")).isEqualTo("2026-10-08T11:00");
    }

    @Test
    void swappedWorkingSaturdayCounts() {
        // 2026-10-10 is a Saturday worked in exchange for the National Day holiday
        assertThat(plus("2026-10-09T16:00", "PT4H")).isEqualTo("2026-10-10T11:00");
    }

    @Test
    void workingDaysCountTheSwappedSundayBeforeNationalDay() {
        // 2026-09-20 is a Sunday worked; three working days from Friday the 18th end on Tuesday the 22nd
        assertThat(plus("2026-09-18T10:00", "P3D")).isEqualTo("2026-09-22T10:00");
    }

    @Test
    void springFestivalHolidayAndItsWorkingSaturday() {
        // Saturday 2026-02-14 is worked, 15–23 February are off
        assertThat(plus("2026-02-13T10:00", "P2D")).isEqualTo("2026-02-24T10:00");
        assertThat(holidays.isWorkingDay(LocalDate.of(2026, 2, 28))).as("Saturday 28 February is worked").isTrue();
    }

    @Test
    void data2025CountsItsSwappedSundayToo() {
        assertThat(plus("2025-01-24T17:00", "PT1H")).isEqualTo("2025-01-26T09:00");
        assertThat(holidays.isWorkingDay(LocalDate.of(2025, 10, 8))).isFalse();
        assertThat(holidays.isWorkingDay(LocalDate.of(2025, 10, 11))).isTrue();
    }

    @Test
    void daysAndHoursTogether() {
        // one working day to Wednesday 16:00, then 1.5 h on Wednesday and 0.5 h on Thursday
        assertThat(plus("2026-11-24T16:00", "P1DT2H")).isEqualTo("2026-11-26T09:00");
    }

    @Test
    void workingTimeBetweenTwoMoments() {
        assertThat(wt.between(at("2026-11-27T16:00"), at("2026-11-30T11:00"))).isEqualTo(Duration.ofHours(4));
        assertThat(wt.between(at("2026-09-30T16:00"), at("2026-10-08T11:00"))).isEqualTo(Duration.ofHours(4));
        assertThat(wt.between(at("2026-11-30T11:00"), at("2026-11-27T16:00"))).isZero();
    }

    @Test
    void aYearWithoutDataCountsWeekendsOnly() {
        assertThat(holidays.hasYear(2026)).isTrue();
        assertThat(holidays.hasYear(2027)).isFalse();
        assertThat(holidays.isWorkingDay(LocalDate.of(2027, 1, 1))).as("a Friday, no 2027 data yet").isTrue();
        assertThat(holidays.isWorkingDay(LocalDate.of(2027, 1, 2))).as("a Saturday").isFalse();
    }

    @Test
    void warningShareKeepsWorkingDaysApartFromHours() {
        TimeLimits limits = new TimeLimits(new io.gridloop.deadline.DeadlineSettings(0.8), wt);
        assertThat(limits.warningOf("P3D", LimitClock.WORKING)).isEqualTo("P2DT3H");
        assertThat(limits.warningOf("PT4H", LimitClock.WORKING)).isEqualTo("PT3H12M");
        assertThat(limits.warningOf("PT4H", LimitClock.CALENDAR)).isEqualTo("PT3H12M");
        assertThat(limits.warningOf("P1D", LimitClock.CALENDAR)).isEqualTo("PT19H12M");
    }

    @Test
    void urgentCasesCountCalendarTime() {
        WorkingTimeBusinessCalendar calendar = new WorkingTimeBusinessCalendar(wt);
        java.util.Date start = java.util.Date.from(at("2026-11-27T16:00"));
        // outside an engine command the clock is working time
        assertThat(LocalDateTime.ofInstant(calendar.resolveDuedate("PT4H", start).toInstant(), ZONE)).isEqualTo("2026-11-30T11:00");
        assertThat(start.toInstant().plus(TimeLimit.parse("PT4H").calendarDuration())).isEqualTo(at("2026-11-27T20:00"));
    }

    @Test
    void limitsKeepDaysApartFromHoursAndRefuseNonsense() {
        assertThat(TimeLimit.parse("P3D")).isNotEqualTo(TimeLimit.parse("PT72H"));
        assertThat(TimeLimit.parse("P1DT2H30M")).hasToString("P1DT2H30M");
        assertThat(TimeLimit.parse("PT45M")).hasToString("PT45M");
        assertThatThrownBy(() -> TimeLimit.parse("3 days")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TimeLimit.parse("P1M")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WorkingTime.periods("12:00-08:30")).isInstanceOf(IllegalArgumentException.class);
    }
}
