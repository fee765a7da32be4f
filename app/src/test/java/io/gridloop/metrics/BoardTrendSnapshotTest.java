package io.gridloop.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridloop.casefile.Channel;
import io.gridloop.deadline.Supervision;
import io.gridloop.intake.ReportService;
import io.gridloop.security.AccessScope;
import io.gridloop.support.GridLoopTest;
import io.gridloop.support.LoopDriver;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The board's trend read from its snapshot (V28) gives what the rule gives live, for the district, a street, a department,
 * an official who reported cases outside their street and a grid's observer, on {@link TrendHistory}'s hand-made history
 * (a holiday, cases opened and closed across days, steps going overdue, an order opened and closed), whose figures are
 * worked out by hand; and days written into after the snapshot was counted are counted live.
 */
@GridLoopTest
class BoardTrendSnapshotTest {

    @Autowired
    LoopDriver loop;
    @Autowired
    ReportService reports;
    @Autowired
    Supervision supervision;
    @Autowired
    BoardService boards;
    @Autowired
    BoardTrendSnapshots snapshots;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    EvaluationRollup rollup;
    @Autowired
    java.time.Clock clock;

    @AfterEach
    void clock() {
        loop.resetClock();
    }

    @Test
    void theSnapshotGivesWhatTheRuleGivesLiveForEveryScope() {
        check(loop, reports, supervision, boards, snapshots, jdbc, snapshots::catchUp);
    }

