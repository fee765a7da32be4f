package io.gridloop.notify;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Anchor;
import io.gridloop.casefile.CaseRecord;
import io.gridloop.support.GridLoopTest;
import io.gridloop.support.KaribuUi;
import io.gridloop.support.LoopDriver;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** 消息: each row says what the message says, in the official's language, with its case link beside it. */
@GridLoopTest
class MessagesViewTest {

    @Autowired
    ApplicationContext ctx;
    @Autowired
    LoopDriver loop;
    @Autowired
    Outbox outbox;
    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactions;

    @AfterEach
    void signOut() {
        KaribuUi.signOut();
    }

    @Test
    void aRowShowsTheBodyInOneLanguageAndALinkToTheCase() {
        CaseRecord c = loop.reportByGridWorker("MANHOLE");
        Outbox.About about = new Outbox.About(c.caseNumber(), c.streetCode(), c.gridCode(), c.departmentCode(), c.coDepartments(),
                c.reportedBy());
        // as the engine queues it, inside its transaction
        Integer queued = new org.springframework.transaction.support.TransactionTemplate(transactions).execute(tx ->
                outbox.toUsers("test:" + UUID.randomUUID(), List.of("zhangmin"), about, "mail.extension", c.caseNumber(), "同意"));
        assertThat(queued).isEqualTo(1);

        KaribuUi.signIn(ctx, "zhangmin");
        UI.getCurrent().navigate(MessagesView.class);
        MessagesView view = _get(MessagesView.class);
        List<OutboxMessage> rows = GridKt._fetch(view.grid, 0, 500);
        int row = rows.indexOf(rows.stream().filter(m -> m.subject().contains(c.caseNumber())).findFirst().orElseThrow());

        String text = GridKt._getCellComponent(view.grid, row, "message").getElement().getTextRecursively();
        assertThat(text).contains("案件 " + c.caseNumber() + " 的延期申请已同意。")
                .as("one language, no raw link").doesNotContain("English", "http");
        Anchor link = (Anchor) GridKt._getCellComponent(view.grid, row, "case");
        assertThat(link.getHref()).endsWith("/case/" + c.caseNumber());
    }
}
