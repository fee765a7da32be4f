package io.gridloop.casefile;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static io.gridloop.process.CaseLoop.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Image;
import io.gridloop.inbox.InboxTask;
import io.gridloop.inbox.Submission;
import io.gridloop.inbox.TimeLeft;
import io.gridloop.intake.Report;
import io.gridloop.intake.ReportService;
import io.gridloop.support.GridLoopTest;
import io.gridloop.support.KaribuUi;
import io.gridloop.support.LoopDriver;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** The case page without a browser: due date and time left, the timeline by name, photos before and after, the map. */
@GridLoopTest
class CaseViewTest {

    @Autowired
    ApplicationContext ctx;
    @Autowired
    LoopDriver loop;
    @Autowired
    ReportService reports;
    @Autowired
    Clock clock;
    @Autowired
    io.gridloop.deadline.WorkingTime workingTime;

    @AfterEach
    void signOut() {
        KaribuUi.signOut();
    }

    @Test
    void theCasePageShowsTimeLeftNamesPhotosSideBySideAndTheMap() {
        Report r = LoopDriver.report(Channel.GRID_WORKER, "ROAD_DAMAGE", "S01C01G01");
        r = new Report(r.channel(), r.urgency(), null, r.subcategoryCode(), r.gridCode(), null, null, r.address(), "路面塌陷一处",
                null, null, null, false, List.of(new Report.Photo("before.png", LoopDriver.PNG)));
        CaseRecord c = reports.report(r, "wangwei");
        loop.complete(c.id(), TASK_REGISTER, "lina", Map.of("registerDecision", "REGISTER"));
        loop.complete(c.id(), TASK_DISPATCH, "zhangmin", Map.of("department", "roads", "coDepartments", List.of()));
        loop.complete(c.id(), TASK_HANDLE, "sunli", new Submission(Map.of("handleOutcome", "FEEDBACK", "feedback", "已修补路面",
                "comment", "沥青冷补"), Map.of("afterPhotos", List.of(new Submission.UploadedFile("after.png", LoopDriver.PNG)))));

        KaribuUi.signIn(ctx, "zhangmin");
        UI.getCurrent().navigate("case/" + c.caseNumber());
        CaseView view = _get(CaseView.class);

        CaseRecord now = loop.caseFile(c.id());
        InboxTask check = loop.task(c.id(), TASK_CHECK);
        String left = TimeLeft.describe(check, OffsetDateTime.now(clock), workingTime, (k, a) -> view.getTranslation(k, a));
        assertThat(left).as("the inbox's own words").contains("后到期");
        assertThat(_get(Div.class, s -> s.withId("case-due")).getElement().getTextRecursively())
                .as("the due date with the time left, as the inbox row says it").contains(left);

        String timeline = _get(Div.class, s -> s.withId("case-timeline")).getElement().getTextRecursively();
        assertThat(timeline).as("who, by name").contains("王伟", "李娜", "张敏", "孙丽").doesNotContain("wangwei", "sunli");

        assertThat(_find(_get(Div.class, s -> s.withId("photos-before")), Image.class)).as("the report's photo").hasSize(1)
                .allSatisfy(i -> assertThat(i.getAlt()).hasValue("before.png"));
        assertThat(_find(_get(Div.class, s -> s.withId("photos-after")), Image.class)).as("the handling's photo").hasSize(1)
                .allSatisfy(i -> assertThat(i.getAlt()).hasValue("after.png"));

        CaseMap map = _get(CaseMap.class);
        assertThat(map.getElement().getAttribute("data-grid")).isEqualTo(now.gridCode());
    }

    @Autowired
    CaseFileService cases;

    /** The callback operator reads how to reach a hotline caller who gave a phone but no name, or that there is none. */
    @Test
    void theCallerIsReachableWithoutANameOrSaidToBeAnonymous() {
        CaseRecord phoneOnly = cases.open(new NewCase(Channel.HOTLINE, Urgency.NORMAL, "PUBLIC_FACILITY", "STREETLIGHT", "COMPONENT",
                "S01C01G01", "S01C01", "S01", "路灯不亮", null, null, null, null, "13900001111", null, "lina", false));
        CaseRecord anonymous = cases.open(new NewCase(Channel.HOTLINE, Urgency.NORMAL, "PUBLIC_FACILITY", "STREETLIGHT", "COMPONENT",
                "S01C01G01", "S01C01", "S01", "路灯不亮", null, null, null, null, null, null, "lina", false));

        KaribuUi.signIn(ctx, "wangwei");
        UI.getCurrent().navigate("case/" + phoneOnly.caseNumber());
        assertThat(_get(Div.class, s -> s.withId("case-caller")).getElement().getTextRecursively())
                .contains("13900001111", "未留姓名");
        UI.getCurrent().navigate("case/" + anonymous.caseNumber());
        assertThat(_get(Div.class, s -> s.withId("case-caller")).getElement().getTextRecursively())
                .contains("匿名反映,未留联系方式");
    }
}
