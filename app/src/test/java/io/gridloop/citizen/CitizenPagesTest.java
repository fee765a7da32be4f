package io.gridloop.citizen;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.RouteParameters;
import io.gridloop.casefile.CaseFileService;
import io.gridloop.process.CaseLoop;
import io.gridloop.casefile.CaseRecord;
import io.gridloop.casefile.CaseStatus;
import io.gridloop.casefile.Channel;
import io.gridloop.casefile.TrackView;
import io.gridloop.casefile.Urgency;
import io.gridloop.grid.ReferenceData;
import io.gridloop.intake.Report;
import io.gridloop.intake.ReportService;
import io.gridloop.security.LoginView;
import io.gridloop.support.GridLoopTest;
import io.gridloop.support.KaribuUi;
import io.gridloop.support.LoopDriver;
import io.gridloop.ui.Translations;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The citizens' pages without signing in (browserless): the report page, the tracking page's rating and the mailed link. */
@GridLoopTest
class CitizenPagesTest {

    @Autowired
    ApplicationContext ctx;
    @Autowired
    HumanCheck check;
    @Autowired
    CitizenLimits limits;
    @Autowired
    CaseFileService cases;
    @Autowired
    ReferenceData reference;
    @Autowired
    ReportService reports;
    @Autowired
    CitizenRatings ratings;
    @Autowired
    LoopDriver loop;
    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void citizen() {
        limits.forgetAll();
        KaribuUi.anonymous(ctx);
    }

    @AfterEach
    void leave() {
        KaribuUi.signOut();
    }

    @Test
    void aCitizenReportsWithoutSigningInAndGetsTheTrackingCode() {
        UI.getCurrent().navigate(CitizenReportView.class);
        assertThat(_find(LoginView.class)).as("no sign-in").isEmpty();
        CitizenReportView view = _get(CitizenReportView.class);
        view.subcategory.setValue(reference.subcategory("MANHOLE").orElseThrow());
        // a place of its own: near an open manhole case of another test this report would join that case
        view.map.pick(116.3655, 39.9025);
        assertThat(view.place.getText()).startsWith("已选位置");
        view.description.setValue("井盖缺失");
        view.phone.setValue("13800000002");

        String firstToken = view.checkToken;
        view.checkAnswer.setValue(HumanCheckSolver.wrong(check, firstToken));
        long before = jdbc.sql("select count(*) from gl_case").query(Long.class).single();
        view.submit.click();
        assertThat(view.error.isVisible()).isTrue();
        assertThat(view.error.getText()).contains("算式结果不对");
        assertThat(view.checkAnswer.isInvalid()).isTrue();
        assertThat(view.checkToken).as("a new sum after a wrong answer").isNotEqualTo(firstToken);
        assertThat(jdbc.sql("select count(*) from gl_case").query(Long.class).single()).isEqualTo(before);

        view.checkAnswer.setValue(HumanCheckSolver.solve(check, view.checkToken));
        view.submit.click();
        assertThat(view.receipt.isVisible()).isTrue();
        String code = _get(Span.class, s -> s.withId("receipt-code")).getText();
        CaseRecord c = cases.findByTrackingCode(code).orElseThrow();
        assertThat(c.channel()).isEqualTo(Channel.CITIZEN);
        assertThat(c.status()).isEqualTo(CaseStatus.VERIFYING);
        assertThat(view.receipt.getElement().getTextRecursively()).contains(c.caseNumber());
    }

    @Test
    void nearAnOpenCaseOfTheSameKindTheCitizenIsToldItIsAlreadyHandledAndFollowsThatCase() {
        double lng = 116.3610;
        double lat = 39.9025;
        CaseRecord open = reports.reportFromPublic(new Report(Channel.CITIZEN, Urgency.NORMAL, null, "MANHOLE", null, lng, lat, null,
                "井盖缺失", null, null, null, false, List.of()), CitizenReports.DOOR);
        loop.complete(open.id(), CaseLoop.TASK_VERIFY, "S03".equals(open.streetCode()) ? "lihua" : "wangwei",
                Map.of("verifyResult", "CONFIRMED"));
        loop.complete(open.id(), CaseLoop.TASK_REGISTER, "lina", Map.of("registerDecision", "REGISTER"));

        UI.getCurrent().navigate(CitizenReportView.class);
        CitizenReportView view = _get(CitizenReportView.class);
        view.subcategory.setValue(reference.subcategory("MANHOLE").orElseThrow());
        view.map.pick(lng + 0.0002, lat + 0.0001);
        view.description.setValue("路口的井盖不见了");
        view.email.setValue("joined@example.org");
        view.checkAnswer.setValue(HumanCheckSolver.solve(check, view.checkToken));
        view.submit.click();

        assertThat(view.receipt.isVisible()).isTrue();
        assertThat(view.receipt.getElement().getTextRecursively()).contains("这个问题已经在办理").contains(open.caseNumber());
        String code = _get(Span.class, s -> s.withId("receipt-code")).getText();
        CaseRecord mine = cases.findByTrackingCode(code).orElseThrow();
        assertThat(mine.status()).isEqualTo(CaseStatus.MERGED);
        assertThat(cases.mergedInto(open.caseNumber())).as("added to its reporters").extracting(CaseRecord::id)
                .containsExactly(mine.id());
        com.vaadin.flow.component.html.Anchor follow = _get(com.vaadin.flow.component.html.Anchor.class, s -> s.withId("receipt-track"));
        assertThat(follow.getText()).contains(open.caseNumber());
        assertThat(follow.getHref()).isEqualTo("track/" + mine.trackingCode());

        // the citizen's own code follows the open case: its progress, never its code or its reporter's rating form
        UI.getCurrent().navigate(TrackView.class, new RouteParameters("code", mine.trackingCode()));
        String joined = _get(com.vaadin.flow.component.html.Div.class, s -> s.withId("track-joined")).getElement().getTextRecursively();
        assertThat(joined).contains(open.caseNumber()).contains("已并入").contains("立案").contains("现场核实:属实");
        String page = _get(TrackView.class).getElement().getTextRecursively();
        assertThat(page).doesNotContain(open.trackingCode());
        assertThat(_find(RatingForm.class)).isEmpty();

        // a case of its own reported by a citizen has no such panel
        UI.getCurrent().navigate(TrackView.class, new RouteParameters("code", open.trackingCode()));
        assertThat(_find(com.vaadin.flow.component.html.Div.class, s -> s.withId("track-joined"))).isEmpty();
    }

