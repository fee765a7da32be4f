package io.gridloop.casefile;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.vaadin.flow.component.UI;
import io.gridloop.inbox.InboxView;
import io.gridloop.support.GridLoopTest;
import io.gridloop.support.KaribuUi;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** Case search and the inbox's jump box without a browser, scoped as every door is. */
@GridLoopTest
class CaseSearchViewTest {

    @Autowired
    ApplicationContext ctx;
    @Autowired
    CaseFileService cases;

    @AfterEach
    void signOut() {
        KaribuUi.signOut();
    }

    /** A case of grid S01C01G01 (wangwei's grid) straight in the case file: the search reads the file, not the engine. */
    private CaseRecord open(String description, String phone) {
        return cases.open(new NewCase(Channel.HOTLINE, Urgency.NORMAL, "PUBLIC_FACILITY", "STREETLIGHT", "COMPONENT", "S01C01G01", "S01C01",
                "S01", description, "西直门内大街 1 号", null, null, phone == null ? null : "张先生", phone, null, "lina", false));
    }

    @Test
    void theSearchCountsAllResultsPagesBeyondFiveHundredAndFindsByWordsAndCallerPhone() {
        String token = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 501; i++) {
            open("路灯不亮 " + token + " 第" + i + "盏", null);
        }
        CaseRecord called = open("夜间 " + token + " 施工噪音扰民", "139-1234-%04d".formatted(new java.util.Random().nextInt(10_000)));
        String phoneTail = called.reporterPhone().substring(called.reporterPhone().length() - 4);

        KaribuUi.signIn(ctx, "wangwei");
        UI.getCurrent().navigate(CaseSearchView.class);
        CaseSearchView view = _get(CaseSearchView.class);
        view.words.setValue(token);
        view.search();
        assertThat(view.found.getText()).isEqualTo("共 502 件");
        assertThat(GridKt._fetch(view.results, 500, 50)).as("the rows beyond the first 500 are there").hasSize(2);

        view.words.setValue("施工噪音 " + token);
        view.search();
        assertThat(view.found.getText()).as("every word, in any order").isEqualTo("共 1 件");
        assertThat(GridKt._fetch(view.results, 0, 50)).extracting(CaseRecord::caseNumber).containsExactly(called.caseNumber());

        view.words.clear();
        view.callerPhone.setValue(phoneTail);
        view.search();
        assertThat(GridKt._fetch(view.results, 0, 50)).extracting(CaseRecord::caseNumber).contains(called.caseNumber())
                .doesNotContain(open("别的 " + token, null).caseNumber());
        view.callerPhone.setValue("1391234" + phoneTail);
        view.search();
        assertThat(GridKt._fetch(view.results, 0, 50)).as("typed without the dashes")
                .extracting(CaseRecord::caseNumber).contains(called.caseNumber());

        view.words.setValue("100%");
        view.callerPhone.clear();
        view.search();
        assertThat(view.found.getText()).as("a typed % is a character, not a wildcard").isEqualTo("共 0 件");
        KaribuUi.signOut();

        KaribuUi.signIn(ctx, "sunli");
        UI.getCurrent().navigate(CaseSearchView.class);
        CaseSearchView roads = _get(CaseSearchView.class);
        roads.words.setValue(token);
        roads.search();
        assertThat(roads.found.getText()).as("a roads handler does not see the grid's undispatched cases").isEqualTo("共 0 件");
    }

    @Test
    void theInboxJumpsToACaseNumberTheOfficialSeesAndSaysNotFoundOtherwise() {
        CaseRecord c = open("井盖松动", null);

        KaribuUi.signIn(ctx, "wangwei");
        UI.getCurrent().navigate(InboxView.class);
        _get(InboxView.class);
        jumpBox().setValue(" " + c.caseNumber() + " ");
        _get(com.vaadin.flow.component.button.Button.class, spec -> spec.withId("jump-case-go")).click();
        assertThat(UI.getCurrent().getInternals().getActiveViewLocation().getPath()).isEqualTo("case/" + c.caseNumber());
        _get(CaseView.class);
        KaribuUi.signOut();

        KaribuUi.signIn(ctx, "sunli");
        UI.getCurrent().navigate(InboxView.class);
        _get(InboxView.class);
        jumpBox().setValue(c.caseNumber());
        _get(com.vaadin.flow.component.button.Button.class, spec -> spec.withId("jump-case-go")).click();
        _get(InboxView.class);
        NotificationsKt.expectNotifications("没有找到案件 " + c.caseNumber() + ",或您无权查看该案件");
    }

    private static com.vaadin.flow.component.textfield.TextField jumpBox() {
        return _get(com.vaadin.flow.component.textfield.TextField.class, spec -> spec.withId("jump-case"));
    }
}
