package io.gridloop.process.engine;

import static io.gridloop.process.engine.EngineOnly.calls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;

import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every path of {@code processes/supervisionOrder.bpmn} on the engine alone: the order waits for its addressee's answer,
 * ends answered, or closes when the step it chases is done. Delegates are mocks (see {@link EngineOnly}).
 */
class SupervisionOrderEngineTest {

    @RegisterExtension
    static ProcessEngineExtension extension = EngineOnly.extension();

    RuntimeService runtime;
    TaskService tasks;

    private static final Date ANSWER_DUE = new Date(1_800_000_000_000L);

    @BeforeEach
    void mocks() {
        EngineOnly.registerMocks();
        runtime = extension.getRuntimeService();
        tasks = extension.getTaskService();
    }

    private static int testsRun;

    @AfterEach
    void cleanUp() {
        EngineOnly.cleanUp();
        testsRun++;
    }

    @AfterAll
    static void everyFlowTaken() {
        EngineOnly.assertEveryFlowTaken("supervisionOrder", SupervisionOrderEngineTest.class, testsRun);
    }

    private ProcessInstance open() {
        return runtime.startProcessInstanceByKey("supervisionOrder", "order-1",
                Map.of("caseId", 1L, "supervisionAddressee", "dept-roads", "supervisionAnswerDue", ANSWER_DUE));
    }

    private Task answerTask(ProcessInstance pi) {
        List<Task> open = tasks.createTaskQuery().processInstanceId(pi.getId()).list();
        assertThat(open).extracting(Task::getTaskDefinitionKey).containsExactly("Task_AnswerSupervision");
        return open.get(0);
    }

    /** Ended: no longer running (camunda-bpm-assert's isEnded reads the history, which production does not keep). */
    private void assertEnded(ProcessInstance pi) {
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(pi.getId()).count()).as("still running").isZero();
        assertThat(tasks.createTaskQuery().processInstanceId(pi.getId()).count()).isZero();
    }

    @Test
    void anOrderWaitsForItsAddresseesAnswerByItsDueDate() {
        ProcessInstance pi = open();
        Task answer = answerTask(pi);
        assertThat(answer).hasCandidateGroup("dept-roads");
        assertThat(answer.getDueDate()).isEqualTo(ANSWER_DUE);
        assertThat(calls()).isEmpty();
    }

    @Test
    void anAnsweredOrderRecordsTheAnswerAndEnds() {
        ProcessInstance pi = open();
        complete(answerTask(pi), Map.of("supervisionAnswer", "已安排抢修", "doneBy", "2026-11-25"));
        assertEnded(pi);
        assertThat(calls()).containsExactly("recordSupervisionAnswer@Task_RecordAnswer");
    }

    @Test
    void anOrderClosesWhenTheStepItChasesIsDone() {
        ProcessInstance pi = open();
        runtime.createMessageCorrelation("supervisionStepDone").processInstanceId(pi.getId()).correlate();
        assertEnded(pi);
        assertThat(calls()).containsExactly("closeSupervisionOrder@Task_CloseOrder");
    }
}