    @Test
    void withoutAPlaceTheFieldsSayWhatIsMissing() {
        UI.getCurrent().navigate(CitizenReportView.class);
        CitizenReportView view = _get(CitizenReportView.class);
        view.checkAnswer.setValue(HumanCheckSolver.solve(check, view.checkToken));
        view.submit.click();
        assertThat(view.error.getText()).contains("请在地图上点选位置");
        assertThat(view.address.isInvalid()).isTrue();
        view.map.pick(116.3745, 39.9275);
        view.checkAnswer.setValue(HumanCheckSolver.solve(check, view.checkToken));
        view.submit.click();
        assertThat(view.error.getText()).contains("请选择问题类别").contains("请填写问题描述".substring(0, 2));
        assertThat(view.subcategory.isInvalid()).isTrue();
        assertThat(view.description.isInvalid()).isTrue();
        assertThat(view.receipt.isVisible()).isFalse();
    }

    @Test
    void thePageSpeaksEnglishAfterTheSwitch() {
        UI.getCurrent().setLocale(Translations.ENGLISH);
        UI.getCurrent().navigate(CitizenReportView.class);
        CitizenReportView view = _get(CitizenReportView.class);
        assertThat(view.submit.getText()).isEqualTo("Send the report");
        assertThat(view.subcategory.getItemLabelGenerator().apply(reference.subcategory("MANHOLE").orElseThrow()))
                .doesNotContain("井盖");
    }

    private CaseRecord awaitingRating() {
        CaseRecord c = reports.reportFromPublic(new Report(Channel.CITIZEN, Urgency.NORMAL, null, "STREETLIGHT", null, 116.3745,
                39.9275, null, "路灯不亮", null, null, "page@example.org", false, List.of()), CitizenReports.DOOR);
        String worker = "S03".equals(c.streetCode()) ? "lihua" : "wangwei";
        loop.complete(c.id(), CaseLoop.TASK_VERIFY, worker, Map.of("verifyResult", "CONFIRMED"));
        loop.complete(c.id(), CaseLoop.TASK_REGISTER, "lina", Map.of("registerDecision", "REGISTER"));
        loop.complete(c.id(), CaseLoop.TASK_DISPATCH, "zhangmin", Map.of("department", "roads", "coDepartments", List.of()));
        loop.complete(c.id(), CaseLoop.TASK_HANDLE, "sunli", Map.of("handleOutcome", "FEEDBACK", "feedback", "已修复"));
        loop.complete(c.id(), CaseLoop.TASK_CHECK, worker, Map.of("checkResult", "PASSED"));
        return cases.get(c.id());
    }

    @Test
    void theTrackingPageTakesTheRatingOnce() {
        CaseRecord c = awaitingRating();
        UI.getCurrent().navigate(TrackView.class, new RouteParameters("code", c.trackingCode()));
        RatingForm form = _get(RatingForm.class);
        form.rating.setValue("DISSATISFIED");
        form.send.click();
        assertThat(form.error.getText()).contains("不满意时请说明原因");
        form.comment.setValue("路灯还是不亮");
        form.send.click();
        assertThat(_get(Paragraph.class, s -> s.withId("rating-done")).getText()).contains("感谢");
        assertThat(cases.get(c.id()).status()).as("with the dispatcher's review").isEqualTo(CaseStatus.CALLBACK);
        assertThat(cases.get(c.id()).candidateGroup()).isEqualTo("dispatcher");

        UI.getCurrent().navigate(TrackView.class, new RouteParameters("code", c.trackingCode()));
        assertThat(_find(RatingForm.class)).isEmpty();
        assertThat(_get(Paragraph.class, s -> s.withId("rating-given")).getText()).contains("不满意");
    }

    @Test
    void theMailedLinkOpensTheFormAndWorksOnce() {
        CaseRecord c = awaitingRating();
        String link = jdbc.sql("select link from gl_outbox where event_key = :e").param("e", "rate:" + c.id()).query(String.class).single();
        String token = link.substring(link.indexOf("/rate/") + 6);
        UI.getCurrent().navigate(RateView.class, new RouteParameters("token", token));
        RatingForm form = _get(RatingForm.class);
        form.rating.setValue("SATISFIED");
        form.send.click();
        assertThat(cases.get(c.id()).status()).isEqualTo(CaseStatus.FILED);

        UI.getCurrent().navigate(RateView.class, new RouteParameters("token", token));
        assertThat(_find(RatingForm.class)).isEmpty();
        assertThat(_get(Paragraph.class, s -> s.withId("rating-refused")).getText()).contains("已评价过");
        UI.getCurrent().navigate(RateView.class, new RouteParameters("token", token.substring(0, token.length() - 2)));
        assertThat(_get(Paragraph.class, s -> s.withId("rating-refused")).getText()).contains("无效或已过期");
    }
}
