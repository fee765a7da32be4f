package io.gridloop.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridloop.deadline.Supervision;
import io.gridloop.intake.ReportService;
import io.gridloop.support.LoopDriver;
import io.gridloop.support.PostgresConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/** The board's figures on PostgreSQL, where V26's partial indexes over the open cases serve its queries. */
@Tag("postgres")
@SpringBootTest
@ActiveProfiles("test")
@Import({PostgresConfiguration.class, LoopDriver.class})
@DirtiesContext
class BoardOnPostgresTest {

    @Autowired
    LoopDriver loop;
    @Autowired
    ReportService reports;
    @Autowired
    BoardService boards;
    @Autowired
    Supervision supervision;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void clock() {
        loop.resetClock();
    }

    @Test
    void daysOverdueAndTheHighestOrderOnPostgres() {
        assertThat(jdbc.sql("select indexname from pg_indexes where indexdef like '% WHERE %' and tablename like 'gl\\_%'")
                .query(String.class).list())
                .contains("gl_case_open_grid_idx", "gl_case_open_board_idx", "gl_supervision_open_case_idx", "gl_supervision_case_level_idx");
        BoardServiceTest.daysOverdue(loop, reports, boards, supervision, "S03C03G02");
    }
}
