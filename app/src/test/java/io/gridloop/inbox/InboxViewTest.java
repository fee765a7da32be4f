package io.gridloop.inbox;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static io.gridloop.process.CaseLoop.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.RouteParameters;
import io.gridloop.casefile.CaseRecord;
import io.gridloop.casefile.CaseStatus;
import io.gridloop.forms.FormField;
import io.gridloop.support.GridLoopTest;
import io.gridloop.support.KaribuUi;
import io.gridloop.support.LoopDriver;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** The inbox and task views without a browser: officials complete steps through the views as they would by hand. */
@GridLoopTest
class InboxViewTest {

    @Autowired
    ApplicationContext ctx;
    @Autowired
    LoopDriver loop;

    @AfterEach
    void signOut() {
        KaribuUi.signOut();
    }

    private List<InboxTask> rows(InboxView view) {
        return GridKt._fetch(view.grid, 0, 500);
    }

    @Test
    void dispatcherSeesTheCaseOpensItAndDispatchesWithTheSuggestedDepartment() {
        CaseRecord c = loop.reportByGridWorker("MANHOLE");
        loop.complete(c.id(), TASK_REGISTER, "lina", Map.of("registerDecision", "REGISTER"));

        KaribuUi.signIn(ctx, "zhangmin");
        UI.getCurrent().navigate(InboxView.class);
        InboxView inbox = _get(InboxView.class);
        InboxTask row = rows(inbox).stream().filter(t -> t.caseId() == c.id()).findFirst().orElseThrow();
        assertThat(row.taskKey()).isEqualTo(TASK_DISPATCH);

        UI.getCurrent().navigate(TaskView.class, new RouteParameters("taskId", row.taskId()));
        TaskView task = _get(TaskView.class);
        @SuppressWarnings("unchecked")
        ComboBox<FormField.Option> department = (ComboBox<FormField.Option>) task.form.field("department");
        assertThat(department.getValue().value()).as("prefilled from the routing table").isEqualTo("water");
        task.submit.click();

        _get(InboxView.class);
        CaseRecord after = loop.caseFile(c.id());
        assertThat(after.status()).isEqualTo(CaseStatus.HANDLING);
        assertThat(after.departmentCode()).isEqualTo("water");
    }

    /**
     * The filter bar opens folded, on a desk as on a phone, and its fields reach the browser only once it is opened; the
     * button says how many filters narrow the list while it is folded.
     */
    @Test
    void theFiltersOpenFoldedAndTheButtonCountsTheActiveOnes() {
        KaribuUi.signIn(ctx, "lina");
        UI.getCurrent().navigate(InboxView.class);
        InboxView inbox = _get(InboxView.class);
        assertThat(inbox.filters.isVisible()).as("folded when the inbox opens").isFalse();
        assertThat(inbox.filters.toggle().getText()).isEqualTo("筛选");

        inbox.filters.toggle().click();
        assertThat(inbox.filters.isVisible()).isTrue();
        inbox.filters.urgency.setValue("URGENT");
        inbox.filters.timeState.setValue(InboxTask.TimeState.OVERDUE);
        assertThat(inbox.filters.toggle().getText()).as("open: the fields show what is set").isEqualTo("筛选");
        inbox.filters.toggle().click();
        assertThat(inbox.filters.isVisible()).isFalse();
        assertThat(inbox.filters.toggle().getText()).as("folded: how many filters still narrow the list").isEqualTo("筛选 (2)");
        assertThat(inbox.query().urgency()).isEqualTo("URGENT");
    }

    @Test
    void handlerChoosesReturnAndTheReasonFieldAppearsAndIsRequired() {
        CaseRecord c = loop.reportByGridWorker("ROAD_DAMAGE");
        loop.complete(c.id(), TASK_REGISTER, "lina", Map.of("registerDecision", "REGISTER"));
        loop.complete(c.id(), TASK_DISPATCH, "zhangmin", Map.of("department", "roads", "coDepartments", List.of()));

        KaribuUi.signIn(ctx, "sunli");
        UI.getCurrent().navigate(TaskView.class, new RouteParameters("taskId", loop.task(c.id(), TASK_HANDLE).taskId()));
        TaskView task = _get(TaskView.class);
        @SuppressWarnings("unchecked")
        RadioButtonGroup<FormField.Option> outcome = (RadioButtonGroup<FormField.Option>) task.form.field("handleOutcome");
        TextArea reason = (TextArea) task.form.field("returnReason");
        assertThat(reason.getParent().orElseThrow().isVisible() && reason.isVisible()).isFalse();

        outcome.setValue(outcome.getListDataView().getItems().filter(o -> o.value().equals("RETURN")).findFirst().orElseThrow());
        assertThat(reason.isVisible()).isTrue();
        task.submit.click();
        assertThat(reason.isInvalid()).as("required on the server too").isTrue();
        assertThat(loop.caseFile(c.id()).status()).isEqualTo(CaseStatus.HANDLING);

        reason.setValue("不属于市政职责");
        task.submit.click();
        assertThat(loop.caseFile(c.id()).status()).isEqualTo(CaseStatus.DISPATCHING);
        assertThat(loop.caseFile(c.id()).returnCount()).isEqualTo(1);
    }

