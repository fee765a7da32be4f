package io.gridloop.inbox;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static io.gridloop.process.CaseLoop.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.router.RouteParameters;
import io.gridloop.casefile.CaseRecord;
import io.gridloop.casefile.CaseStatus;
import io.gridloop.forms.FormField;
import io.gridloop.support.GridLoopTest;
import io.gridloop.support.KaribuUi;
import io.gridloop.support.LoopDriver;
import io.gridloop.ui.Translations;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** The task forms where an official used to retype or guess: prefilled days, the co-department picker, a return's reason. */
@GridLoopTest
class TaskFormsTest {

    @Autowired
    ApplicationContext ctx;
    @Autowired
    LoopDriver loop;

    @AfterEach
    void signOut() {
        KaribuUi.signOut();
    }

    private CaseRecord dispatched() {
        CaseRecord c = loop.reportByGridWorker("ROAD_DAMAGE");
        loop.complete(c.id(), TASK_REGISTER, "lina", Map.of("registerDecision", "REGISTER"));
        loop.complete(c.id(), TASK_DISPATCH, "zhangmin", Map.of("department", "roads", "coDepartments", List.of()));
        return c;
    }

    private TaskView open(String user, long caseId, String taskKey) {
        KaribuUi.signIn(ctx, user);
        UI.getCurrent().navigate(TaskView.class, new RouteParameters("taskId", loop.task(caseId, taskKey).taskId()));
        return _get(TaskView.class);
    }

    @Test
    void theExtensionApprovalStartsWithTheDaysRequested() {
        CaseRecord c = dispatched();
        loop.complete(c.id(), TASK_HANDLE, "sunli", Map.of("handleOutcome", "EXTENSION", "extensionDays", 4, "extensionReason", "等待材料"));

        TaskView task = open("zhoujie", c.id(), TASK_APPROVE_EXTENSION);
        NumberField days = (NumberField) task.form.field("approvedDays");
        assertThat(days.getValue()).isEqualTo(4.0);
        // granting what was asked is one choice and the button
        assertThat(task.form.values()).doesNotContainKey("approvedDays"); // hidden until approved
        @SuppressWarnings("unchecked")
        var decision = (com.vaadin.flow.component.radiobutton.RadioButtonGroup<FormField.Option>) task.form.field("extensionDecision");
        decision.setValue(decision.getListDataView().getItems().filter(o -> o.value().equals("APPROVED")).findFirst().orElseThrow());
        assertThat(task.form.values()).containsEntry("approvedDays", 4L);
        task.submit.click();
        assertThat(loop.caseFile(c.id()).status()).isEqualTo(CaseStatus.HANDLING);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theCoDepartmentPickerLeavesOutTheLeadAndTheServerRefusesIt() {
        CaseRecord c = loop.reportByGridWorker("ROAD_DAMAGE");
        loop.complete(c.id(), TASK_REGISTER, "lina", Map.of("registerDecision", "REGISTER"));

        TaskView task = open("zhangmin", c.id(), TASK_DISPATCH);
        ComboBox<FormField.Option> lead = (ComboBox<FormField.Option>) task.form.field("department");
        MultiSelectComboBox<FormField.Option> co = (MultiSelectComboBox<FormField.Option>) task.form.field("coDepartments");
        assertThat(lead.getValue().value()).isEqualTo("roads");
        assertThat(co.getListDataView().getItems().map(FormField.Option::value)).doesNotContain("roads").contains("police", "water");

        co.setValue(Set.copyOf(co.getListDataView().getItems().filter(o -> o.value().equals("police")).toList()));
        lead.setValue(lead.getListDataView().getItems().filter(o -> o.value().equals("police")).findFirst().orElseThrow());
        // the new lead leaves the picker, and with it the choice that named it
        assertThat(co.getListDataView().getItems().map(FormField.Option::value)).doesNotContain("police").contains("roads");
        assertThat(co.getValue()).isEmpty();

        // a hand-made submission that names the lead among its co-departments is refused, nothing saved
        InboxService inbox = ctx.getBean(InboxService.class);
        String taskId = loop.task(c.id(), TASK_DISPATCH).taskId();
        assertThatThrownBy(() -> inbox.complete(taskId, "zhangmin", loop.groups("zhangmin"),
                new Submission(Map.of("department", "roads", "coDepartments", List.of("roads", "police")), Map.of())))
                .isInstanceOfSatisfying(FormInvalidException.class, e -> assertThat(e.errors())
                        .anySatisfy(err -> assertThat(err.field()).isEqualTo("coDepartments")));
        assertThat(loop.caseFile(c.id()).status()).isEqualTo(CaseStatus.DISPATCHING);
        // the lead with another co-department goes through
        inbox.complete(taskId, "zhangmin", loop.groups("zhangmin"),
                new Submission(Map.of("department", "roads", "coDepartments", List.of("police")), Map.of()));
        assertThat(loop.caseFile(c.id()).coDepartments()).containsExactly("police");
    }

    @Test
    void aReturnedCaseShowsWhyAtTheTopOfTheDispatchersForm() {
        CaseRecord c = dispatched();
        loop.complete(c.id(), TASK_HANDLE, "sunli", Map.of("handleOutcome", "RETURN", "returnReason", "不属于市政职责,应由水务处置"));

        TaskView task = open("zhangmin", c.id(), TASK_DISPATCH);
        Div note = (Div) _get(task, Div.class, spec -> spec.withId("task-returned"));
        String text = note.getElement().getTextRecursively();
        assertThat(text).contains("不属于市政职责,应由水务处置").contains("孙丽").doesNotContain("sunli");
        // above the form, not only at the far end of the timeline
        var left = note.getParent().orElseThrow();
        assertThat(left.getChildren().toList().indexOf(note)).isLessThan(left.getChildren().toList().indexOf(task.form));

        UI.getCurrent().setLocale(Translations.ENGLISH);
        UI.getCurrent().navigate(TaskView.class, new RouteParameters("taskId", loop.task(c.id(), TASK_DISPATCH).taskId()));
        assertThat(_get(Div.class, spec -> spec.withId("task-returned")).getElement().getTextRecursively()).contains("Reason for returning");

        // dispatched again and handled on: the next dispatcher's form has no stale note
        loop.complete(c.id(), TASK_DISPATCH, "zhangmin", Map.of("department", "water", "coDepartments", List.of()));
        assertThat(loop.caseFile(c.id()).status()).isEqualTo(CaseStatus.HANDLING);
        KaribuUi.signOut();
        CaseRecord fresh = loop.reportByGridWorker("ROAD_DAMAGE");
        loop.complete(fresh.id(), TASK_REGISTER, "lina", Map.of("registerDecision", "REGISTER"));
        open("zhangmin", fresh.id(), TASK_DISPATCH);
        assertThat(_find(Div.class, spec -> spec.withId("task-returned"))).isEmpty();
    }
}
