package io.gridloop.inbox;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static io.gridloop.process.CaseLoop.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.router.RouteParameters;
import io.gridloop.casefile.CaseRecord;
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

/** Two officials of a group on the same task: the second one, a moment late, is told so and keeps what he typed. */
@GridLoopTest
class TaskGoneTest {

    @Autowired
    ApplicationContext ctx;
    @Autowired
    LoopDriver loop;

    @AfterEach
    void signOut() {
        KaribuUi.signOut();
    }

    @Test
    void theLateOfficialIsToldKeepsHisTextReadOnlyAndGetsTheRefreshedInbox() {
        CaseRecord c = loop.reportByGridWorker("STREETLIGHT");
        loop.complete(c.id(), TASK_REGISTER, "lina", Map.of("registerDecision", "REGISTER"));
        loop.complete(c.id(), TASK_DISPATCH, "zhangmin", Map.of("department", "citymgmt", "coDepartments", List.of()));
        String taskId = loop.task(c.id(), TASK_HANDLE).taskId();

        KaribuUi.signIn(ctx, "liuyang");
        UI.getCurrent().navigate(TaskView.class, new RouteParameters("taskId", taskId));
        TaskView task = _get(TaskView.class);
        @SuppressWarnings("unchecked")
        RadioButtonGroup<FormField.Option> outcome = (RadioButtonGroup<FormField.Option>) task.form.field("handleOutcome");
        outcome.setValue(outcome.getListDataView().getItems().filter(o -> o.value().equals("FEEDBACK")).findFirst().orElseThrow());
        @SuppressWarnings("unchecked")
        HasValue<?, String> feedback = (HasValue<?, String>) task.form.field("feedback");
        feedback.setValue("已更换灯泡,线路检查正常");

        // chenjing, of the same department, completes it first
        loop.complete(c.id(), TASK_HANDLE, "chenjing", Map.of("handleOutcome", "FEEDBACK", "feedback", "已修复"));

        task.submit.click();
        Div gone = _get(Div.class, s -> s.withId("task-gone"));
        assertThat(gone.getElement().getTextRecursively()).contains("已由他人办理完毕");
        assertThat(feedback.getValue()).as("what he typed is still there").isEqualTo("已更换灯泡,线路检查正常");
        assertThat(feedback.isReadOnly()).as("to read and copy, not to send").isTrue();
        assertThat(task.submit.isEnabled()).isFalse();
        _get(TaskView.class);

        _get(gone, Button.class).click();
        InboxView inbox = _get(InboxView.class);
        assertThat(com.github.mvysny.kaributesting.v10.GridKt._fetch(inbox.grid, 0, 500))
                .noneMatch(t -> t.taskId().equals(taskId));
    }
}
