package io.gridloop.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaOutputParameter;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;

/** House rules of the model, checked on the file process owners edit in Modeler. */
class CaseLoopModelTest {

    // SubProcess_ for the joint handling, Boundary_ for a boundary event that is no timer (the lead's return)
    private static final Pattern MEANINGFUL = Pattern.compile("^(Task|Gateway|Start|End|Timer|Flow|SubProcess|Boundary)_[A-Z][A-Za-z]+$");
    private final BpmnModelInstance model = Bpmn.readModelFromFile(new File("../processes/caseLoop.bpmn"));

    @Test
    void everyElementHasAMeaningfulId() {
        Collection<FlowElement> elements = model.getModelElementsByType(FlowElement.class);
        assertThat(elements).hasSizeGreaterThan(50);
        assertThat(elements).allSatisfy(e -> assertThat(e.getId()).matches(MEANINGFUL));
    }

    @Test
    void everyUserTaskHasAGroupAFormAndADueDate() {
        for (UserTask t : model.getModelElementsByType(UserTask.class)) {
            assertThat(t.getCamundaCandidateGroups()).as(t.getId()).isNotBlank();
            assertThat(t.getCamundaFormRef()).as(t.getId()).isNotBlank();
            assertThat(Path.of("../forms", t.getCamundaFormRef() + ".form")).as(t.getId()).exists();
            boolean timed = !t.getId().equals(CaseLoop.TASK_ON_HOLD);
            if (!timed) {
                // a hold has no handling clock, but a review date: when it comes, a supervisor reviews the hold
                assertThat(t.getCamundaDueDate()).as(t.getId()).isEqualTo("${holdReviewLimit}");
                assertThat(model.getModelElementsByType(BoundaryEvent.class).stream().filter(b -> b.getAttachedTo() == t))
                        .extracting(BaseElement::getId).containsExactly("Timer_OnHoldReview");
            }
            if (timed) {
                assertThat(t.getCamundaDueDate()).as(t.getId()).isNotBlank();
                List<BoundaryEvent> timers = model.getModelElementsByType(BoundaryEvent.class).stream()
                        .filter(b -> b.getAttachedTo() == t).toList();
                String timer = t.getId().replace("Task_", "Timer_");
                List<String> expected = new java.util.ArrayList<>(List.of(timer + "Warning", timer + "Overdue"));
                if (t.getId().equals(CaseLoop.TASK_HANDLE) || t.getId().equals(CaseLoop.TASK_CO_HANDLE)) {
                    // a department's overdue work escalates
                    expected.addAll(List.of(timer + "Supervision", timer + "DistrictSupervision", timer + "Notice"));
                }
                assertThat(timers).as(t.getId() + " warns and turns overdue").extracting(BaseElement::getId)
                        .containsExactlyInAnyOrderElementsOf(expected);
            }
        }
    }

    @Test
    void javaIsReachedOnlyThroughNamedBeans() throws Exception {
        String xml = Files.readString(Path.of("../processes/caseLoop.bpmn"));
        assertThat(xml).doesNotContain("camunda:class=").doesNotContain("camunda:expression=");
        assertThat(model.getModelElementsByType(ServiceTask.class))
                .allSatisfy(s -> assertThat(s.getCamundaDelegateExpression()).matches("\\$\\{[a-z][A-Za-z]+}"));
    }

    private static List<String> outputs(BusinessRuleTask task) {
        return task.getExtensionElements().getElementsQuery().filterByType(CamundaInputOutput.class).singleResult()
                .getCamundaOutputParameters().stream().map(CamundaOutputParameter::getCamundaName).toList();
    }

    @Test
    void timeLimitsAreAppliedByBusinessRuleTasksBeforeEveryTimedStep() {
        BusinessRuleTask limits = model.getModelElementById(CaseLoop.TASK_DECIDE_TIME_LIMITS);
        BusinessRuleTask stages = model.getModelElementById(CaseLoop.TASK_DECIDE_HANDLING_STAGES);
        assertThat(limits.getCamundaDecisionRef()).isEqualTo(CaseLoop.DECISION_TIME_LIMITS);
        assertThat(stages.getCamundaDecisionRef()).isEqualTo(CaseLoop.DECISION_HANDLING_STAGES);
        // the case is reported, intake lets it into the loop (not 即办, not joined to an open case), the tables decide its
        // limits, then the first step waits
        FlowNode intake = model.getModelElementById("Gateway_Intake");
        assertThat(((FlowNode) model.getModelElementById("Start_CaseReported")).getSucceedingNodes().list()).containsExactly(intake);
        assertThat(intake.getSucceedingNodes().list()).contains(limits);
        assertThat(limits.getSucceedingNodes().list()).containsExactly(stages);
        // every step's limit, read by its due date and timers, is an output of the timeLimits task
        assertThat(outputs(limits)).containsAll(Arrays.stream(Step.values()).map(Step::limitVariable).toList())
                .contains(io.gridloop.process.CaseVariables.LIMIT_CLOCK);
        assertThat(outputs(stages)).contains(io.gridloop.process.CaseVariables.HANDLE_LIMIT, io.gridloop.process.CaseVariables.HANDLE_STAGE);
        for (UserTask t : model.getModelElementsByType(UserTask.class)) {
            String limit = Step.ofTask(t.getId()).orElseThrow().limitVariable();
            assertThat(t.getCamundaDueDate()).as(t.getId()).isEqualTo("${" + limit + "}");
        }
    }

    @Test
    void theTypedConstantsNameRealElements() throws Exception {
        for (var f : CaseLoop.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && (f.getName().startsWith("TASK_") || f.getName().startsWith("END_"))) {
                String id = (String) f.get(null);
                assertThat((Object) model.getModelElementById(id)).as(f.getName()).isNotNull();
            }
        }
        assertThat(Arrays.stream(Step.values()).map(Step::taskKey)).allSatisfy(k -> assertThat((Object) model.getModelElementById(k)).isNotNull());
    }
}
