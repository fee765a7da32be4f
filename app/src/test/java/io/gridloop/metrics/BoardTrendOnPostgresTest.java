package io.gridloop.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridloop.deadline.Supervision;
import io.gridloop.intake.ReportService;
import io.gridloop.support.LoopDriver;
import io.gridloop.support.PostgresConfiguration;
import java.sql.Connection;
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
 * The board's trend from its snapshot gives what the rule gives live on PostgreSQL too, the snapshot written by the
 * evaluation's catch-up under its lease (as after midnight and on start-up).
 */
@Tag("postgres")
@SpringBootTest
@ActiveProfiles("test")
@Import({PostgresConfiguration.class, LoopDriver.class})
@DirtiesContext
class BoardTrendOnPostgresTest {

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
    EvaluationRollup rollup;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;

    @AfterEach
    void clock() {
        loop.resetClock();
    }

    @Test
    void theSnapshotGivesWhatTheRuleGivesLiveOnPostgres() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
        }
        BoardTrendSnapshotTest.check(loop, reports, supervision, boards, snapshots, jdbc, () -> assertThat(rollup.catchUp()).isNotNegative());
    }
}