    @Test
    void aCaseHandledInStagesShowsItsCurrentStageOnTheHandlingForm() {
        CaseRecord staged = loop.reportByGridWorker("ILLEGAL_BUILDING");
        CaseRecord single = loop.reportByGridWorker("STREETLIGHT");
        for (CaseRecord c : List.of(staged, single)) {
            loop.complete(c.id(), TASK_REGISTER, "lina", Map.of("registerDecision", "REGISTER"));
            loop.complete(c.id(), TASK_DISPATCH, "zhangmin", Map.of("department", "citymgmt", "coDepartments", List.of()));
        }
        KaribuUi.signIn(ctx, "liuyang");
        UI.getCurrent().navigate(TaskView.class, new RouteParameters("taskId", loop.task(staged.id(), TASK_HANDLE).taskId()));
        assertThat(visibleFormTexts()).anySatisfy(t -> assertThat(t).contains("当前处置阶段 1/3:责令停止施工"));

        UI.getCurrent().navigate(TaskView.class, new RouteParameters("taskId", loop.task(single.id(), TASK_HANDLE).taskId()));
        assertThat(visibleFormTexts()).noneSatisfy(t -> assertThat(t).contains("当前处置阶段"));
    }

    private static List<String> visibleFormTexts() {
        return _find(com.vaadin.flow.component.html.Div.class).stream()
                .filter(d -> d.hasClassName("gl-form-text"))
                .filter(d -> com.github.mvysny.kaributesting.v10.BasicUtilsKt.isEffectivelyVisible(d))
                .map(d -> d.getElement().getOuterHTML()).toList();
    }

    @Test
    void navigationShowsEachRoleOnlyWhatItWorksWith() {
        KaribuUi.signIn(ctx, "wangwei");
        UI.getCurrent().navigate(InboxView.class);
        assertThat(_find(SideNavItem.class)).extracting(SideNavItem::getPath).containsExactly("", "report", "cases", "messages");
        KaribuUi.signOut();

        KaribuUi.signIn(ctx, "liuyang");
        UI.getCurrent().navigate(InboxView.class);
        // a handler reads the evaluation of their department
        assertThat(_find(SideNavItem.class)).extracting(SideNavItem::getPath).containsExactly("", "cases", "messages", "evaluation");
        KaribuUi.signOut();

        KaribuUi.signIn(ctx, "qianfeng");
        UI.getCurrent().navigate(InboxView.class);
        assertThat(_find(SideNavItem.class)).as("a street supervisor").extracting(SideNavItem::getPath)
                .containsExactly("", "cases", "supervision", "messages", "board", "evaluation");
        KaribuUi.signOut();

        KaribuUi.signIn(ctx, "liuyang");
        UI.getCurrent().navigate(InboxView.class);
        // and the report page itself refuses a handler
        // Karibu turns Vaadin's access-denied page into an error
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> {
            UI.getCurrent().navigate("report");
            _find(io.gridloop.intake.ReportView.class);
        }).hasStackTraceContaining("AccessDeniedException");
    }

    @Autowired
    org.camunda.bpm.engine.ManagementService management;

    /**
     * A row turns amber (预警) when its step's warning timer fires, at 80% of the limit in working time, not at 80% of
     * the calendar time to its due date: handling of three working days from Thursday 10:00 is due on Tuesday 10:00;
     * 80% of the calendar time falls on Monday 10:00, 80% of the working time on Monday 14:30.
     */
    @Test
    void aRowTurnsAmberExactlyWhenItsWarningTimerFires() {
        java.time.ZoneId zone = java.time.ZoneId.of("Asia/Shanghai");
        java.time.Instant thursday = java.time.ZonedDateTime.of(2026, 11, 26, 10, 0, 0, 0, zone).toInstant();
        java.time.Instant calendarShare = java.time.ZonedDateTime.of(2026, 11, 30, 10, 0, 0, 0, zone).toInstant();
        java.time.Instant workingShare = java.time.ZonedDateTime.of(2026, 11, 30, 14, 30, 0, 0, zone).toInstant();
        try {
            loop.at(thursday);
            CaseRecord c = loop.reportByGridWorker("STREETLIGHT");
            loop.complete(c.id(), TASK_REGISTER, "lina", Map.of("registerDecision", "REGISTER"));
            loop.complete(c.id(), TASK_DISPATCH, "zhangmin", Map.of("department", "roads", "coDepartments", List.of()));
            InboxTask handle = loop.task(c.id(), TASK_HANDLE);
            java.util.Date timer = management.createJobQuery().processInstanceId(c.processInstanceId()).activityId("Timer_HandleWarning")
                    .singleResult().getDuedate();
            assertThat(timer.toInstant()).as("the warning timer counts working time").isEqualTo(workingShare);
            assertThat(handle.warnAt().toInstant()).as("the row warns when the timer does").isEqualTo(timer.toInstant());

            KaribuUi.signIn(ctx, "sunli");
            loop.at(calendarShare.plusSeconds(3600));
            assertThat(loop.caseFile(c.id()).warning()).as("no warning yet at Monday 11:00").isFalse();
            assertThat(amber(c.id())).as("so no amber row either").isFalse();

            loop.at(workingShare.plusSeconds(60));
            assertThat(loop.caseFile(c.id()).warning()).as("the warning timer has fired").isTrue();
            assertThat(amber(c.id())).as("and the row is amber").isTrue();
        } finally {
            loop.resetClock();
        }
    }

    /** The row's colour and the WARNING filter of the inbox, as the official sees them now. */
    private boolean amber(long caseId) {
        UI.getCurrent().navigate(InboxView.class);
        InboxView view = _get(InboxView.class);
        InboxTask row = rows(view).stream().filter(t -> t.caseId() == caseId).findFirst().orElseThrow();
        boolean coloured = "gl-row-warning".equals(view.grid.getPartNameGenerator().apply(row));
        view.filters.timeState.setValue(InboxTask.TimeState.WARNING);
        boolean filtered = rows(view).stream().anyMatch(t -> t.caseId() == caseId);
        assertThat(filtered).as("the WARNING filter agrees with the colour").isEqualTo(coloured);
        return coloured;
    }
}
