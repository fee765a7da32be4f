package io.gridloop.intake;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import io.gridloop.casefile.CaseFileService;
import io.gridloop.casefile.CaseRecord;
import io.gridloop.casefile.CaseStatus;
import io.gridloop.casefile.Channel;
import io.gridloop.casefile.Urgency;
import io.gridloop.grid.ReferenceData;
import io.gridloop.support.GridLoopTest;
import io.gridloop.support.KaribuUi;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The report page at the hotline: the caller's phone or an explicit anonymity, the caller's earlier cases and the open
 * cases near the place shown before the case is created, and a call answered on the phone (即办) filed at once.
 */
@GridLoopTest
class HotlineReportViewTest {

    @Autowired
    ApplicationContext ctx;
    @Autowired
    ReportService reports;
    @Autowired
    ReferenceData reference;
    @Autowired
    CaseFileService cases;
    @Autowired
    io.gridloop.casefile.CaseTimeline caseTimeline;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void signOut() {
        KaribuUi.signOut();
    }

    private ReportView open() {
        KaribuUi.signIn(ctx, "lina");
        UI.getCurrent().navigate(ReportView.class);
        ReportView view = _get(ReportView.class);
        assertThat(view.channel.getValue()).isEqualTo(Channel.HOTLINE);
        return view;
    }

    @Test
    void theOperatorSeesTheCallersEarlierCasesAndTheOpenCasesNearThePlaceBeforeCreatingOne() {
        CaseRecord earlier = reports.report(new Report(Channel.HOTLINE, Urgency.NORMAL, null, "ROAD_DAMAGE", "S01C03G02", null, null,
                null, "上次反映的路面坑洼", "赵先生", "137 0000 4444", null, false, List.of()), "lina");
        CaseRecord near = reports.report(new Report(Channel.GRID_WORKER, Urgency.NORMAL, null, "TREE_FALLEN", null, 116.3442, 39.9142,
                null, "行道树倾斜", null, null, null, false, List.of()), "wangwei");
        ReportView view = open();
        view.reporterPhone.setValue("13700004444");
        assertThat(view.callerHistory.getElement().getTextRecursively()).contains(earlier.caseNumber(), "上次反映的路面坑洼");
        view.map.pick(116.3443, 39.9141);
        assertThat(view.nearby.getElement().getTextRecursively()).contains(near.caseNumber(), "行道树倾斜", "米");
        view.reporterPhone.setValue("13700009999");
        assertThat(view.callerHistory.getElement().getTextRecursively()).doesNotContain(earlier.caseNumber());
    }

    @Test
    void withoutAPhoneOrAnonymityTheCallIsRefusedOnThePhoneFieldAndAnAnsweredCallIsFiledAtOnce() {
        ReportView view = open();
        view.subcategory.setValue(reference.subcategory("STREETLIGHT").orElseThrow());
        view.grid.setValue(reference.grid("S01C01G02").orElseThrow());
        view.description.setValue("咨询路灯报修电话");
        long before = jdbc.sql("select count(*) from gl_case").query(Long.class).single();
        view.submit.click();
        assertThat(view.reporterPhone.isInvalid()).isTrue();
        assertThat(view.reporterPhone.getErrorMessage()).contains("来电人匿名");
        assertThat(jdbc.sql("select count(*) from gl_case").query(Long.class).single()).isEqualTo(before);

        assertThat(view.answer.isVisible()).isFalse();
        view.callerAnonymous.setValue(true);
        view.answeredOnCall.setValue(true);
        assertThat(view.answer.isVisible()).isTrue();
        view.answer.setValue("已告知 12345 转城管热线报修");
        view.submit.click();
        CaseRecord filed = jdbc.sql("select id from gl_case order by id desc limit 1").query(Long.class).optional()
                .map(cases::get).orElseThrow();
        assertThat(filed.description()).isEqualTo("咨询路灯报修电话");
        assertThat(filed.status()).isEqualTo(CaseStatus.ANSWERED_ON_CALL);
        assertThat(filed.reporterPhone()).isNull();
        assertThat(caseTimeline.timeline(filed.id())).anySatisfy(e -> assertThat(e.comment()).isEqualTo("已告知 12345 转城管热线报修"));
    }
}
