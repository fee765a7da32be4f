package io.gridloop.process.engine;

import static io.gridloop.process.engine.EngineOnly.calls;
import static io.gridloop.process.engine.EngineOnly.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every path of {@code processes/caseLoop.bpmn} on the engine alone: one test per gateway branch, per handling outcome
 * (joint handling sub-process included) and per timer, each started just before the activity under test. Delegates are
 * mocks (see {@link EngineOnly}); where a gateway reads a variable the real delegate sets, the mock sets it. The
 * full-stack path tests with the real delegates, read model and timeline are CaseLoopProcessTest and its neighbours.
 * Element ids and bean names are the model's strings.
 */
class CaseLoopEngineTest {

    @RegisterExtension
    static ProcessEngineExtension extension = EngineOnly.extension();

    RuntimeService runtime;
    TaskService tasks;
    ManagementService management;

    @BeforeEach
    void mocks() {
        EngineOnly.registerMocks();
        runtime = extension.getRuntimeService();
        tasks = extension.getTaskService();
        management = extension.getManagementService();
    }

    private static int testsRun;

    @AfterEach
    void cleanUp() {
        EngineOnly.cleanUp();
        testsRun++;
    }

    @AfterAll
    static void everyFlowTaken() {
        EngineOnly.assertEveryFlowTaken("caseLoop", CaseLoopEngineTest.class, testsRun);
    }

    /** The variables a case carries once reported and its limits applied (what ReportService and the time limits' business rule task set). */
    private static Map<String, Object> reported(String channel) {
        Map<String, Object> v = new HashMap<>();
        v.put("caseId", 1L);
        v.put("channel", channel);
        v.put("urgency", "NORMAL");
        v.put("categoryCode", "MUNICIPAL");
        v.put("subcategoryCode", "MANHOLE");
        v.put("gridCode", "S01-C01-G01");
        v.put("streetCode", "S01");
        v.put("selfResolved", false);
        for (String limit : List.of("verifyLimit", "registerLimit", "dispatchLimit", "handleLimit", "checkLimit", "callbackLimit",
                "approvalLimit")) {
            v.put(limit, "P2D");
        }
        v.put("holdReviewLimit", "P30D");
        v.put("handleStage", 1);
        v.put("handleStageCount", 1);
        return v;
    }

    /** Dispatched to the lead department "roads", with the co-departments given ("" for none). */
    private static Map<String, Object> dispatched(String channel, String coDepartments) {
        Map<String, Object> v = reported(channel);
        v.put("department", "roads");
        v.put("leadAtWork", true);
        v.put("coDepartmentsAtWork", coDepartments);
        return v;
    }

    private ProcessInstance startAtTheStart(Map<String, Object> variables) {
        return runtime.startProcessInstanceByKey("caseLoop", "1", variables);
    }

    private ProcessInstance startBefore(String activityId, Map<String, Object> variables) {
        return runtime.createProcessInstanceByKey("caseLoop").businessKey("1").setVariables(variables)
                .startBeforeActivity(activityId).execute();
    }

    /** Completes the one open task of that step, with the form's values. */
    private void complete(ProcessInstance pi, String taskKey, Map<String, Object> variables) {
        List<Task> open = open(pi, taskKey);
        assertThat(open).as("open " + taskKey).hasSize(1);
        org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete(open.get(0), variables);
    }