    @Test
    void theSnapshotIsCountedUnderTheSummariesLeaseOneNodeAtATime() {
        java.time.OffsetDateTime later = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).plusMinutes(30);
        jdbc.sql("update gl_eval_rollup_state set lease_until = :t, lease_owner = 'another-node' where id = 1").param("t", later).update();
        try {
            jdbc.sql("update gl_board_trend_state set counted_at = null where id = 1").update();
            assertThat(rollup.catchUp()).as("another node holds the lease").isZero();
            assertThat(countedAt()).as("not counted here").isNull();
        } finally {
            jdbc.sql("update gl_eval_rollup_state set lease_until = null, lease_owner = null where id = 1").update();
        }
        rollup.catchUp();
        assertThat(countedAt()).as("counted with the catch-up once the lease is free").isNotNull();
        assertThat(snapshots.counted()).containsAll(BoardTrendSnapshots.pastDays(java.time.LocalDate.now(clock)));
    }

    @Test
    void theEvaluationsFewMinuteRollUpsCountTheSnapshotOnceADayUnlessAWriteGoesBackIntoItsDays() {
        rollup.catchUp();
        java.time.OffsetDateTime first = countedAt();
        assertThat(first).as("counted with the first catch-up of the day").isNotNull();
        rollup.catchUp();
        assertThat(countedAt()).as("today's roll-up a few minutes later leaves the past days as they were").isEqualTo(first);

        // a case written now with a time in the days the snapshot holds (a history loaded into the past)
        long id = loop.reportByCitizen("STREETLIGHT").id();
        jdbc.sql("update gl_case set reported_at = :t where id = :id")
                .param("t", java.time.OffsetDateTime.now(clock).minusDays(3)).param("id", id).update();
        rollup.catchUp();
        assertThat(countedAt()).as("counted again: a write went back into its days").isAfter(first);
    }

    private java.time.OffsetDateTime countedAt() {
        return jdbc.sql("select counted_at from gl_board_trend_state where id = 1").query(java.time.OffsetDateTime.class).optional().orElse(null);
    }

    /** Drives the history, writes the snapshot with {@code write} and checks the trend against the rule and by hand. */
    static void check(LoopDriver loop, ReportService reports, Supervision supervision, BoardService boards, BoardTrendSnapshots snapshots,
                      JdbcClient jdbc, Runnable write) {
        List<LocalDate> days = TrendHistory.days();
        long[][] streetBefore;
        long[][] roadsBefore;
        long[][] gridBefore;
        TrendHistory history = new TrendHistory(loop, reports, supervision);
        try {
            loop.at(TrendHistory.NOW);
            // whatever else the database holds at those days' ends (the history's figures are added to it)
            streetBefore = snapshots.countsLive(days, TrendHistory.STREET_SUPERVISOR);
            roadsBefore = snapshots.countsLive(days, TrendHistory.ROADS);
            gridBefore = snapshots.countsLive(days, TrendHistory.GRID_OBSERVER);
            history.drive();
        } finally {
            loop.at(TrendHistory.NOW);
        }
        write.run();
        assertThat(snapshots.staleFrom()).as("nothing written since the snapshot").isNull();
        assertThat(snapshots.counted()).as("the snapshot's days").containsAll(days.subList(1, days.size()))
                .contains(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 5, 10)).doesNotContain(LocalDate.of(2026, 5, 14));

        sameAsLive(boards);
        TrendHistory.expect(boards.trend(Trend.Granularity.DAY, TrendHistory.STREET_SUPERVISOR), streetBefore, TrendHistory::street);
        TrendHistory.expect(boards.trend(Trend.Granularity.DAY, TrendHistory.ROADS), roadsBefore, TrendHistory::roads);
        TrendHistory.expect(boards.trend(Trend.Granularity.DAY, TrendHistory.GRID_OBSERVER), gridBefore, TrendHistory::street);
        TrendHistory.expect(boards.trend(Trend.Granularity.DAY, TrendHistory.REPORTER_ELSEWHERE),
                snapshots.countsLive(days, AccessScope.of("lihua", List.of(io.gridloop.security.Roles.STREET_GROUP_PREFIX + "S01",
                        io.gridloop.security.Roles.INTAKE), java.util.Set.of())), d -> new long[3]);
        // weeks end on Sundays: 3 May (Q and S open over the holiday), 10 May (Q overdue and under the order)
        Trend weeks = boards.trend(Trend.Granularity.WEEK, TrendHistory.GRID_OBSERVER);
        assertThat(weeks.points()).hasSize(BoardService.TREND_WEEKS);
        assertThat(weeks.points().subList(BoardService.TREND_WEEKS - 4, BoardService.TREND_WEEKS - 1)).extracting(Trend.Point::day)
                .containsExactly(LocalDate.of(2026, 4, 20), LocalDate.of(2026, 4, 27), LocalDate.of(2026, 5, 4));
        long[] may3 = gridBefore[days.indexOf(LocalDate.of(2026, 5, 3))];
        long[] may10 = gridBefore[days.indexOf(LocalDate.of(2026, 5, 10))];
        assertThat(weeks.points().get(BoardService.TREND_WEEKS - 3)).isEqualTo(new Trend.Point(LocalDate.of(2026, 4, 27), may3[0] + 2, may3[1], may3[2]));
        assertThat(weeks.points().get(BoardService.TREND_WEEKS - 2))
                .isEqualTo(new Trend.Point(LocalDate.of(2026, 5, 4), may10[0] + 1, may10[1] + 1, may10[2] + 1));
        // now: the board's own counts (R open and overdue)
        Board.Counts now = boards.counts(TrendHistory.GRID_OBSERVER);
        assertThat(now.open()).isEqualTo(1);
        assertThat(now.overdue()).isEqualTo(1);
        for (Trend.Granularity by : Trend.Granularity.values()) {
            Trend.Point last = boards.trend(by, TrendHistory.GRID_OBSERVER).points().get(by == Trend.Granularity.DAY ? BoardService.TREND_DAYS - 1
                    : BoardService.TREND_WEEKS - 1);
            assertThat(last).isEqualTo(new Trend.Point(by == Trend.Granularity.DAY ? LocalDate.of(2026, 5, 14) : LocalDate.of(2026, 5, 11),
                    now.open(), now.overdue(), now.underSupervision()));
        }

        // the district's points are read from the snapshot: a changed row shows
        jdbc.sql("update gl_board_trend set open_cases = open_cases + 100 where unit_kind = 'DISTRICT' and on_day = :d")
                .param("d", LocalDate.of(2026, 5, 1)).update();
        try {
            Trend district = boards.trend(Trend.Granularity.DAY, TrendHistory.DISTRICT);
            Trend live = boards.trendLive(Trend.Granularity.DAY, TrendHistory.DISTRICT);
            int i = days.indexOf(LocalDate.of(2026, 5, 1));
            assertThat(district.points().get(i).open()).isEqualTo(live.points().get(i).open() + 100);
        } finally {
            jdbc.sql("update gl_board_trend set open_cases = open_cases - 100 where unit_kind = 'DISTRICT' and on_day = :d")
                    .param("d", LocalDate.of(2026, 5, 1)).update();
        }

        // a case reported into the past after the snapshot was counted (a history loaded late): its days are counted live
        try {
            loop.at(TrendHistory.t("2026-05-06T09:00"));
            reports.report(LoopDriver.report(Channel.GRID_WORKER, "STREETLIGHT", TrendHistory.GRID), "lihua");
        } finally {
            loop.at(TrendHistory.NOW);
        }
        assertThat(snapshots.staleFrom()).isEqualTo(LocalDate.of(2026, 5, 6));
        sameAsLive(boards);
        TrendHistory.expect(boards.trend(Trend.Granularity.DAY, TrendHistory.STREET_SUPERVISOR), streetBefore,
                d -> {
                    long[] a = TrendHistory.street(d).clone();
                    if (!d.isBefore(LocalDate.of(2026, 5, 6))) {
                        // open, and past its registration's hour since that day
                        a[0]++;
                        a[1]++;
                    }
                    return a;
                });
    }

    static void sameAsLive(BoardService boards) {
        for (AccessScope scope : TrendHistory.SCOPES) {
            for (Trend.Granularity by : Trend.Granularity.values()) {
                assertThat(boards.trend(by, scope)).as(scope.userId() + " by " + by).isEqualTo(boards.trendLive(by, scope));
            }
        }
    }
}
