package io.gridloop.casefile;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static io.gridloop.process.CaseLoop.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.RouteParameters;
import io.gridloop.support.GridLoopTest;
import io.gridloop.support.KaribuUi;
import io.gridloop.support.LoopDriver;
import io.gridloop.ui.Translations;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** The citizen's tracking page tells each step in plain words, what it means for them, and no official's name. */
@GridLoopTest
class TrackViewTest {

    @Autowired
    ApplicationContext ctx;
    @Autowired
    LoopDriver loop;

    @AfterEach
    void signOut() {
        KaribuUi.signOut();
    }

    private String track(CaseRecord c, Locale l) {
        KaribuUi.signOut();
        KaribuUi.anonymous(ctx);
        UI.getCurrent().setLocale(l);
        UI.getCurrent().navigate(TrackView.class, new RouteParameters("code", c.trackingCode()));
        return _get(TrackView.class).result.getElement().getTextRecursively();
    }

    @Test
    void eachStepInPlainWordsWithoutOfficialsNamesInBothLanguages() {
        CaseRecord c = loop.reportByGridWorker("MANHOLE");
        loop.complete(c.id(), TASK_REGISTER, "lina", Map.of("registerDecision", "REGISTER", "comment", "内部意见"));
        loop.complete(c.id(), TASK_DISPATCH, "zhangmin", Map.of("department", "water", "coDepartments", List.of()));
        String zh = track(c, Translations.CHINESE);
        assertThat(zh).contains("受理").contains("您的反映已受理").contains("立案").contains("派遣到水务局").contains("已交由水务局处理")
                .doesNotContain("已结案");

        loop.complete(c.id(), TASK_HANDLE, "zhaolei", Map.of("handleOutcome", "FEEDBACK", "feedback", "已更换井盖"));
        loop.complete(c.id(), TASK_CHECK, "wangwei", Map.of("checkResult", "PASSED"));
        zh = track(c, Translations.CHINESE);
        assertThat(zh).contains("处置完成").contains("核查通过").contains("已结案").contains("本案已办结归档");
        // no official, no comment, no code
        assertThat(zh).doesNotContain("王伟").doesNotContain("李娜").doesNotContain("wangwei").doesNotContain("内部意见")
                .doesNotContain("已更换井盖").doesNotContain("water").doesNotContain("办理");

        String en = track(c, Translations.ENGLISH);
        assertThat(en).contains("Received").contains("Registered").contains("Sent to").contains("Handled")
                .contains("Checked: solved").contains("Closed").doesNotContain("受理").doesNotContain("派遣");
    }

    @Test
    void theOfficialsBookkeepingStaysOut() {
        CaseRecord c = loop.reportByGridWorker("MANHOLE");
        ctx.getBean(io.gridloop.casefile.CaseTimeline.class).addTimeline(c.id(), "system", "REGISTER", io.gridloop.casefile.TimelineAction.WARNING, null, null, null, List.of());
        String zh = track(c, Translations.CHINESE);
        assertThat(zh).contains("受理").doesNotContain("预警");
    }
}