    /** Ended: no longer running (camunda-bpm-assert's isEnded reads the history, which production does not keep). */
    private void assertEnded(ProcessInstance pi) {
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(pi.getId()).count()).as("still running").isZero();
        assertThat(openTaskKeys(pi)).isEmpty();
    }

    private List<Task> open(ProcessInstance pi, String taskKey) {
        return tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(taskKey).list();
    }

    private List<String> openTaskKeys(ProcessInstance pi) {
        return tasks.createTaskQuery().processInstanceId(pi.getId()).list().stream()
                .map(Task::getTaskDefinitionKey).sorted().toList();
    }

    // ---- report and on-site verification --------------------------------------------------------------------------

    @Test
    void aGridWorkersReportGoesStraightToRegistration() {
        ProcessInstance pi = startAtTheStart(reported("GRID_WORKER"));
        assertThat(pi).isWaitingAt("Task_Register");
        assertThat(pi).task().hasCandidateGroup("intake");
        assertThat(calls()).as("the limits are decided by the tables, no delegate").isEmpty();
    }

    @Test
    void aCallAnsweredOnThePhoneIsFiledAtOnceAndNeverEntersTheLoop() {
        Map<String, Object> v = reported("HOTLINE");
        v.put("answeredOnCall", true);
        v.put("callAnswer", "已告知办理渠道");
        ProcessInstance pi = startAtTheStart(v);
        assertEnded(pi);
        assertThat(calls()).containsExactly("answerOnCall@Task_AnswerOnCall");
    }

    @Test
    void aPublicReportNearAnOpenCaseOfTheSameKindJoinsItAndEnds() {
        Map<String, Object> v = reported("CITIZEN");
        v.put("joinedCase", "2026-000001");
        ProcessInstance pi = startAtTheStart(v);
        assertEnded(pi);
        assertThat(calls()).containsExactly("joinOpenCase@Task_JoinOpenCase");
    }

    @ParameterizedTest
    @ValueSource(strings = {"CITIZEN", "HOTLINE"})
    void aReportFromThePublicIsVerifiedOnSiteFirst(String channel) {
        ProcessInstance pi = startAtTheStart(reported(channel));
        assertThat(pi).isWaitingAt("Task_Verify");
        assertThat(pi).task().hasCandidateGroup("grid-worker");
        assertThat(openTaskKeys(pi)).containsExactly("Task_Verify");
    }

    @Test
    void confirmedOnSiteGoesToRegistration() {
        ProcessInstance pi = startBefore("Task_Verify", reported("CITIZEN"));
        complete(pi, "Task_Verify", Map.of("verifyResult", "CONFIRMED"));
        assertThat(pi).isWaitingAt("Task_Register");
        assertThat(calls()).isEmpty();
    }

    @Test
    void notConfirmedOnSiteEndsTheReportUnregistered() {
        ProcessInstance pi = startBefore("Task_Verify", reported("CITIZEN"));
        complete(pi, "Task_Verify", Map.of("verifyResult", "NOT_CONFIRMED", "notConfirmedReason", "路灯完好"));
        assertEnded(pi);
        assertThat(calls()).containsExactly("notConfirmCase@Task_NotConfirmCase");
    }

    // ---- registration ----------------------------------------------------------------------------------------------

    @Test
    void rejectedAtRegistrationEnds() {
        ProcessInstance pi = startBefore("Task_Register", reported("GRID_WORKER"));
        complete(pi, "Task_Register", Map.of("registerDecision", "REJECT", "rejectReason", "不属于受理范围"));
        assertEnded(pi);
        assertThat(calls()).containsExactly("rejectCase@Task_RejectCase");
    }

    @Test
    void aDuplicateIsMergedAndEnds() {
        ProcessInstance pi = startBefore("Task_Register", reported("GRID_WORKER"));
        complete(pi, "Task_Register", Map.of("registerDecision", "DUPLICATE", "duplicateOf", "2026-000001"));
        assertEnded(pi);
        assertThat(calls()).containsExactly("mergeDuplicate@Task_MergeDuplicate");
    }

    @Test
    void selfResolvedIsRegisteredAndFiledWithoutDispatch() {
        Map<String, Object> v = reported("GRID_WORKER");
        v.put("selfResolved", true);
        ProcessInstance pi = startBefore("Task_Register", v);
        complete(pi, "Task_Register", Map.of("registerDecision", "REGISTER"));
        assertEnded(pi);
        assertThat(calls()).containsExactly("registerCase@Task_RegisterCase", "fileCase@Task_FileCase");
    }

    @Test
    void registeredGoesToDispatchWithTheRoutingTablesSuggestion() {
        ProcessInstance pi = startBefore("Task_Register", reported("GRID_WORKER"));
        complete(pi, "Task_Register", Map.of("registerDecision", "REGISTER"));
        assertThat(pi).isWaitingAt("Task_Dispatch");
        assertThat(pi).task().hasCandidateGroup("dispatcher");
        // routing.dmn: a missing manhole cover goes to the water department, whatever the street
        assertThat(pi).variables().containsEntry("department", "water");
        assertThat(calls()).containsExactly("registerCase@Task_RegisterCase");
    }

    // ---- dispatch and the joint handling sub-process ----------------------------------------------------------------

    private void dispatchSetsTheJointWork() {
        when("dispatchCase", x -> {
            x.setVariable("leadAtWork", true);
            x.setVariable("coDepartmentsAtWork", x.getVariable("coDepartments"));
        });
    }

    @Test
    void dispatchedToOneDepartmentOnlyTheLeadWorks() {
        dispatchSetsTheJointWork();
        ProcessInstance pi = startBefore("Task_Dispatch", reported("GRID_WORKER"));
        complete(pi, "Task_Dispatch", Map.of("department", "roads", "coDepartments", ""));
        assertThat(openTaskKeys(pi)).containsExactly("Task_Handle");
        assertThat(calls()).containsExactly("dispatchCase@Task_DispatchCase");
    }

    @Test
    void aJointCaseHasTheLeadAndEveryCoDepartmentWorkingAtOnce() {
        dispatchSetsTheJointWork();
        ProcessInstance pi = startBefore("Task_Dispatch", reported("GRID_WORKER"));
        complete(pi, "Task_Dispatch", Map.of("department", "roads", "coDepartments", "police,housing"));
        assertThat(openTaskKeys(pi)).containsExactly("Task_CoHandle", "Task_CoHandle", "Task_Handle");
        assertThat(open(pi, "Task_CoHandle")).extracting(t -> runtime.getVariable(t.getExecutionId(), "coDepartment"))
                .containsExactlyInAnyOrder("police", "housing");
    }

    @Test
    void theLeadsFeedbackWaitsForTheCoDepartmentsBeforeTheCheck() {
        ProcessInstance pi = startBefore("SubProcess_JointHandling", dispatched("GRID_WORKER", "police,housing"));
        complete(pi, "Task_Handle", Map.of("handleOutcome", "FEEDBACK"));
        assertThat(openTaskKeys(pi)).containsExactly("Task_CoHandle", "Task_CoHandle");
        for (Task t : open(pi, "Task_CoHandle")) {
            tasks.complete(t.getId());
        }
        assertThat(openTaskKeys(pi)).containsExactly("Task_Check");
        assertThat(calls()).containsExactly("rememberClaimant@Task_Handle");
    }

    @Test
    void coDepartmentsFeedingBackFirstLeaveTheLeadWorking() {
        ProcessInstance pi = startBefore("SubProcess_JointHandling", dispatched("GRID_WORKER", "police"));
        complete(pi, "Task_CoHandle", Map.of());
        assertThat(openTaskKeys(pi)).containsExactly("Task_Handle");
        complete(pi, "Task_Handle", Map.of("handleOutcome", "FEEDBACK"));
        assertThat(openTaskKeys(pi)).containsExactly("Task_Check");
    }

    @Test
    void reworkByCoDepartmentsAloneLeavesTheLeadOut() {
        Map<String, Object> v = dispatched("GRID_WORKER", "police");
        v.put("leadAtWork", false);
        ProcessInstance pi = startBefore("SubProcess_JointHandling", v);
        assertThat(openTaskKeys(pi)).containsExactly("Task_CoHandle");
        complete(pi, "Task_CoHandle", Map.of());
        assertThat(openTaskKeys(pi)).containsExactly("Task_Check");
    }

    // ---- handling outcomes ------------------------------------------------------------------------------------------

    @Test
    void aReturnWithdrawsTheWholeJointWorkForANewDispatch() {
        ProcessInstance pi = startBefore("SubProcess_JointHandling", dispatched("GRID_WORKER", "police"));
        complete(pi, "Task_Handle", Map.of("handleOutcome", "RETURN", "returnReason", "不属本部门"));
        assertThat(openTaskKeys(pi)).as("co-department's task withdrawn too").containsExactly("Task_Dispatch");
        assertThat(calls()).containsExactly("rememberClaimant@Task_Handle", "returnCase@Task_ReturnCase");
    }

    @Test
    void anApprovedExtensionExtendsTheDeadlineAndHandlingGoesOn() {
        ProcessInstance pi = startBefore("Task_Handle", dispatched("GRID_WORKER", ""));
        complete(pi, "Task_Handle", Map.of("handleOutcome", "EXTENSION", "extensionDays", 3L, "extensionReason", "需采购"));
        assertThat(pi).isWaitingAt("Task_ApproveExtension");
        assertThat(pi).task().hasCandidateGroup("supervisor");
        complete(pi, "Task_ApproveExtension", Map.of("extensionDecision", "APPROVED", "approvedDays", 3L));
        assertThat(openTaskKeys(pi)).containsExactly("Task_Handle");
        assertThat(calls()).containsExactly("rememberClaimant@Task_Handle", "notifyExtensionDecided@Task_ApproveExtension",
                "extendDeadline@Task_ExtendDeadline");
    }

    @Test
    void aRefusedExtensionGoesBackToHandlingWithItsDeadline() {
        ProcessInstance pi = startBefore("Task_ApproveExtension", dispatched("GRID_WORKER", ""));
        complete(pi, "Task_ApproveExtension", Map.of("extensionDecision", "REFUSED"));
        assertThat(openTaskKeys(pi)).containsExactly("Task_Handle");
        assertThat(calls()).containsExactly("notifyExtensionDecided@Task_ApproveExtension");
    }

    @Test
    void anApprovedHoldStopsTheClockUntilReleased() {
        ProcessInstance pi = startBefore("Task_Handle", dispatched("GRID_WORKER", ""));
        complete(pi, "Task_Handle", Map.of("handleOutcome", "HOLD", "holdReason", "待拆迁"));
        assertThat(pi).isWaitingAt("Task_ApproveHold");
        complete(pi, "Task_ApproveHold", Map.of("holdDecision", "APPROVED"));
        assertThat(openTaskKeys(pi)).containsExactly("Task_OnHold");
        assertThat(calls()).containsExactly("rememberClaimant@Task_Handle", "holdCase@Task_HoldCase");
        // the wait has its review timer
        assertThat(management.createJobQuery().processInstanceId(pi.getId()).activityId("Timer_OnHoldReview").count()).isEqualTo(1);
    }

    @Test
    void aRefusedHoldGoesBackToHandling() {
        ProcessInstance pi = startBefore("Task_ApproveHold", dispatched("GRID_WORKER", ""));
        complete(pi, "Task_ApproveHold", Map.of("holdDecision", "REFUSED"));
        assertThat(openTaskKeys(pi)).containsExactly("Task_Handle");
        assertThat(calls()).isEmpty();
    }

    @Test
    void releasingAHoldResumesHandling() {
        ProcessInstance pi = startBefore("Task_OnHold", dispatched("GRID_WORKER", ""));
        complete(pi, "Task_OnHold", Map.of());
        assertThat(openTaskKeys(pi)).containsExactly("Task_Handle");
        assertThat(calls()).containsExactly("resumeCase@Task_ResumeCase");
    }

    @Test
    void aHoldReachingItsReviewDateGoesToTheSupervisorsReview() {
        ProcessInstance pi = startBefore("Task_OnHold", dispatched("GRID_WORKER", ""));
        var review = management.createJobQuery().processInstanceId(pi.getId()).activityId("Timer_OnHoldReview").list();
        assertThat(review).as("the hold's review timer").hasSize(1);
        management.executeJob(review.get(0).getId());
        assertThat(openTaskKeys(pi)).as("the wait ends at the review").containsExactly("Task_ReviewHold");
        assertThat(pi).task().hasCandidateGroup("supervisor");
    }

    @Test
    void aReviewKeepingTheHoldWaitsAgain() {
        ProcessInstance pi = startBefore("Task_ReviewHold", dispatched("GRID_WORKER", ""));
        complete(pi, "Task_ReviewHold", Map.of("holdReviewDecision", "KEEP", "holdReviewReason", "仍待拆迁"));
        assertThat(openTaskKeys(pi)).containsExactly("Task_OnHold");
        assertThat(calls()).containsExactly("keepHolding@Task_KeepHolding");
    }

    @Test
    void aReviewReleasingTheHoldResumesHandling() {
        ProcessInstance pi = startBefore("Task_ReviewHold", dispatched("GRID_WORKER", ""));
        complete(pi, "Task_ReviewHold", Map.of("holdReviewDecision", "RELEASE"));
        assertThat(openTaskKeys(pi)).containsExactly("Task_Handle");
        assertThat(calls()).containsExactly("resumeCase@Task_ResumeCase");
    }

    @Test
    void aCaseHandledInStagesGoesBackToHandlingUntilTheLastStage() {
        when("nextHandlingStage", x -> x.setVariable("handleStage", ((Number) x.getVariable("handleStage")).intValue() + 1));
        Map<String, Object> v = dispatched("GRID_WORKER", "");
        v.put("handleStageCount", 2);
        ProcessInstance pi = startBefore("SubProcess_JointHandling", v);
        complete(pi, "Task_Handle", Map.of("handleOutcome", "FEEDBACK"));
        assertThat(openTaskKeys(pi)).containsExactly("Task_Handle");
        assertThat(pi).variables().containsEntry("handleStage", 2);
        complete(pi, "Task_Handle", Map.of("handleOutcome", "FEEDBACK"));
        assertThat(openTaskKeys(pi)).containsExactly("Task_Check");
        assertThat(calls()).containsExactly("rememberClaimant@Task_Handle", "nextHandlingStage@Task_NextHandlingStage",
                "rememberClaimant@Task_Handle");
    }

    // ---- check, callback, filing ------------------------------------------------------------------------------------

    @Test
    void aFailedCheckSendsTheWorkBackToWhomTheCheckerNames() {
        when("reworkCase", x -> {
            x.setVariable("leadAtWork", false);
            x.setVariable("coDepartmentsAtWork", "police");
        });
        ProcessInstance pi = startBefore("Task_Check", dispatched("GRID_WORKER", "police"));
        assertThat(pi).task().hasCandidateGroup("grid-worker");
        complete(pi, "Task_Check", Map.of("checkResult", "FAILED", "reworkBy", "CO_DEPARTMENTS"));
        assertThat(openTaskKeys(pi)).containsExactly("Task_CoHandle");
        assertThat(calls()).containsExactly("reworkCase@Task_ReworkCase");
    }

    @Test
    void aPassedCheckOfAGridWorkersCaseIsFiledWithoutCallback() {
        ProcessInstance pi = startBefore("Task_Check", dispatched("GRID_WORKER", ""));
        complete(pi, "Task_Check", Map.of("checkResult", "PASSED"));
        assertEnded(pi);
        assertThat(calls()).containsExactly("fileCase@Task_FileCase");
    }

    @ParameterizedTest
    @ValueSource(strings = {"CITIZEN", "HOTLINE"})
    void aPassedCheckOfAPublicReportIsCalledBack(String channel) {
        ProcessInstance pi = startBefore("Task_Check", dispatched(channel, ""));
        complete(pi, "Task_Check", Map.of("checkResult", "PASSED"));
        assertThat(pi).isWaitingAt("Task_Callback");
        assertThat(pi).task().hasCandidateGroup("intake");
        assertThat(calls()).isEmpty();
    }

    @Test
    void aCitizenWhoLeftAnEmailRatesOnlineAndASatisfiedRatingFilesTheCase() {
        Map<String, Object> v = dispatched("CITIZEN", "");
        v.put("citizenRates", true);
        ProcessInstance pi = startBefore("Task_Check", v);
        complete(pi, "Task_Check", Map.of("checkResult", "PASSED"));
        assertThat(pi).isWaitingAt("Task_AwaitRating");
        assertThat(openTaskKeys(pi)).as("no official's task while the citizen rates").isEmpty();
        assertThat(calls()).containsExactly("askCitizenRating@Task_AwaitRating");
        runtime.createMessageCorrelation("citizenRating").processInstanceId(pi.getId())
                .setVariable("satisfaction", "SATISFIED").correlate();
        assertEnded(pi);
        assertThat(calls()).containsExactly("askCitizenRating@Task_AwaitRating", "fileCase@Task_FileCase");
    }

    @Test
    void withoutACitizensRatingInTimeTheCallbackAsks() {
        Map<String, Object> v = dispatched("CITIZEN", "");
        v.put("citizenRates", true);
        ProcessInstance pi = startBefore("Task_AwaitRating", v);
        var jobs = management.createJobQuery().processInstanceId(pi.getId()).activityId("Timer_RatingTimeout").list();
        assertThat(jobs).hasSize(1);
        management.executeJob(jobs.get(0).getId());
        assertThat(pi).isWaitingAt("Task_Callback");
        assertThat(pi).task().hasCandidateGroup("intake");
    }

    @Test
    void aSatisfiedCallbackFilesTheCase() {
        ProcessInstance pi = startBefore("Task_Callback", dispatched("CITIZEN", ""));
        complete(pi, "Task_Callback", Map.of("satisfaction", "SATISFIED"));
        assertEnded(pi);
        assertThat(calls()).containsExactly("fileCase@Task_FileCase");
    }

    @Test
    void aDissatisfiedCallbackIsReviewed() {
        ProcessInstance pi = startBefore("Task_Callback", dispatched("CITIZEN", ""));
        complete(pi, "Task_Callback", Map.of("satisfaction", "DISSATISFIED", "dissatisfactionReason", "仍未修好"));
        assertThat(pi).isWaitingAt("Task_ReviewDissatisfaction");
        assertThat(pi).task().hasCandidateGroup("dispatcher");
    }

    @Test
    void anAcceptedDissatisfactionIsReworked() {
        when("reworkCase", x -> {
            x.setVariable("leadAtWork", true);
            x.setVariable("coDepartmentsAtWork", "");
        });
        ProcessInstance pi = startBefore("Task_ReviewDissatisfaction", dispatched("CITIZEN", ""));
        complete(pi, "Task_ReviewDissatisfaction", Map.of("dissatisfactionDecision", "ACCEPTED"));
        assertThat(openTaskKeys(pi)).containsExactly("Task_Handle");
        assertThat(calls()).containsExactly("reworkCase@Task_ReworkCase");
    }

    @Test
    void aDissatisfactionNotAcceptedFilesTheCase() {
        ProcessInstance pi = startBefore("Task_ReviewDissatisfaction", dispatched("CITIZEN", ""));
        complete(pi, "Task_ReviewDissatisfaction", Map.of("dissatisfactionDecision", "NOT_ACCEPTED"));
        assertEnded(pi);
        assertThat(calls()).containsExactly("fileCase@Task_FileCase");
    }

    // ---- timers: warning, overdue and the escalation chain, each by executing its job --------------------------------

    @ParameterizedTest(name = "{1} on {0} calls {2} at {3}")
    @CsvSource({
            "Task_Verify, Timer_VerifyWarning, markWarning, End_VerifyWarned",
            "Task_Verify, Timer_VerifyOverdue, markOverdue, End_VerifyOverdue",
            "Task_Register, Timer_RegisterWarning, markWarning, End_RegisterWarned",
            "Task_Register, Timer_RegisterOverdue, markOverdue, End_RegisterOverdue",
            "Task_Dispatch, Timer_DispatchWarning, markWarning, End_DispatchWarned",
            "Task_Dispatch, Timer_DispatchOverdue, markOverdue, End_DispatchOverdue",
            "Task_Handle, Timer_HandleWarning, markWarning, End_HandleWarned",
            "Task_Handle, Timer_HandleOverdue, markOverdue, End_HandleOverdue",
            "Task_Handle, Timer_HandleSupervision, openSupervision, End_HandleSupervision",
            "Task_Handle, Timer_HandleDistrictSupervision, openSupervision, End_HandleDistrictSupervision",
            "Task_Handle, Timer_HandleNotice, openSupervision, End_HandleNotice",
            "Task_CoHandle#multiInstanceBody, Timer_CoHandleWarning, markWarning, End_CoHandleWarned",
            "Task_CoHandle#multiInstanceBody, Timer_CoHandleOverdue, markOverdue, End_CoHandleOverdue",
            "Task_CoHandle#multiInstanceBody, Timer_CoHandleSupervision, openSupervision, End_CoHandleSupervision",
            "Task_CoHandle#multiInstanceBody, Timer_CoHandleDistrictSupervision, openSupervision, End_CoHandleDistrictSupervision",
            "Task_CoHandle#multiInstanceBody, Timer_CoHandleNotice, openSupervision, End_CoHandleNotice",
            "Task_ApproveExtension, Timer_ApproveExtensionWarning, markWarning, End_ApproveExtensionWarned",
            "Task_ApproveExtension, Timer_ApproveExtensionOverdue, markOverdue, End_ApproveExtensionOverdue",
            "Task_ApproveHold, Timer_ApproveHoldWarning, markWarning, End_ApproveHoldWarned",
            "Task_ApproveHold, Timer_ApproveHoldOverdue, markOverdue, End_ApproveHoldOverdue",
            "Task_ReviewHold, Timer_ReviewHoldWarning, markWarning, End_ReviewHoldWarned",
            "Task_ReviewHold, Timer_ReviewHoldOverdue, markOverdue, End_ReviewHoldOverdue",
            "Task_Check, Timer_CheckWarning, markWarning, End_CheckWarned",
            "Task_Check, Timer_CheckOverdue, markOverdue, End_CheckOverdue",
            "Task_Callback, Timer_CallbackWarning, markWarning, End_CallbackWarned",
            "Task_Callback, Timer_CallbackOverdue, markOverdue, End_CallbackOverdue",
            "Task_ReviewDissatisfaction, Timer_ReviewDissatisfactionWarning, markWarning, End_ReviewDissatisfactionWarned",
            "Task_ReviewDissatisfaction, Timer_ReviewDissatisfactionOverdue, markOverdue, End_ReviewDissatisfactionOverdue",
    })
    void aTimerMarksTheCaseAndTheStepStaysOpen(String before, String timer, String delegate, String endEvent) {
        ProcessInstance pi = startBefore(before, dispatched("CITIZEN", "police"));
        List<String> waiting = openTaskKeys(pi);
        assertThat(waiting).isNotEmpty();
        var jobs = management.createJobQuery().processInstanceId(pi.getId()).activityId(timer).list();
        assertThat(jobs).as(timer + " scheduled once").hasSize(1);
        management.executeJob(jobs.get(0).getId());
        assertThat(calls()).containsExactly(delegate + "@" + endEvent);
        assertThat(openTaskKeys(pi)).as("non-interrupting").isEqualTo(waiting);
        assertThat(management.createJobQuery().processInstanceId(pi.getId()).activityId(timer).count()).as("fires once").isZero();
    }
}
