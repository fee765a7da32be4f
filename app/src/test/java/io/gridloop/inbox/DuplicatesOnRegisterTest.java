package io.gridloop.inbox;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static io.gridloop.process.CaseLoop.TASK_CALLBACK;
import static io.gridloop.process.CaseLoop.TASK_CHECK;
import static io.gridloop.process.CaseLoop.TASK_DISPATCH;
import static io.gridloop.process.CaseLoop.TASK_HANDLE;
import static io.gridloop.process.CaseLoop.TASK_REGISTER;
import static io.gridloop.process.CaseLoop.TASK_VERIFY;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.router.RouteParameters;
import io.gridloop.casefile.CaseFileService;
import io.gridloop.casefile.CaseRecord;
import io.gridloop.casefile.CaseStatus;
import io.gridloop.casefile.Channel;
import io.gridloop.casefile.Urgency;
import io.gridloop.intake.Report;
import io.gridloop.intake.ReportService;
import io.gridloop.support.GridLoopTest;
import io.gridloop.support.KaribuUi;
import io.gridloop.support.LoopDriver;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The registration (立案) task shows the report's likely duplicates beside its form, photos side by side and the points on
 * a map, and merges into one in one click; the callback of a hotline case shows the number to call.
 */
@GridLoopTest
class DuplicatesOnRegisterTest {

    @Autowired
    ApplicationContext ctx;
    @Autowired
    LoopDriver loop;
    @Autowired
    ReportService reports;
    @Autowired
    CaseFileService cases;

    @AfterEach
    void signOut() {
        KaribuUi.signOut();
    }

    private CaseRecord at(double lng, double lat, String description) {
        return reports.report(new Report(Channel.GRID_WORKER, Urgency.NORMAL, null, "ILLEGAL_ADS", null, lng, lat, null, description,
                null, null, null, false, List.of(new Report.Photo("before.png", LoopDriver.PNG))), "wangwei");
    }

    @Test
    void theIntakeOperatorSeesTheLikelyDuplicatesWithPhotosAndAMapAndMergesInOneClick() {
        CaseRecord earlier = at(116.3445, 39.9105, "电线杆上贴满小广告");
        CaseRecord report = at(116.3447, 39.9106, "电线杆小广告很多");
        String taskId = loop.task(report.id(), TASK_REGISTER).taskId();

        KaribuUi.signIn(ctx, "lina");
        UI.getCurrent().navigate(TaskView.class, new RouteParameters("taskId", taskId));
        Div panel = _get(Div.class, s -> s.withId("duplicates"));
        String text = panel.getElement().getTextRecursively();
        assertThat(text).contains(earlier.caseNumber(), "相距", "米", "描述相似度", "电线杆上贴满小广告");
        _get(panel, Div.class, s -> s.withId("duplicates-map"));
        assertThat(_find(panel, Image.class)).as("the photos of both, side by side").hasSizeGreaterThanOrEqualTo(2);

        _get(panel, Button.class, s -> s.withId("merge-" + earlier.caseNumber())).click();
        CaseRecord merged = cases.get(report.id());
        assertThat(merged.status()).isEqualTo(CaseStatus.MERGED);
        assertThat(merged.mergedInto()).isEqualTo(earlier.caseNumber());
        _get(InboxView.class);
    }

    @Test
    void aReportWithoutDuplicatesSaysSo() {
        CaseRecord lonely = at(116.3535, 39.9055, "墙上小广告");
        KaribuUi.signIn(ctx, "lina");
        UI.getCurrent().navigate(TaskView.class, new RouteParameters("taskId", loop.task(lonely.id(), TASK_REGISTER).taskId()));
        assertThat(_get(Div.class, s -> s.withId("duplicates")).getElement().getTextRecursively()).contains("附近没有同类在办案件");
    }

    private String callbackTask(String phone, Boolean anonymous) {
        CaseRecord c = reports.report(new Report(Channel.HOTLINE, Urgency.NORMAL, null, "STREETLIGHT", "S01C01G03", null, null, null,
                "路灯不亮", "刘先生", phone, null, false, List.of(), anonymous, null), "lina");
        loop.complete(c.id(), TASK_VERIFY, "wangwei", Map.of("verifyResult", "CONFIRMED"));
        loop.complete(c.id(), TASK_REGISTER, "lina", Map.of("registerDecision", "REGISTER"));
        loop.complete(c.id(), TASK_DISPATCH, "zhangmin", Map.of("department", "roads", "coDepartments", List.of()));
        loop.complete(c.id(), TASK_HANDLE, "sunli", Map.of("handleOutcome", "FEEDBACK", "feedback", "已修复"));
        loop.complete(c.id(), TASK_CHECK, "wangwei", Map.of("checkResult", "PASSED"));
        return loop.task(c.id(), TASK_CALLBACK).taskId();
    }

    @Test
    void theCallbackOfAHotlineCaseIsByPhoneAndShowsTheNumberToCall() {
        String withPhone = callbackTask("139-1111-3333", null);
        String anonymous = callbackTask(null, true);
        KaribuUi.signIn(ctx, "lina");
        UI.getCurrent().navigate(TaskView.class, new RouteParameters("taskId", withPhone));
        Div panel = _get(Div.class, s -> s.withId("callback-phone"));
        assertThat(panel.getElement().getTextRecursively()).contains("电话回访", "刘先生", "139-1111-3333");
        assertThat(_get(panel, Anchor.class).getHref()).isEqualTo("tel:13911113333");

        UI.getCurrent().navigate(TaskView.class, new RouteParameters("taskId", anonymous));
        assertThat(_get(Div.class, s -> s.withId("callback-phone")).getElement().getTextRecursively()).contains("匿名来电", "未联系上");
    }
}
