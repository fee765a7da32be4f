package io.gridloop.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridloop.deadline.HolidayCalendar;
import io.gridloop.deadline.WorkingTime;
import io.gridloop.ui.Translations;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The inbox's "time left" counts as the limit counts: working time, or calendar time for urgent cases. */
class TimeLeftTest {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private static OffsetDateTime at(String t) {
        return LocalDateTime.parse(t).atZone(ZONE).toOffsetDateTime();
    }

    private static InboxTask task(String due, String clock) {
        return new InboxTask("t", 1, "2026-000001", "Task_Handle", "处置", "dept-roads", null, at("2026-11-27T09:00"), at(due), null,
                "PUBLIC_FACILITY", "STREETLIGHT", "S01C01G01", "S01", "NORMAL", "CITIZEN", clock);
    }

    @Test
    void workingTimeLeftSkipsTheWeekendAndCalendarTimeDoesNot() throws Exception {
        HolidayCalendar holidays = new HolidayCalendar();
        try (InputStream in = Files.newInputStream(Path.of("../config/holidays/2026.json"))) {
            holidays.load(in);
        }
        WorkingTime wt = new WorkingTime(holidays, WorkingTime.periods("08:30-12:00,13:30-17:30"), ZONE);
        Translations t = new Translations();
        OffsetDateTime friday = at("2026-11-27T16:00");
        assertThat(TimeLeft.describe(task("2026-11-30T11:00", "WORKING"), friday, wt, (k, a) -> t.getTranslation(k, Locale.CHINA, a)))
                .isEqualTo("4小时0分 后到期");
        assertThat(TimeLeft.describe(task("2026-11-30T11:00", "CALENDAR"), friday, wt, (k, a) -> t.getTranslation(k, Locale.CHINA, a)))
                .isEqualTo("2天19小时 后到期");
        assertThat(TimeLeft.describe(task("2026-11-24T09:00", "WORKING"), friday, wt, (k, a) -> t.getTranslation(k, Locale.ENGLISH, a)))
                .isEqualTo("overdue by 3 working days 5 h");
    }
}
