package io.gridloop.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridloop.casefile.CaseFileService;
import io.gridloop.intake.ReportService;
import io.gridloop.support.LoopDriver;
import io.gridloop.support.PostgresConfiguration;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.Locale;
import javax.sql.DataSource;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/** The summaries give the figures read live on PostgreSQL too (dates, sums and the open cases' GROUP BY alike). */
@Tag("postgres")
@SpringBootTest
@ActiveProfiles("test")
@Import({PostgresConfiguration.class, LoopDriver.class})
@DirtiesContext
class EvaluationSummaryOnPostgresTest {

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
    DataSource dataSource;
    @Autowired
    io.gridloop.security.AccessScopes scopes;
    @Autowired
    io.gridloop.citizen.CitizenRatings ratings;

    @AfterEach
    void clock() {
        loop.resetClock();
    }

    @Test
    void theSummariesGiveWhatTheRulesGiveLiveOnPostgres() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
        }
        try {
            new HonestHistory(loop, reports).drive();
            new EvaluationHistory(loop, reports, cases, runtime, jdbc).drive();
        } finally {
            loop.at(EvaluationSummaryTest.NOW);
        }
        rollup.rebuild();
        assertThat(rollup.summarizedUntil(rollup.state(), rollup.weightsKey())).isEqualTo(LocalDate.of(2026, 11, 3));
        for (LocalDate[] p : EvaluationSummaryTest.PERIODS) {
            for (EvaluationUnit unit : EvaluationUnit.values()) {
                EvaluationSummaryTest.same(evaluation, p, unit, EvaluationServiceTest.DISTRICT);
            }
        }
        Evaluation october = evaluation.evaluate(EvaluationServiceTest.OCT_1, EvaluationServiceTest.OCT_31, EvaluationUnit.DEPARTMENT,
                EvaluationServiceTest.DISTRICT, Locale.CHINESE);
        EvaluationHistory.expectOctoberOfWater(october.rows().stream().filter(r -> r.unit().equals(EvaluationHistory.DEPARTMENT))
                .findFirst().orElseThrow());
        // today rolled up as of an instant, events after it, rolled up again, the night
        EvaluationSummaryTest.todayAsOfAnInstant(loop, rollup, evaluation, jdbc, scopes, reports);
        // earlier days corrected case by case between two roll-ups
        EvaluationSummaryTest.earlierDaysCorrectedCaseByCase(loop, rollup, evaluation, jdbc, scopes, reports, cases, ratings);
    }
}
