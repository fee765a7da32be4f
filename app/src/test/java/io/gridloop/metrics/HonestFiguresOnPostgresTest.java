package io.gridloop.metrics;

import static io.gridloop.metrics.HonestHistory.SEP_1;
import static io.gridloop.metrics.HonestHistory.SEP_30;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridloop.intake.ReportService;
import io.gridloop.support.LoopDriver;
import io.gridloop.support.PostgresConfiguration;
import java.sql.Connection;
import java.time.YearMonth;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The honest figures' SQL on PostgreSQL (the scope filter, lists of subcategories, sums by case, time zones), and the
 * monthly report queued once when two nodes try at the same moment (the duplicate key rolls the second back).
 */
@Tag("postgres")
@SpringBootTest(properties = "gridloop.evaluation.re-report-meters=80")
@ActiveProfiles("test")
@Import({PostgresConfiguration.class, LoopDriver.class})
@DirtiesContext
class HonestFiguresOnPostgresTest {

    @Autowired
    LoopDriver loop;
    @Autowired
    ReportService reports;
    @Autowired
    EvaluationService evaluation;
    @Autowired
    DistrictProblems problems;
    @Autowired
    MonthlyReports monthly;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;

    @AfterEach
    void clock() {
        loop.resetClock();
    }

    @Test
    void theHistoryGivesTheSameHonestFiguresOnPostgresAndTheReportIsQueuedOnce() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
        }
        HonestHistory history = new HonestHistory(loop, reports);
        history.drive();
        loop.resetClock();
        HonestHistory.expectSeptember(evaluation.evaluate(SEP_1, SEP_30, EvaluationUnit.DISTRICT, EvaluationServiceTest.DISTRICT,
                Locale.CHINESE).total());
        HonestHistory.expectGridWorkers(evaluation.evaluate(SEP_1, SEP_30, EvaluationUnit.GRID_WORKER, EvaluationServiceTest.DISTRICT,
                Locale.CHINESE));
        history.expectProblems(problems.problems(SEP_1, SEP_30, EvaluationServiceTest.DISTRICT, Locale.CHINESE));

        loop.at(HonestHistory.t("2026-10-08T08:05"));
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> a = nodes.submit(() -> {
                start.await();
                return monthly.queueDue();
            });
            Future<Integer> b = nodes.submit(() -> {
                start.await();
                return monthly.queueDue();
            });
            start.countDown();
            assertThat(a.get() + b.get()).isEqualTo(1);
        } finally {
            nodes.shutdown();
        }
        assertThat(jdbc.sql("select count(*) from gl_outbox where event_key = 'monthly-report:2026-09' and file_key is not null")
                .query(Long.class).single()).isEqualTo(1L);
        assertThat(monthly.queue(YearMonth.of(2026, 9))).isZero();
    }
}
