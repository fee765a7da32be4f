package io.gridloop.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridloop.casefile.CaseFileService;
import io.gridloop.intake.ReportService;
import io.gridloop.security.AccessScope;
import io.gridloop.security.AccessScopes;
import io.gridloop.support.LoopDriver;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
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
