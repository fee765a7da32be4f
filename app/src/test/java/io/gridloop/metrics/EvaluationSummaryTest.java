package io.gridloop.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridloop.casefile.CaseFileService;
import io.gridloop.casefile.CaseRecord;
import io.gridloop.casefile.Channel;
import io.gridloop.casefile.Urgency;
import io.gridloop.citizen.CitizenReports;
import io.gridloop.intake.Report;
import io.gridloop.intake.ReportService;
import io.gridloop.process.CaseLoop;
import io.gridloop.security.AccessScope;
import io.gridloop.security.AccessScopes;
import io.gridloop.support.LoopDriver;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The summaries (V25) give the figures the rules give when every case is read live: both hand-made histories
 * ({@link EvaluationHistory}, {@link HonestHistory}) rolled up, then every unit kind over a month, days across a month
 * boundary and the National Day holiday, a year, a period ending today, within the district's and narrower scopes.
 */
@SpringBootTest
@ActiveProfiles("test")
@Import(LoopDriver.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EvaluationSummaryTest {

    /** "Today" for this test: the Tuesday the histories end on (3 November 2026), at noon. */
    static final java.time.Instant NOW = EvaluationHistory.t("2026-11-03T12:00");

    @Autowired
    LoopDriver loop;
    @Autowired
    ReportService reports;
    @Autowired
    CaseFileService cases;
    @Autowired
    RuntimeService runtime;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    EvaluationService evaluation;
    @Autowired
    EvaluationRollup rollup;
    @Autowired
    AccessScopes scopes;

    @BeforeAll
    void driveAndRollUp() {
        try {
            new HonestHistory(loop, reports).drive();
            new EvaluationHistory(loop, reports, cases, runtime, jdbc).drive();
        } finally {
            loop.at(NOW);
        }
        rollup.rebuild();
    }

    @AfterAll
    void clock() {
        loop.resetClock();
    }

    static final List<LocalDate[]> PERIODS = List.of(
            period("2026-10-01", "2026-10-31"),      // a month
            period("2026-09-28", "2026-10-03"),      // across a month boundary, into the holiday
            period("2026-10-30", "2026-11-02"),      // across a month boundary, up to yesterday
            period("2026-08-15", "2026-10-20"),      // days, two whole months, days
            period("2025-11-04", "2026-11-03"),      // a year ending today
            period("2026-11-01", "2026-11-03"),      // ending today
            period("2026-11-03", "2026-11-03"),      // today alone
            period("2026-10-19", "2026-10-19"));     // one past day

    static LocalDate[] period(String from, String to) {
        return new LocalDate[] {LocalDate.parse(from), LocalDate.parse(to)};
    }

    @Test
    @Order(1)
    void theSummariesAnswerForEveryFinishedDay() {
        EvaluationRollup.State s = rollup.state();
        assertThat(rollup.summarizedUntil(s, rollup.weightsKey())).isEqualTo(LocalDate.of(2026, 11, 3));
        assertThat(jdbc.sql("select count(*) from gl_eval_summary where grain = 'M' and on_day = :m")
                .param("m", LocalDate.of(2026, 10, 1)).query(Long.class).single()).isPositive();
        assertThat(jdbc.sql("select count(*) from gl_eval_pending where on_day = :d").param("d", LocalDate.of(2026, 10, 31))
                .query(Long.class).single()).as("J overdue and not handled at the end of October").isPositive();
    }

    @Test
    @Order(1)
    void everyUnitKindAndPeriodGivesFromTheSummariesWhatTheRulesGiveLive() {
        AccessScope district = EvaluationServiceTest.DISTRICT;
        for (LocalDate[] p : PERIODS) {
            for (EvaluationUnit unit : EvaluationUnit.values()) {
                same(p, unit, district);
            }
        }
    }

    @Test
    @Order(1)
    void aStreetsOfficialAndADepartmentsHandlerGetTheirRowsFromTheSummariesToo() {
        AccessScope street = scopes.ofUser("hejun");
        AccessScope water = scopes.of("zhaolei", List.of("dept-water"));
        for (LocalDate[] p : PERIODS) {
            for (EvaluationUnit unit : EvaluationUnit.values()) {
                same(p, unit, street);
                same(p, unit, water);
            }
        }
    }

    @Test
    @Order(1)
    void theHandMadeOctoberIsRightFromTheSummaries() {
        Evaluation october = evaluation.evaluate(EvaluationServiceTest.OCT_1, EvaluationServiceTest.OCT_31, EvaluationUnit.DEPARTMENT,
                EvaluationServiceTest.DISTRICT, Locale.CHINESE);
        EvaluationHistory.expectOctoberOfWater(october.rows().stream().filter(r -> r.unit().equals(EvaluationHistory.DEPARTMENT))
                .findFirst().orElseThrow());
    }

    @Test
    @Order(98)
    void aCaseWrittenIntoRolledUpDaysIsReadLiveUntilRolledUpAgain() {
        try {
            loop.at(EvaluationHistory.t("2026-10-21T09:00"));
            loop.reportByGridWorker("STREETLIGHT");
        } finally {
            loop.at(NOW);
        }
        assertThat(rollup.summarizedUntil(rollup.state(), rollup.weightsKey())).isEqualTo(LocalDate.of(2026, 10, 21));
        for (LocalDate[] p : PERIODS) {
            same(p, EvaluationUnit.GRID, EvaluationServiceTest.DISTRICT);
        }
        rollup.catchUp();
        assertThat(rollup.summarizedUntil(rollup.state(), rollup.weightsKey())).isEqualTo(LocalDate.of(2026, 11, 3));
        for (LocalDate[] p : PERIODS) {
            same(p, EvaluationUnit.GRID, EvaluationServiceTest.DISTRICT);
        }
    }

    /**
     * Night by night: a case reported and registered on Wednesday afternoon is rolled up that night without a department;
     * dispatched to the water department on Thursday, the next night's roll-up moves Wednesday's counts to its row.
     */
    @Test
    @Order(99)
    void eachNightsRollUpMovesTheEarlierCountsOfTheCasesItTouched() {
        long id;
        try {
            loop.at(EvaluationHistory.t("2026-11-04T16:00"));
            id = loop.reportByGridWorker("STREETLIGHT").id();
            loop.complete(id, io.gridloop.process.CaseLoop.TASK_REGISTER, "lina", java.util.Map.of("registerDecision", "REGISTER"));
            loop.at(EvaluationHistory.t("2026-11-05T00:30"));
            rollup.catchUp();
            assertThat(rollup.summarizedUntil(rollup.state(), rollup.weightsKey())).isEqualTo(LocalDate.of(2026, 11, 5));
            loop.at(EvaluationHistory.t("2026-11-05T09:00"));
            loop.complete(id, io.gridloop.process.CaseLoop.TASK_DISPATCH, "zhangmin",
                    java.util.Map.of("department", EvaluationHistory.DEPARTMENT, "coDepartments", List.of()));
            loop.at(EvaluationHistory.t("2026-11-06T00:30"));
            rollup.catchUp();
            loop.at(EvaluationHistory.t("2026-11-06T09:00"));
            LocalDate[] days = period("2026-11-04", "2026-11-05");
            for (EvaluationUnit unit : EvaluationUnit.values()) {
                same(days, unit, EvaluationServiceTest.DISTRICT);
            }
            same(period("2026-11-04", "2026-11-04"), EvaluationUnit.DEPARTMENT, EvaluationServiceTest.DISTRICT);
            Evaluation wednesday = evaluation.evaluate(LocalDate.of(2026, 11, 4), LocalDate.of(2026, 11, 4), EvaluationUnit.DEPARTMENT,
                    EvaluationServiceTest.DISTRICT, Locale.CHINESE);
            assertThat(wednesday.rows().stream().filter(r -> r.unit().equals(EvaluationHistory.DEPARTMENT)).findFirst().orElseThrow()
                    .get(Indicator.REPORTS)).isEqualTo(1L);
        } finally {
            loop.at(NOW);
        }
    }

    /**
     * Today rolled up as of an instant T (as every few minutes): then events after T, among them a case reported before T
     * and dispatched after it, and a case dispatched the day before, returned and dispatched to another department after
     * T (both move counts the summaries hold to another row); every period and unit equals the live figures, for the
     * district, a street's official and the department the case left; rolled up again, and after the night, the same.
     */
    @Test
    @Order(100)
    void todayRolledUpAsOfAnInstantAndTheEventsSinceGiveWhatTheRulesGiveLive() {
        todayAsOfAnInstant(loop, rollup, evaluation, jdbc, scopes, reports);
    }

    static final List<LocalDate[]> TODAY_PERIODS = List.of(
            period("2026-11-10", "2026-11-10"),      // today alone
            period("2026-11-09", "2026-11-10"),      // yesterday and today
            period("2026-11-09", "2026-11-09"),      // yesterday alone (counts moved to another department today)
            period("2026-11-01", "2026-11-10"),      // this month to today
            period("2025-11-11", "2026-11-10"),      // a year ending today
            period("2026-10-01", "2026-10-31"));     // a past month

    static void todayAsOfAnInstant(LoopDriver loop, EvaluationRollup rollup, EvaluationService evaluation, JdbcClient jdbc,
                                   AccessScopes scopes, ReportService reports) {
        List<AccessScope> who = List.of(EvaluationServiceTest.DISTRICT, scopes.ofUser("hejun"), scopes.of("zhaolei", List.of("dept-water")));
        Runnable sameForAll = () -> {
            for (LocalDate[] p : TODAY_PERIODS) {
                for (EvaluationUnit unit : EvaluationUnit.values()) {
                    for (AccessScope scope : who) {
                        same(evaluation, p, unit, scope);
                    }
                }
            }
        };
        try {
            // Monday: Y reported, registered and dispatched to the water department
            loop.at(EvaluationHistory.t("2026-11-09T15:00"));
            long y = loop.reportByGridWorker("STREETLIGHT").id();
            loop.complete(y, io.gridloop.process.CaseLoop.TASK_REGISTER, "lina", java.util.Map.of("registerDecision", "REGISTER"));
            loop.at(EvaluationHistory.t("2026-11-09T16:00"));
            loop.complete(y, io.gridloop.process.CaseLoop.TASK_DISPATCH, "zhangmin",
                    java.util.Map.of("department", EvaluationHistory.DEPARTMENT, "coDepartments", List.of()));
            // W1 and W2 handled by water on Monday, W1 in 0.4 working hours, W2 in 2 (water's longest); W2's check fails
            long[] w = new long[2];
            for (int i = 0; i < 2; i++) {
                loop.at(EvaluationHistory.t("2026-11-09T09:00"));
                w[i] = loop.reportByGridWorker("STREETLIGHT").id();
                loop.complete(w[i], io.gridloop.process.CaseLoop.TASK_REGISTER, "lina", java.util.Map.of("registerDecision", "REGISTER"));
                loop.complete(w[i], io.gridloop.process.CaseLoop.TASK_DISPATCH, "zhangmin",
                        java.util.Map.of("department", EvaluationHistory.DEPARTMENT, "coDepartments", List.of()));
                loop.at(EvaluationHistory.t(i == 0 ? "2026-11-09T09:24" : "2026-11-09T11:00"));
                loop.complete(w[i], io.gridloop.process.CaseLoop.TASK_HANDLE, EvaluationHistory.HANDLER,
                        java.util.Map.of("handleOutcome", "FEEDBACK", "feedback", "已修复"));
            }
            loop.at(EvaluationHistory.t("2026-11-09T11:30"));
            loop.complete(w[1], io.gridloop.process.CaseLoop.TASK_CHECK, "wangwei", java.util.Map.of("checkResult", "FAILED", "comment", "仍不亮"));
            loop.at(EvaluationHistory.t("2026-11-10T00:30"));
            rollup.catchUp();
            // Tuesday: X reported and registered; today rolled up at 10:00, as of 09:59
            loop.at(EvaluationHistory.t("2026-11-10T09:00"));
            long x = loop.reportByGridWorker("STREETLIGHT").id();
            loop.complete(x, io.gridloop.process.CaseLoop.TASK_REGISTER, "lina", java.util.Map.of("registerDecision", "REGISTER"));
            loop.at(EvaluationHistory.t("2026-11-10T10:00"));
            rollup.catchUp();
            java.time.Instant t = EvaluationHistory.t("2026-11-10T09:59");
            assertThat(rollup.state().rolledAsOf()).isEqualTo(t);
            assertThat(rollup.summarizedAsOf(rollup.state(), rollup.weightsKey())).isEqualTo(t);
            sameForAll.run();
            // after T: X dispatched to roads; Y returned by water and dispatched to roads; a new report
            loop.at(EvaluationHistory.t("2026-11-10T10:30"));
            loop.complete(x, io.gridloop.process.CaseLoop.TASK_DISPATCH, "zhangmin",
                    java.util.Map.of("department", "roads", "coDepartments", List.of()));
            loop.complete(y, io.gridloop.process.CaseLoop.TASK_HANDLE, EvaluationHistory.HANDLER,
                    java.util.Map.of("handleOutcome", "RETURN", "returnReason", "需先断电"));
            loop.complete(y, io.gridloop.process.CaseLoop.TASK_DISPATCH, "zhangmin",
                    java.util.Map.of("department", "roads", "coDepartments", List.of()));
            loop.reportByCitizen("STREETLIGHT");
            // W2 (reworked) returned and dispatched to roads: its handling time leaves water, whose longest it was
            loop.complete(w[1], io.gridloop.process.CaseLoop.TASK_HANDLE, EvaluationHistory.HANDLER,
                    java.util.Map.of("handleOutcome", "RETURN", "returnReason", "需先断电"));
            loop.complete(w[1], io.gridloop.process.CaseLoop.TASK_DISPATCH, "zhangmin",
                    java.util.Map.of("department", "roads", "coDepartments", List.of()));
            loop.at(EvaluationHistory.t("2026-11-10T11:00"));
            assertThat(rollup.summarizedAsOf(rollup.state(), rollup.weightsKey())).as("T still answers").isEqualTo(t);
            sameForAll.run();
            Evaluation tuesday = evaluation.evaluate(LocalDate.of(2026, 11, 10), LocalDate.of(2026, 11, 10), EvaluationUnit.DEPARTMENT,
                    EvaluationServiceTest.DISTRICT, Locale.CHINESE);
            Evaluation.Row roads = tuesday.rows().stream().filter(r -> r.unit().equals("roads")).findFirst().orElseThrow();
            assertThat(roads.get(Indicator.REPORTS)).as("X counted once, for roads, though reported before T").isEqualTo(1L);
            assertThat(roads.get(Indicator.REGISTERED)).isEqualTo(1L);
            assertThat(roads.get(Indicator.DISPATCHED)).as("X; Y's first dispatch was on Monday").isEqualTo(1L);
            Evaluation monday = evaluation.evaluate(LocalDate.of(2026, 11, 9), LocalDate.of(2026, 11, 9), EvaluationUnit.DEPARTMENT,
                    EvaluationServiceTest.DISTRICT, Locale.CHINESE);
            assertThat(monday.rows().stream().filter(r -> r.unit().equals("roads")).findFirst().orElseThrow().get(Indicator.REPORTS))
                    .as("Y's and W2's Monday moved to roads").isEqualTo(2L);
            Evaluation.Row water = monday.rows().stream().filter(r -> r.unit().equals(EvaluationHistory.DEPARTMENT)).findFirst().orElseThrow();
            assertThat(water.get(Indicator.REPORTS)).as("W1 stays water's; Y and W2 left it").isEqualTo(1L);
            assertThat(water.get(Indicator.P90_HANDLING_HOURS)).as("W1's 0.4 h: W2's 2 h left with W2").isEqualTo(0.4);
            Evaluation district = evaluation.evaluate(LocalDate.of(2026, 11, 10), LocalDate.of(2026, 11, 10), EvaluationUnit.DISTRICT,
                    EvaluationServiceTest.DISTRICT, Locale.CHINESE);
            assertThat(district.total().get(Indicator.REPORTS)).as("every report of the day once")
                    .isEqualTo(jdbc.sql("select count(*) from gl_case where reported_at >= :a and reported_at < :b")
                            .param("a", EvaluationHistory.t("2026-11-10T00:00").atOffset(java.time.ZoneOffset.UTC))
                            .param("b", EvaluationHistory.t("2026-11-11T00:00").atOffset(java.time.ZoneOffset.UTC))
                            .query(Long.class).single());
            // rolled up again at 11:30 (the earlier days of X and Y again too), then X handled after it
            loop.at(EvaluationHistory.t("2026-11-10T11:30"));
            rollup.catchUp();
            assertThat(rollup.state().rolledAsOf()).isEqualTo(EvaluationHistory.t("2026-11-10T11:29"));
            sameForAll.run();
            loop.at(EvaluationHistory.t("2026-11-10T14:00"));
            loop.complete(x, io.gridloop.process.CaseLoop.TASK_HANDLE, "sunli", java.util.Map.of("handleOutcome", "FEEDBACK", "feedback", "已修复"));
            loop.at(EvaluationHistory.t("2026-11-10T15:00"));
            sameForAll.run();
            // the night: Tuesday whole
            loop.at(EvaluationHistory.t("2026-11-11T00:30"));
            rollup.catchUp();
            assertThat(rollup.summarizedUntil(rollup.state(), rollup.weightsKey())).isEqualTo(LocalDate.of(2026, 11, 11));
            sameForAll.run();
            // days later without a roll-up since (X's and Y's handling due dates pass: overdue, not yet handled, now)
            loop.at(EvaluationHistory.t("2026-11-20T10:00"));
            for (LocalDate[] p : List.of(period("2026-11-09", "2026-11-20"), period("2025-11-21", "2026-11-20"), period("2026-11-20", "2026-11-20"))) {
                for (EvaluationUnit unit : EvaluationUnit.values()) {
                    for (AccessScope scope : who) {
                        same(evaluation, p, unit, scope);
                    }
                }
            }
            assertThat(evaluation.evaluate(LocalDate.of(2026, 11, 20), LocalDate.of(2026, 11, 20), EvaluationUnit.DISTRICT,
                    EvaluationServiceTest.DISTRICT, Locale.CHINESE).total().get(Indicator.OVERDUE_PENDING).longValue())
                    .as("Y and W2, dispatched to roads on Tuesday and not handled").isGreaterThanOrEqualTo(2L);
            fallingDueSinceT(loop, rollup, evaluation, jdbc, who, w[1], reports);
        } finally {
            loop.at(NOW);
        }
    }

    /**
     * Cases touched since T only because a step fell due since (no event of theirs): A dispatched to water, where nothing
     * else happens and nothing was overdue; B to roads, where Y and W2 were overdue and pending already and W2 is handled
     * after T; C, a citizen's report whose first step falls due (an overdue step, never overdue pending). Today rolled up
     * just before each due date, the evaluation read just after it.
     */
    private static void fallingDueSinceT(LoopDriver loop, EvaluationRollup rollup, EvaluationService evaluation, JdbcClient jdbc,
                                         List<AccessScope> who, long w2, ReportService reports) {
        loop.at(EvaluationHistory.t("2026-11-20T10:00"));
        // a self-resolved case, re-reported after T (11 m away), and one 1.1 km away that nobody reports again
        long resolved = 0;
        for (double lat : new double[] {39.9450, 39.9550}) {
            long id = reports.report(new io.gridloop.intake.Report(io.gridloop.casefile.Channel.GRID_WORKER, io.gridloop.casefile.Urgency.NORMAL,
                    null, "ILLEGAL_ADS", HonestHistory.G1, HonestHistory.LON, lat, "新街口外大街", "小广告", "市民甲", "13800000000", null, true,
                    List.of(new io.gridloop.intake.Report.Photo("before.png", LoopDriver.PNG)),
                    List.of(new io.gridloop.intake.Report.Photo("after.png", LoopDriver.PNG))), "wangwei").id();
            loop.complete(id, io.gridloop.process.CaseLoop.TASK_REGISTER, "lina", java.util.Map.of("registerDecision", "REGISTER"));
            resolved = resolved == 0 ? id : resolved;
        }
        long a = loop.reportByGridWorker("STREETLIGHT").id();
        long b = loop.reportByGridWorker("STREETLIGHT").id();
        for (long id : new long[] {a, b}) {
            loop.complete(id, io.gridloop.process.CaseLoop.TASK_REGISTER, "lina", java.util.Map.of("registerDecision", "REGISTER"));
            loop.complete(id, io.gridloop.process.CaseLoop.TASK_DISPATCH, "zhangmin", java.util.Map.of("department",
                    id == a ? EvaluationHistory.DEPARTMENT : "roads", "coDepartments", List.of()));
        }
        long c = loop.reportByCitizen("STREETLIGHT").id();
        java.util.function.LongFunction<java.time.Instant> due = id -> jdbc.sql(
                "select due_at from gl_step_fact where case_id = :id and finished_at is null and due_at is not null order by id")
                .param("id", id).query(java.time.OffsetDateTime.class).list().get(0).toInstant();
        assertThat(due.apply(a)).as("A and B dispatched together, due together").isEqualTo(due.apply(b));
        List<long[]> rounds = new java.util.ArrayList<>(List.of(new long[] {c}, new long[] {a, b}));
        rounds.sort(java.util.Comparator.comparing(r -> due.apply(r[0])));
        java.time.Instant written = EvaluationHistory.t("2026-11-20T10:00");
        for (long[] round : rounds) {
            java.time.Instant at = due.apply(round[0]);
            java.time.ZoneId zone = java.time.ZoneId.of("Asia/Shanghai");
            java.time.Instant rolled = at.minus(java.time.Duration.ofMinutes(10));
            loop.at(rolled.isAfter(written.plusSeconds(120)) ? rolled : written.plusSeconds(120));
            rollup.catchUp();
            java.time.Instant t = rollup.state().rolledAsOf();
            if (round.length == 2) {
                // an event in roads after T: W2 handled
                assertThat(at.minus(java.time.Duration.ofMinutes(5))).isAfter(t);
                loop.at(at.minus(java.time.Duration.ofMinutes(5)));
                loop.complete(w2, io.gridloop.process.CaseLoop.TASK_HANDLE, "sunli",
                        java.util.Map.of("handleOutcome", "FEEDBACK", "feedback", "已修复"));
                // the self-resolved case's place reported again by a citizen
                reports.report(new io.gridloop.intake.Report(io.gridloop.casefile.Channel.CITIZEN, io.gridloop.casefile.Urgency.NORMAL, null,
                        "ILLEGAL_ADS", HonestHistory.G1, HonestHistory.LON, 39.9451, "新街口外大街", "又有小广告", "市民乙", "13800000001", null,
                        false, List.of(), List.of()), "lina");
            }
            java.time.Instant now = at.plus(java.time.Duration.ofMinutes(10));
            loop.at(now);
            LocalDate today = now.atZone(zone).toLocalDate();
            assertThat(t.atZone(zone).toLocalDate()).as("T and the due date on one day").isEqualTo(today);
            assertThat(rollup.summarizedAsOf(rollup.state(), rollup.weightsKey())).isEqualTo(t);
            List<Long> fellDueOnly = jdbc.sql("select c.id from gl_case c where " + EvaluationRollup.FELL_DUE_ONLY)
                    .param("start", t.atOffset(java.time.ZoneOffset.UTC))
                    .param("end", now.plus(java.time.Duration.ofDays(1)).atOffset(java.time.ZoneOffset.UTC))
                    .param("dueEnd", now.atOffset(java.time.ZoneOffset.UTC)).query(Long.class).list();
            assertThat(fellDueOnly).as("touched since T only by a due date").contains(java.util.Arrays.stream(round).boxed().toArray(Long[]::new));
            assertThat(fellDueOnly).as("W2 had an event").doesNotContain(w2);
            for (LocalDate[] p : List.of(period(today.toString(), today.toString()), period(today.withDayOfMonth(1).toString(), today.toString()),
                    period(today.minusYears(1).plusDays(1).toString(), today.toString()))) {
                for (EvaluationUnit unit : EvaluationUnit.values()) {
                    for (AccessScope scope : who) {
                        same(evaluation, p, unit, scope);
                    }
                }
            }
            if (round.length == 2) {
                Evaluation byDepartment = evaluation.evaluate(today, today, EvaluationUnit.DEPARTMENT, EvaluationServiceTest.DISTRICT,
                        Locale.CHINESE);
                assertThat(byDepartment.rows().stream().filter(r -> r.unit().equals(EvaluationHistory.DEPARTMENT)).findFirst().orElseThrow()
                        .get(Indicator.OVERDUE_PENDING).longValue()).as("A, fallen due since T").isGreaterThanOrEqualTo(1L);
                assertThat(evaluation.evaluate(today, today, EvaluationUnit.DISTRICT, EvaluationServiceTest.DISTRICT, Locale.CHINESE).total()
                        .get(Indicator.RE_REPORTED).longValue()).as("the self-resolved case near the citizen's report, not the far one").isEqualTo(1L);
            }
        }
    }

    @Autowired
    io.gridloop.citizen.CitizenRatings ratings;

    /** After the roll-ups of November: earlier days corrected case by case between two few-minute roll-ups. */
    @Test
    @Order(101)
    void betweenTwoRollUpsTheEarlierDaysOfTheCasesTouchedAreCorrectedCaseByCase() {
        earlierDaysCorrectedCaseByCase(loop, rollup, evaluation, jdbc, scopes, reports, cases, ratings);
    }

    /**
     * Between two few-minute roll-ups, cases with counts on earlier days are touched: P (reported on Thursday 26 November,
     * dispatched to water, its handling overdue since Tuesday) returned and dispatched to roads; X (registered on Wednesday)
     * dispatched to roads; W (handled by water on Tuesday, water's longest that day, then its check failed) returned and
     * dispatched to roads; R given an extension; H put on hold; Q filed after its callback; C rated by its citizen and
     * filed; M merged into R. The second roll-up corrects the earlier days of P, X and W case by case and rolls no day up
     * again whole; every unit kind over a day, a month, this month to today and a year then gives what the rules give
     * live, for the district, a street's official and the water department; and the summaries are those rolled up from
     * scratch, row by row.
     */
    static void earlierDaysCorrectedCaseByCase(LoopDriver loop, EvaluationRollup rollup, EvaluationService evaluation, JdbcClient jdbc,
                                               AccessScopes scopes, ReportService reports, CaseFileService cases,
                                               io.gridloop.citizen.CitizenRatings ratings) {
        List<AccessScope> who = List.of(EvaluationServiceTest.DISTRICT, scopes.ofUser("hejun"), scopes.of("zhaolei", List.of("dept-water")));
        List<LocalDate[]> periods = List.of(
                period("2026-11-26", "2026-11-26"),      // a day: P's report, moved to roads
                period("2026-11-01", "2026-11-30"),      // a month
                period("2026-12-01", "2026-12-03"),      // this month to today: W's handling and P's overdue step moved
                period("2025-12-04", "2026-12-03"));     // a year ending today
        Runnable sameForAll = () -> {
            for (LocalDate[] p : periods) {
                for (EvaluationUnit unit : EvaluationUnit.values()) {
                    for (AccessScope scope : who) {
                        same(evaluation, p, unit, scope);
                    }
                }
            }
        };
        String water = EvaluationHistory.DEPARTMENT;
        java.util.function.Function<String, Map<String, Object>> dispatchTo = d -> Map.of("department", d, "coDepartments", List.of());
        Map<String, Object> feedback = Map.of("handleOutcome", "FEEDBACK", "feedback", "已修复");
        Map<String, Object> giveBack = Map.of("handleOutcome", "RETURN", "returnReason", "需先断电");
        Map<String, Object> register = Map.of("registerDecision", "REGISTER");
        try {
            // Thursday 26 November: P dispatched to water, handling due Tuesday 1 December 09:20
            loop.at(EvaluationHistory.t("2026-11-26T09:00"));
            long p = loop.reportByGridWorker("STREETLIGHT").id();
            loop.complete(p, CaseLoop.TASK_REGISTER, "lina", register);
            loop.at(EvaluationHistory.t("2026-11-26T09:20"));
            loop.complete(p, CaseLoop.TASK_DISPATCH, "zhangmin", dispatchTo.apply(water));
            // Monday 30: Q (a citizen's, called back) and C (a citizen's with an e-mail, who rates) dispatched to water
            loop.at(EvaluationHistory.t("2026-11-30T09:00"));
            long q = loop.reportByCitizen("STREETLIGHT").id();
            CaseRecord c0 = reports.reportFromPublic(new Report(Channel.CITIZEN, Urgency.NORMAL, null, "STREETLIGHT", null, 116.3745,
                    39.9275, null, "路灯不亮", "李四", null, "lisi@example.org", false, List.of()), CitizenReports.DOOR);
            long c = c0.id();
            String checker = "S03".equals(c0.streetCode()) ? "lihua" : "wangwei";
            loop.at(EvaluationHistory.t("2026-11-30T09:10"));
            loop.complete(q, CaseLoop.TASK_VERIFY, "wangwei", Map.of("verifyResult", "CONFIRMED"));
            loop.complete(c, CaseLoop.TASK_VERIFY, checker, Map.of("verifyResult", "CONFIRMED"));
            loop.at(EvaluationHistory.t("2026-11-30T09:20"));
            loop.complete(q, CaseLoop.TASK_REGISTER, "lina", register);
            loop.complete(c, CaseLoop.TASK_REGISTER, "lina", register);
            loop.at(EvaluationHistory.t("2026-11-30T09:30"));
            loop.complete(q, CaseLoop.TASK_DISPATCH, "zhangmin", dispatchTo.apply(water));
            loop.complete(c, CaseLoop.TASK_DISPATCH, "zhangmin", dispatchTo.apply(water));
            // Tuesday 1 December: R, H, W1 and W dispatched to water; W1 handled in 0.4 working hours, W in 2 (water's
            // longest that day), W's check fails
            loop.at(EvaluationHistory.t("2026-12-01T09:00"));
            long r = loop.reportByGridWorker("STREETLIGHT").id();
            long h = loop.reportByGridWorker("STREETLIGHT").id();
            long w1 = loop.reportByGridWorker("STREETLIGHT").id();
            long w = loop.reportByGridWorker("STREETLIGHT").id();
            for (long id : new long[] {r, h, w1, w}) {
                loop.complete(id, CaseLoop.TASK_REGISTER, "lina", register);
                loop.complete(id, CaseLoop.TASK_DISPATCH, "zhangmin", dispatchTo.apply(water));
            }
            loop.at(EvaluationHistory.t("2026-12-01T09:24"));
            loop.complete(w1, CaseLoop.TASK_HANDLE, EvaluationHistory.HANDLER, feedback);
            loop.at(EvaluationHistory.t("2026-12-01T11:00"));
            loop.complete(w, CaseLoop.TASK_HANDLE, EvaluationHistory.HANDLER, feedback);
            loop.at(EvaluationHistory.t("2026-12-01T11:30"));
            loop.complete(w, CaseLoop.TASK_CHECK, "wangwei", Map.of("checkResult", "FAILED", "comment", "仍不亮"));
            // Wednesday 2: X registered (not dispatched), M reported and verified; Q and C handled and checked
            loop.at(EvaluationHistory.t("2026-12-02T09:00"));
            long x = loop.reportByGridWorker("STREETLIGHT").id();
            loop.complete(x, CaseLoop.TASK_REGISTER, "lina", register);
            long m = loop.reportByCitizen("STREETLIGHT").id();
            loop.complete(m, CaseLoop.TASK_VERIFY, "wangwei", Map.of("verifyResult", "CONFIRMED"));
            loop.at(EvaluationHistory.t("2026-12-02T10:00"));
            loop.complete(q, CaseLoop.TASK_HANDLE, EvaluationHistory.HANDLER, feedback);
            loop.complete(c, CaseLoop.TASK_HANDLE, EvaluationHistory.HANDLER, feedback);
            loop.at(EvaluationHistory.t("2026-12-02T10:30"));
            loop.complete(q, CaseLoop.TASK_CHECK, "wangwei", Map.of("checkResult", "PASSED"));
            loop.complete(c, CaseLoop.TASK_CHECK, checker, Map.of("checkResult", "PASSED"));

            // Thursday 3: the night's roll-up, a report, the roll-up of today at 10:00 (as of 09:59)
            loop.at(EvaluationHistory.t("2026-12-03T00:30"));
            rollup.catchUp();
            assertThat(rollup.earlierDays().daysWhole()).as("the night's: the days it rolled up were read after these events").isZero();
            loop.at(EvaluationHistory.t("2026-12-03T09:00"));
            loop.reportByCitizen("STREETLIGHT");
            loop.at(EvaluationHistory.t("2026-12-03T10:00"));
            rollup.catchUp();
            assertThat(rollup.earlierDays()).isEqualTo(new EvaluationRollup.EarlierDays(0, 0, 0));

            // between two roll-ups
            loop.at(EvaluationHistory.t("2026-12-03T10:30"));
            loop.complete(p, CaseLoop.TASK_HANDLE, EvaluationHistory.HANDLER, giveBack);
            loop.complete(p, CaseLoop.TASK_DISPATCH, "zhangmin", dispatchTo.apply("roads"));
            loop.complete(x, CaseLoop.TASK_DISPATCH, "zhangmin", dispatchTo.apply("roads"));
            loop.complete(w, CaseLoop.TASK_HANDLE, EvaluationHistory.HANDLER, giveBack);
            loop.complete(w, CaseLoop.TASK_DISPATCH, "zhangmin", dispatchTo.apply("roads"));
            loop.complete(r, CaseLoop.TASK_HANDLE, EvaluationHistory.HANDLER,
                    Map.of("handleOutcome", "EXTENSION", "extensionDays", 2, "extensionReason", "等待灯具"));
            loop.complete(r, CaseLoop.TASK_APPROVE_EXTENSION, "zhoujie", Map.of("extensionDecision", "APPROVED", "approvedDays", 2));
            loop.complete(h, CaseLoop.TASK_HANDLE, EvaluationHistory.HANDLER, Map.of("handleOutcome", "HOLD", "holdReason", "需整体更换线路"));
            loop.complete(h, CaseLoop.TASK_APPROVE_HOLD, "zhoujie", Map.of("holdDecision", "APPROVED"));
            loop.complete(q, CaseLoop.TASK_CALLBACK, "lina", Map.of("satisfaction", "SATISFIED"));
            ratings.rate(cases.get(c), "BASICALLY_SATISFIED", "修得挺快", io.gridloop.citizen.CitizenRatings.Via.TRACK);
            loop.complete(m, CaseLoop.TASK_REGISTER, "lina", Map.of("registerDecision", "DUPLICATE",
                    "duplicateOf", cases.get(r).caseNumber()));
            loop.reportByGridWorker("STREETLIGHT");
            assertThat(cases.get(q).status()).isEqualTo(io.gridloop.casefile.CaseStatus.FILED);
            assertThat(cases.get(c).status()).isEqualTo(io.gridloop.casefile.CaseStatus.FILED);
            assertThat(cases.get(m).status()).isEqualTo(io.gridloop.casefile.CaseStatus.MERGED);

            loop.at(EvaluationHistory.t("2026-12-03T11:00"));
            rollup.catchUp();
            assertThat(rollup.state().rolledAsOf()).isEqualTo(EvaluationHistory.t("2026-12-03T10:59"));
            EvaluationRollup.EarlierDays earlier = rollup.earlierDays();
            assertThat(earlier.daysWhole()).as("no earlier day rolled up again whole").isZero();
            assertThat(earlier.cases()).as("P, X and W moved counts to roads; the others' earlier days are as they were").isEqualTo(3);
            assertThat(earlier.rows()).isPositive();
            sameForAll.run();

            Evaluation thursday = evaluation.evaluate(LocalDate.of(2026, 11, 26), LocalDate.of(2026, 11, 26), EvaluationUnit.DEPARTMENT,
                    EvaluationServiceTest.DISTRICT, Locale.CHINESE);
            assertThat(row(thursday, "roads").get(Indicator.REPORTS)).as("P's report moved to roads").isEqualTo(1L);
            assertThat(thursday.rows().stream().filter(e -> e.unit().equals(water)).mapToLong(e -> e.get(Indicator.REPORTS).longValue())
                    .sum()).as("and left water").isZero();
            Evaluation tuesday = evaluation.evaluate(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 1), EvaluationUnit.DEPARTMENT,
                    EvaluationServiceTest.DISTRICT, Locale.CHINESE);
            assertThat(row(tuesday, water).get(Indicator.P90_HANDLING_HOURS)).as("W1's 0.4 h: W's 2 h, water's longest, left with W")
                    .isEqualTo(0.4);
            assertThat(row(tuesday, "roads").get(Indicator.P90_HANDLING_HOURS)).isEqualTo(2.0);
            assertThat(row(tuesday, "roads").get(Indicator.OVERDUE_STEPS)).as("P's handling, due that day").isEqualTo(1L);
            assertThat(row(tuesday, water).get(Indicator.OVERDUE_STEPS)).as("W1's check (4 h), still to do; not P's").isEqualTo(1L);

            // the summaries corrected case by case are those rolled up from scratch
            List<Map<String, Object>> corrected = summaryRows(jdbc);
            rollup.rebuild();
            assertThat(summaryRows(jdbc)).isEqualTo(corrected);

            // where case by case cannot be exact, the day again whole: rows that did not hold what the last roll-up counted
            // (roads' Wednesday row lost here), then a last roll-up that kept no state of the open cases (before V27)
            jdbc.sql("delete from gl_eval_summary where grain = 'D' and on_day = :d and unit_kind = 'DEPARTMENT' and unit_code = 'roads'")
                    .param("d", LocalDate.of(2026, 12, 2)).update();
            loop.at(EvaluationHistory.t("2026-12-03T11:10"));
            loop.complete(x, CaseLoop.TASK_HANDLE, "sunli", giveBack);
            loop.complete(x, CaseLoop.TASK_DISPATCH, "zhangmin", dispatchTo.apply(water));
            loop.at(EvaluationHistory.t("2026-12-03T11:20"));
            rollup.catchUp();
            assertThat(rollup.earlierDays()).as("X's Wednesday: taken out of roads' row, which was not there")
                    .isEqualTo(new EvaluationRollup.EarlierDays(1, 0, 1));
            sameForAll.run();
            jdbc.sql("update gl_eval_rollup_state set rolled_as_of = null where id = 1").update();
            loop.at(EvaluationHistory.t("2026-12-03T11:30"));
            rollup.catchUp();
            assertThat(rollup.earlierDays().daysWhole()).as("every earlier day of the cases touched today").isPositive();
            assertThat(rollup.earlierDays().rows()).isZero();
            sameForAll.run();
            List<Map<String, Object>> again = summaryRows(jdbc);
            rollup.rebuild();
            assertThat(summaryRows(jdbc)).isEqualTo(again);
        } finally {
            loop.at(NOW);
        }
    }

    private static Evaluation.Row row(Evaluation e, String unit) {
        return e.rows().stream().filter(r -> r.unit().equals(unit)).findFirst().orElseThrow(() -> new AssertionError("no row " + unit));
    }

    /** Every summary row (the reports weighted to a millionth: sums in another order), in one order. */
    private static List<Map<String, Object>> summaryRows(JdbcClient jdbc) {
        return jdbc.sql("select * from gl_eval_summary order by grain, on_day, unit_kind, unit_code").query().listOfRows().stream()
                .map(r -> {
                    Map<String, Object> m = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                    r.forEach((k, v) -> m.put(k, k.equalsIgnoreCase("weighted_reports") ? Math.round(((Number) v).doubleValue() * 1e6)
                            : v instanceof Number n && !(v instanceof java.math.BigDecimal) ? n.longValue() : v));
                    return m;
                }).toList();
    }

    private void same(LocalDate[] p, EvaluationUnit unit, AccessScope scope) {
        same(evaluation, p, unit, scope);
    }

    /** The evaluation from the summaries equals the one read live, row by row, every figure and every count. */
    static void same(EvaluationService evaluation, LocalDate[] p, EvaluationUnit unit, AccessScope scope) {
        Evaluation summed;
        try {
            summed = evaluation.evaluate(p[0], p[1], unit, scope, Locale.CHINESE);
        } catch (EvaluationRequestException e) {
            return;
        }
        Evaluation live = evaluation.evaluateLive(p[0], p[1], unit, scope, Locale.CHINESE);
        String what = "%s to %s by %s for %s".formatted(p[0], p[1], unit, scope.userId());
        assertThat(summed.rows().stream().map(Evaluation.Row::asMap).toList()).as(what)
                .isEqualTo(live.rows().stream().map(Evaluation.Row::asMap).toList());
        assertThat(summed.total().asMap()).as(what).isEqualTo(live.total().asMap());
        // the counts behind the rates too
        for (int i = 0; i < live.rows().size(); i++) {
            assertThat(summed.rows().get(i).figures()).as(what + " " + live.rows().get(i).unit()).isEqualTo(live.rows().get(i).figures());
        }
    }
}
