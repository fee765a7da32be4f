package io.gridloop.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridloop.casefile.CaseRecord;
import io.gridloop.casefile.Channel;
import io.gridloop.casefile.Urgency;
import io.gridloop.intake.Report;
import io.gridloop.intake.ReportService;
import io.gridloop.process.CaseFiled;
import io.gridloop.process.CaseNotConfirmed;
import io.gridloop.support.GridLoopTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The process module's events reach notify inside the publisher's transaction: the reporter's mail is queued when the
 * engine's transaction commits and gone when it rolls back.
 */
@GridLoopTest
class ReporterMailTest {

    @Autowired
    ReportService reports;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactions;
    @Autowired
    JdbcClient jdbc;

    private long queued(String eventKey) {
        return jdbc.sql("select count(*) from gl_outbox where event_key = :k").param("k", eventKey).query(Long.class).single();
    }

    @Test
    void theMailJoinsTheTransactionThatPublishedTheEvent() {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        CaseRecord c = reports.report(new Report(Channel.HOTLINE, Urgency.NORMAL, null, "STREETLIGHT", "S03C01G02", null, null, null,
                "路灯不亮", "王先生", "13900000000", "wang@example.cn", false, List.of()), "lina");

        tx.executeWithoutResult(status -> {
            events.publishEvent(new CaseFiled(c.id()));
            assertThat(queued("filed:" + c.id())).as("queued inside the transaction").isEqualTo(1);
            status.setRollbackOnly();
        });
        assertThat(queued("filed:" + c.id())).as("rolled back with it").isZero();

        tx.executeWithoutResult(status -> events.publishEvent(new CaseNotConfirmed(c.id(), "路灯完好")));
        assertThat(queued("notConfirmed:" + c.id())).isEqualTo(1);
    }
}
