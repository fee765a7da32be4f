package io.gridloop.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridloop.casefile.CaseFileService;
import io.gridloop.intake.ReportService;
import io.gridloop.support.LoopDriver;
import io.gridloop.support.PostgresConfiguration;
import java.sql.Connection;
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

/** The same hand-made history and the same figures on PostgreSQL (time zones, booleans and the join read alike). */
@Tag("postgres")
@SpringBootTest
@ActiveProfiles("test")
@Import({PostgresConfiguration.class, LoopDriver.class})
@DirtiesContext
class EvaluationOnPostgresTest {

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
    DataSource dataSource;

    @AfterEach
    void clock() {
        loop.resetClock();
    }

    @Test
    void theHistoryGivesTheSameFiguresOnPostgres() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
        }
        new EvaluationHistory(loop, reports, cases, runtime, jdbc).drive();
        loop.resetClock();
        Evaluation district = evaluation.evaluate(EvaluationServiceTest.OCT_1, EvaluationServiceTest.OCT_31, EvaluationUnit.DISTRICT,
                EvaluationServiceTest.DISTRICT, Locale.CHINESE);
        EvaluationHistory.expectOctober(district.rows().get(0));
        Evaluation departments = evaluation.evaluate(EvaluationServiceTest.OCT_1, EvaluationServiceTest.OCT_31,
                EvaluationUnit.DEPARTMENT, EvaluationServiceTest.DISTRICT, Locale.CHINESE);
        EvaluationHistory.expectOctoberOfWater(departments.rows().stream()
                .filter(r -> r.unit().equals(EvaluationHistory.DEPARTMENT)).findFirst().orElseThrow());
    }
}
