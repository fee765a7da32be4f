package io.gridloop.casefile;

import static io.gridloop.process.CaseLoop.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.gridloop.inbox.FormInvalidException;
import io.gridloop.process.ApprovalDecision;
import io.gridloop.process.CaseVariables;
import io.gridloop.process.CheckResult;
import io.gridloop.process.DissatisfactionDecision;
import io.gridloop.process.HandleOutcome;
import io.gridloop.process.HoldReviewDecision;
import io.gridloop.process.RegisterDecision;
import io.gridloop.process.Satisfaction;
import io.gridloop.process.VerifyResult;
import io.gridloop.support.LoopDriver;
import io.gridloop.support.ProcessTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every path of the case loop on the real engine, one test per path, with the read model checked on the way. */
@ProcessTest
class CaseLoopProcessTest {

    @Autowired
    LoopDriver loop;
    @Autowired
    ProcessEngine engine;
    @Autowired
    RuntimeService runtime;
    @Autowired
    io.gridloop.casefile.CaseTimeline caseTimeline;
    @Autowired
    io.gridloop.notify.Outbox outbox;

    @BeforeEach
    void init() {
        AbstractAssertions.init(engine);
    }

    @AfterEach
    void clock() {
        loop.resetClock();
    }

    private ProcessInstance instance(CaseRecord c) {
        return runtime.createProcessInstanceQuery().processInstanceId(c.processInstanceId()).singleResult();
    }

    // the engine keeps no history (production's level, none): the end reached is read from GridLoop's own case file,
    // whose status only that end event's delegate writes
    private static final Map<String, CaseStatus> STATUS_AT_END = Map.of(END_FILED, CaseStatus.FILED, END_REJECTED, CaseStatus.REJECTED,
            END_MERGED, CaseStatus.MERGED, END_NOT_CONFIRMED, CaseStatus.NOT_CONFIRMED);

    private void assertEnded(CaseRecord c, String endEvent) {
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(c.processInstanceId()).count()).isZero();
        assertThat(loop.caseFile(c.id()).status()).as("ended at " + endEvent).isEqualTo(STATUS_AT_END.get(endEvent));
        assertThat(loop.caseFile(c.id()).closedAt()).as("closed at " + endEvent).isNotNull();
    }

    private void dispatchTo(long caseId, String department, List<String> co) {
        loop.complete(caseId, TASK_DISPATCH, "zhangmin", Map.of(CaseVariables.DEPARTMENT, department, CaseVariables.CO_DEPARTMENTS, co, CaseVariables.COMMENT, "请尽快处置"));
    }

    private void register(long caseId) {
        loop.complete(caseId, TASK_REGISTER, "lina", Map.of(CaseVariables.REGISTER_DECISION, RegisterDecision.REGISTER.name()));
    }

    private void feedback(long caseId, String handler) {
        loop.complete(caseId, TASK_HANDLE, handler, Map.of(CaseVariables.HANDLE_OUTCOME, HandleOutcome.FEEDBACK.name(), "feedback", "已更换井盖"));
    }

    private void checkPassed(long caseId) {
        loop.complete(caseId, TASK_CHECK, "wangwei", Map.of(CaseVariables.CHECK_RESULT, CheckResult.PASSED.name()));
    }

    @Test
    void gridWorkerReportIsRegisteredDispatchedHandledCheckedAndFiled() {
        CaseRecord c = loop.reportByGridWorker("MANHOLE");
        assertThat(c.caseNumber()).matches("\\d{4}-\\d{6}");
        assertThat(instance(c)).isWaitingAt(TASK_REGISTER);
        assertThat(c.status()).isEqualTo(CaseStatus.REGISTERING);
        assertThat(c.candidateGroup()).isEqualTo("intake");
        assertThat(c.dueAt()).isNotNull();

        register(c.id());
        c = loop.caseFile(c.id());
        assertThat(instance(c)).isWaitingAt(TASK_DISPATCH);
        assertThat(c.status()).isEqualTo(CaseStatus.DISPATCHING);
        assertThat(c.registeredAt()).isNotNull();
        // the routing table suggests the water authority for manholes, and the dispatch form is prefilled with it
        assertThat(runtime.getVariable(c.processInstanceId(), "department")).isEqualTo("water");

        dispatchTo(c.id(), "water", List.of());
        c = loop.caseFile(c.id());
        assertThat(instance(c)).isWaitingAt(TASK_HANDLE);
        assertThat(c.status()).isEqualTo(CaseStatus.HANDLING);
        assertThat(c.departmentCode()).isEqualTo("water");
        assertThat(c.candidateGroup()).isEqualTo("dept-water");

        feedback(c.id(), "zhaolei");
        assertThat(instance(c)).isWaitingAt(TASK_CHECK);
        assertThat(loop.caseFile(c.id()).status()).isEqualTo(CaseStatus.CHECKING);

        checkPassed(c.id());
        c = loop.caseFile(c.id());
        assertEnded(c, END_FILED);
        assertThat(c.status()).isEqualTo(CaseStatus.FILED);
        assertThat(c.closedAt()).isNotNull();
        assertThat(c.currentStep()).isNull();
        assertThat(caseTimeline.timeline(c.id())).extracting(TimelineEntry::step, TimelineEntry::actor, TimelineEntry::decision)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("REPORT", "wangwei", "GRID_WORKER"),
                        org.assertj.core.groups.Tuple.tuple("REGISTER", "lina", "REGISTER"),
                        org.assertj.core.groups.Tuple.tuple("DISPATCH", "zhangmin", "water"),
                        org.assertj.core.groups.Tuple.tuple("HANDLE", "zhaolei", "FEEDBACK"),
                        org.assertj.core.groups.Tuple.tuple("CHECK", "wangwei", "PASSED"),
                        org.assertj.core.groups.Tuple.tuple("FILE", "system", null));
    }

    @Test
    void citizenReportIsVerifiedOnSiteAndCalledBackBeforeFiling() {
        CaseRecord c = loop.reportByCitizen("STREETLIGHT");
        assertThat(instance(c)).isWaitingAt(TASK_VERIFY);
        assertThat(c.status()).isEqualTo(CaseStatus.VERIFYING);
        loop.complete(c.id(), TASK_VERIFY, "wangwei", Map.of(CaseVariables.VERIFY_RESULT, VerifyResult.CONFIRMED.name(), CaseVariables.COMMENT, "属实"));
        register(c.id());
        dispatchTo(c.id(), "roads", List.of());
        feedback(c.id(), "sunli");
        checkPassed(c.id());
        assertThat(instance(c)).isWaitingAt(TASK_CALLBACK);
        assertThat(loop.caseFile(c.id()).status()).isEqualTo(CaseStatus.CALLBACK);
        loop.complete(c.id(), TASK_CALLBACK, "lina", Map.of(CaseVariables.SATISFACTION, Satisfaction.SATISFIED.name()));
        c = loop.caseFile(c.id());
        assertEnded(c, END_FILED);
        assertThat(c.satisfaction()).isEqualTo("SATISFIED");
    }

    @Autowired
    io.gridloop.intake.ReportService reports;
    @Autowired
    org.springframework.context.ApplicationContext ctx;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void notConfirmedOnSiteEndsTheReportAndTellsTheReporter() {
        io.gridloop.intake.Report r = LoopDriver.report(Channel.CITIZEN, "STREETLIGHT", "S02C02G03");
        r = new io.gridloop.intake.Report(r.channel(), r.urgency(), null, r.subcategoryCode(), r.gridCode(), null, null, r.address(),
                r.description(), r.reporterName(), r.reporterPhone(), "citizen@example.org", false, List.of());
        CaseRecord c = reports.report(r, "lina");
        assertThat(instance(c)).isWaitingAt(TASK_VERIFY);
        // "not confirmed" needs the reason, and nothing moves without it
        assertThatThrownBy(() -> loop.complete(c.id(), TASK_VERIFY, "wangwei", Map.of(CaseVariables.VERIFY_RESULT, VerifyResult.NOT_CONFIRMED.name())))
                .isInstanceOf(FormInvalidException.class);
        assertThat(instance(c)).isWaitingAt(TASK_VERIFY);

        loop.complete(c.id(), TASK_VERIFY, "wangwei", Map.of(CaseVariables.VERIFY_RESULT, VerifyResult.NOT_CONFIRMED.name(), CaseVariables.NOT_CONFIRMED_REASON, "路灯完好,夜间正常亮灯"));
        CaseRecord after = loop.caseFile(c.id());
        assertEnded(after, END_NOT_CONFIRMED);
        assertThat(caseTimeline.timeline(c.id())).as("never registered").noneSatisfy(e -> assertThat(e.step()).isEqualTo("REGISTER"));
        assertThat(after.status()).isEqualTo(CaseStatus.NOT_CONFIRMED);
        assertThat(after.status().isClosed()).isTrue();
        assertThat(after.closedAt()).isNotNull();
        assertThat(after.registeredAt()).isNull();
        assertThat(after.currentStep()).isNull();
        assertThat(caseTimeline.timeline(c.id())).last().satisfies(e -> {
            assertThat(e.step()).isEqualTo("VERIFY");
            assertThat(e.action()).isEqualTo("NOT_CONFIRMED");
            assertThat(e.comment()).isEqualTo("路灯完好,夜间正常亮灯");
        });
        // the reporter is told by mail, once
        assertThat(jdbc.sql("select subject from gl_outbox where recipient = 'mailto:citizen@example.org'").query(String.class).list())
                .singleElement().satisfies(subject -> assertThat(subject).contains(c.caseNumber(), "未发现"));
        // and sees it on the tracking page in plain words, without the officials' names or notes
        io.gridloop.support.KaribuUi.anonymous(ctx);
        try {
            com.vaadin.flow.component.UI.getCurrent().navigate("track/" + c.trackingCode());
            String shown = com.github.mvysny.kaributesting.v10.LocatorJ._get(com.vaadin.flow.component.html.Div.class,
                    s -> s.withId("track-result")).getElement().getTextRecursively();
            assertThat(shown).contains(c.caseNumber(), "核实不属实", "未发现您反映的问题").doesNotContain("wangwei", "lina", "路灯完好");
        } finally {
            io.gridloop.support.KaribuUi.signOut();
        }
    }

    @Test
    void rejectedAtRegistration() {
        CaseRecord c = loop.reportByGridWorker("ILLEGAL_ADS");
        assertThatThrownBy(() -> loop.complete(c.id(), TASK_REGISTER, "lina", Map.of(CaseVariables.REGISTER_DECISION, RegisterDecision.REJECT.name())))
                .isInstanceOf(FormInvalidException.class);
        assertThat(instance(c)).isWaitingAt(TASK_REGISTER);
        loop.complete(c.id(), TASK_REGISTER, "lina", Map.of(CaseVariables.REGISTER_DECISION, RegisterDecision.REJECT.name(), CaseVariables.REJECT_REASON, "不属于受理范围"));
        CaseRecord after = loop.caseFile(c.id());
        assertEnded(after, END_REJECTED);
        assertThat(after.status()).isEqualTo(CaseStatus.REJECTED);
        assertThat(caseTimeline.timeline(c.id())).last().satisfies(e -> assertThat(e.details()).contains("不属于受理范围"));
    }

    @Test
    void duplicateIsMergedIntoTheEarlierCase() {
        CaseRecord first = loop.reportByGridWorker("EXPOSED_RUBBISH");
        CaseRecord second = loop.reportByGridWorker("EXPOSED_RUBBISH");
        // merging into a case that does not exist is refused, and nothing changes
        assertThatThrownBy(() -> loop.complete(second.id(), TASK_REGISTER, "lina",
                Map.of(CaseVariables.REGISTER_DECISION, RegisterDecision.DUPLICATE.name(), CaseVariables.DUPLICATE_OF, "1999-999999")))
                .isInstanceOf(CaseRuleException.class).hasMessage("error.duplicate.notFound");
        assertThat(instance(second)).isWaitingAt(TASK_REGISTER);
        assertThat(caseTimeline.timeline(second.id())).hasSize(1);

        loop.complete(second.id(), TASK_REGISTER, "lina", Map.of(CaseVariables.REGISTER_DECISION, RegisterDecision.DUPLICATE.name(), CaseVariables.DUPLICATE_OF, first.caseNumber()));
        CaseRecord merged = loop.caseFile(second.id());
        assertEnded(merged, END_MERGED);
        assertThat(merged.status()).isEqualTo(CaseStatus.MERGED);
        assertThat(merged.mergedInto()).isEqualTo(first.caseNumber());
        assertThat(caseTimeline.timeline(first.id())).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("MERGED_IN");
            assertThat(e.decision()).isEqualTo(second.caseNumber());
        });
        assertThat(instance(first)).isWaitingAt(TASK_REGISTER);
    }

    private CaseRecord reportInS03(String subcategory) {
        return reports.report(LoopDriver.report(Channel.GRID_WORKER, subcategory, "S03C01G01"), "lihua");
    }

    private String mergeRefusal(CaseRecord c, String user, String into) {
        try {
            loop.complete(c.id(), TASK_REGISTER, user, Map.of(CaseVariables.REGISTER_DECISION, RegisterDecision.DUPLICATE.name(), CaseVariables.DUPLICATE_OF, into));
        } catch (CaseRuleException e) {
            assertThat(instance(c)).as("nothing moved").isWaitingAt(TASK_REGISTER);
            return e.messageKey() + " " + java.util.Arrays.toString(e.args()).replace(into, "{number}");
        }
        throw new AssertionError("merged " + c.caseNumber() + " into " + into);
    }

    @Test
    void aDuplicateIsMergedOnlyIntoAnOpenCaseInTheOfficialsScope() {
        // gaofei registers street S03's cases only
        CaseRecord report = reportInS03("EXPOSED_RUBBISH");
        CaseRecord outsideScope = loop.reportByGridWorker("EXPOSED_RUBBISH");
        CaseRecord closed = reportInS03("EXPOSED_RUBBISH");
        loop.complete(closed.id(), TASK_REGISTER, "gaofei", Map.of(CaseVariables.REGISTER_DECISION, RegisterDecision.REJECT.name(), CaseVariables.REJECT_REASON, "已处理"));
        CaseRecord openInScope = reportInS03("EXPOSED_RUBBISH");

        // a case of another street, a closed case and a number nobody has get one and the same answer
        String nobody = mergeRefusal(report, "gaofei", "1999-999999");
        assertThat(nobody).startsWith("error.duplicate.notFound");
        assertThat(mergeRefusal(report, "gaofei", outsideScope.caseNumber())).isEqualTo(nobody);
        assertThat(mergeRefusal(report, "gaofei", closed.caseNumber())).isEqualTo(nobody);
        assertThat(mergeRefusal(report, "gaofei", report.caseNumber())).startsWith("error.duplicate.self");
        assertThat(caseTimeline.timeline(report.id())).hasSize(1);

        // the engine's own door merges nothing either: the case loop's tasks move only through the inbox
        String task = loop.task(report.id(), TASK_REGISTER).taskId();
        assertThatThrownBy(() -> engine.getTaskService().complete(task,
                Map.of(CaseVariables.REGISTER_DECISION, RegisterDecision.DUPLICATE.name(), CaseVariables.DUPLICATE_OF, openInScope.caseNumber())))
                .isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class);

        loop.complete(report.id(), TASK_REGISTER, "gaofei", Map.of(CaseVariables.REGISTER_DECISION, RegisterDecision.DUPLICATE.name(), CaseVariables.DUPLICATE_OF, openInScope.caseNumber()));
        assertEnded(loop.caseFile(report.id()), END_MERGED);
        assertThat(loop.caseFile(report.id()).mergedInto()).isEqualTo(openInScope.caseNumber());
        // a merged case is closed: nothing more is merged into it
        CaseRecord third = reportInS03("EXPOSED_RUBBISH");
        assertThat(mergeRefusal(third, "gaofei", report.caseNumber())).isEqualTo(nobody);
    }

    @Test
    void selfResolvedOnTheSpotIsRegisteredAndFiled() {
        CaseRecord c = loop.reportSelfResolved("ILLEGAL_ADS");
        // the problem as found and the work done, apart
        assertThat(caseTimeline.attachments(c.id())).extracting(Attachment::before).containsExactlyInAnyOrder(true, false);
        assertThat(instance(c)).isWaitingAt(TASK_REGISTER);
        register(c.id());
        c = loop.caseFile(c.id());
        assertEnded(c, END_FILED);
        assertThat(c.selfResolved()).isTrue();
        assertThat(c.departmentCode()).isNull();
    }

    private List<String> openTaskKeys(CaseRecord c) {
        return engine.getTaskService().createTaskQuery().processInstanceId(c.processInstanceId()).list().stream()
                .map(t -> t.getTaskDefinitionKey()).sorted().toList();
    }

    private List<String> openCoHandleGroups(CaseRecord c) {
        return engine.getTaskService().createTaskQuery().processInstanceId(c.processInstanceId()).taskDefinitionKey(TASK_CO_HANDLE)
                .list().stream().map(t -> engine.getTaskService().getIdentityLinksForTask(t.getId()).get(0).getGroupId()).sorted().toList();
    }

    private void coFeedback(long caseId, String handler) {
        var task = loop.groups(handler).stream().filter(g -> g.startsWith("dept-")).findFirst().orElseThrow();
        var tasks = engine.getTaskService().createTaskQuery().processInstanceId(loop.caseFile(caseId).processInstanceId())
                .taskDefinitionKey(TASK_CO_HANDLE).taskCandidateGroup(task).list();
        assertThat(tasks).as("one co-handling task for " + task).hasSize(1);
        var open = tasks.get(0);
        io.gridloop.inbox.InboxService inbox = ctx.getBean(io.gridloop.inbox.InboxService.class);
        inbox.complete(open.getId(), handler, loop.groups(handler), new io.gridloop.inbox.Submission(Map.of("coFeedback", "本部门工作已完成"), Map.of()));
    }

    @Test
    void jointCaseLeadAndCoDepartmentsWorkAtOnceAndTheCheckWaitsForAll() {
        CaseRecord c = loop.reportByGridWorker("ILLEGAL_RENOVATION");
        register(c.id());
        // the lead named among its own co-departments is refused, not quietly dropped
        long id = c.id();
        assertThatThrownBy(() -> dispatchTo(id, "citymgmt", List.of("housing", "police", "citymgmt")))
                .isInstanceOf(io.gridloop.inbox.FormInvalidException.class);
        assertThat(loop.caseFile(c.id()).status()).isEqualTo(CaseStatus.DISPATCHING);
        dispatchTo(c.id(), "citymgmt", List.of("housing", "police"));
        c = loop.caseFile(c.id());
        assertThat(c.coDepartments()).containsExactly("housing", "police");
        // the dispatch delegate wrote the typed variables the BPMN reads
        assertThat(CaseVariables.LEAD_AT_WORK_VAR.from(runtime, c.processInstanceId()).get()).isTrue();
        assertThat(CaseVariables.CO_DEPARTMENTS_AT_WORK_VAR.from(runtime, c.processInstanceId()).get()).isEqualTo("housing,police");
        // normalised to a string variable, whatever list the form gave
        assertThat(CaseVariables.CO_DEPARTMENTS_TEXT_VAR.from(runtime, c.processInstanceId()).get()).isEqualTo("housing,police");
        // the lead has its task from dispatch on, beside its co-departments
        assertThat(openTaskKeys(c)).containsExactly(TASK_CO_HANDLE, TASK_CO_HANDLE, TASK_HANDLE);
        assertThat(openCoHandleGroups(c)).containsExactly("dept-housing", "dept-police");
        assertThat(c.currentStep()).isEqualTo("HANDLE");
        assertThat(c.candidateGroup()).isEqualTo("dept-citymgmt");

        // the lead's feedback waits for the co-departments'
        feedback(c.id(), "liuyang");
        assertThat(openTaskKeys(c)).containsExactly(TASK_CO_HANDLE, TASK_CO_HANDLE);
        assertThat(loop.caseFile(c.id()).currentStep()).isEqualTo("CO_HANDLE");
        coFeedback(c.id(), "housing1");
        assertThat(openTaskKeys(c)).containsExactly(TASK_CO_HANDLE);
        coFeedback(c.id(), "police1");
        assertThat(instance(c)).isWaitingAt(TASK_CHECK);
        checkPassed(c.id());
        assertEnded(loop.caseFile(c.id()), END_FILED);
    }

    @Test
    void jointCaseWhoseCoDepartmentsFinishFirstWaitsForTheLead() {
        CaseRecord c = loop.reportByGridWorker("ILLEGAL_RENOVATION");
        register(c.id());
        dispatchTo(c.id(), "citymgmt", List.of("housing"));
        coFeedback(c.id(), "housing1");
        assertThat(openTaskKeys(c)).containsExactly(TASK_HANDLE);
        feedback(c.id(), "liuyang");
        assertThat(instance(c)).isWaitingAt(TASK_CHECK);
    }

    @Test
    void jointCaseReturnedByTheLeadWithdrawsTheCoDepartmentsWorkForANewDispatch() {
        CaseRecord c = loop.reportByGridWorker("ILLEGAL_RENOVATION");
        register(c.id());
        dispatchTo(c.id(), "citymgmt", List.of("housing", "police"));
        coFeedback(c.id(), "housing1");
        loop.complete(c.id(), TASK_HANDLE, "liuyang", Map.of(CaseVariables.HANDLE_OUTCOME, HandleOutcome.RETURN.name(), CaseVariables.RETURN_REASON, "应由住建牵头"));
        c = loop.caseFile(c.id());
        // the whole joint work goes back: police's open task is withdrawn, from the engine and from every inbox
        assertThat(openTaskKeys(c)).containsExactly(TASK_DISPATCH);
        assertThat(ctx.getBean(io.gridloop.inbox.InboxPages.class).openTasksOfCase(c.id()))
                .extracting(io.gridloop.inbox.InboxTask::taskKey).containsExactly(TASK_DISPATCH);
        assertThat(c.status()).isEqualTo(CaseStatus.DISPATCHING);
        assertThat(c.returnCount()).isEqualTo(1);
        // the new dispatch starts the new lead and co-departments afresh
        dispatchTo(c.id(), "housing", List.of("citymgmt"));
        c = loop.caseFile(c.id());
        assertThat(openTaskKeys(c)).containsExactly(TASK_CO_HANDLE, TASK_HANDLE);
        assertThat(openCoHandleGroups(c)).containsExactly("dept-citymgmt");
        assertThat(c.candidateGroup()).isEqualTo("dept-housing");
        coFeedback(c.id(), "liuyang");
        feedback(c.id(), "housing1");
        checkPassed(c.id());
        assertEnded(loop.caseFile(c.id()), END_FILED);
    }

    @Test
    void jointCaseWhoseLeadIsOnHoldKeepsTheCoDepartmentsWorking() {
        loop.at(LoopDriver.MONDAY_0900);
        CaseRecord c = loop.reportByGridWorker("DANGEROUS_HOUSE");
        register(c.id());
        dispatchTo(c.id(), "housing", List.of("citymgmt"));
        loop.complete(c.id(), TASK_HANDLE, "housing1", Map.of(CaseVariables.HANDLE_OUTCOME, HandleOutcome.HOLD.name(), CaseVariables.HOLD_REASON, "需市级资金"));
        loop.complete(c.id(), TASK_APPROVE_HOLD, "zhoujie", Map.of(CaseVariables.HOLD_DECISION, ApprovalDecision.APPROVED.name()));
        c = loop.caseFile(c.id());
        assertThat(openTaskKeys(c)).containsExactly(TASK_CO_HANDLE, TASK_ON_HOLD);
        assertThat(c.status()).isEqualTo(CaseStatus.ON_HOLD);
        // the hold is the lead's: its clock stopped with what it had left, while the co-department still feeds back
        assertThat(runtime.getVariable(c.processInstanceId(), "handleLimit")).isEqualTo("P15D");
        coFeedback(c.id(), "liuyang");
        assertThat(openTaskKeys(c)).containsExactly(TASK_ON_HOLD);
        assertThat(loop.caseFile(c.id()).status()).isEqualTo(CaseStatus.ON_HOLD);
        loop.complete(c.id(), TASK_ON_HOLD, "housing1", Map.of("resumeNote", "资金到位"));
        assertThat(openTaskKeys(c)).containsExactly(TASK_HANDLE);
        feedback(c.id(), "housing1");
        assertThat(instance(c)).isWaitingAt(TASK_CHECK);
    }

    @Test
    void failedCheckOfAJointCaseGoesBackToTheDepartmentsTheCheckerNames() {
        CaseRecord c = loop.reportByGridWorker("ILLEGAL_RENOVATION");
        register(c.id());
        dispatchTo(c.id(), "citymgmt", List.of("housing", "police"));
        feedback(c.id(), "liuyang");
        coFeedback(c.id(), "housing1");
        coFeedback(c.id(), "police1");
        // the checker must name who redoes it, and only among the case's own departments
        assertThatThrownBy(() -> loop.complete(c.id(), TASK_CHECK, "wangwei", Map.of(CaseVariables.CHECK_RESULT, CheckResult.FAILED.name(), CaseVariables.COMMENT, "证照未核清")))
                .isInstanceOf(FormInvalidException.class);
        assertThatThrownBy(() -> loop.complete(c.id(), TASK_CHECK, "wangwei",
                Map.of(CaseVariables.CHECK_RESULT, CheckResult.FAILED.name(), CaseVariables.COMMENT, "证照未核清", CaseVariables.REWORK_BY, List.of("housing", "water"))))
                .isInstanceOf(FormInvalidException.class);
        assertThat(instance(c)).isWaitingAt(TASK_CHECK);

        // a co-department alone
        loop.complete(c.id(), TASK_CHECK, "wangwei", Map.of(CaseVariables.CHECK_RESULT, CheckResult.FAILED.name(), CaseVariables.COMMENT, "证照未核清", CaseVariables.REWORK_BY, List.of("housing")));
        assertThat(openTaskKeys(c)).containsExactly(TASK_CO_HANDLE);
        assertThat(openCoHandleGroups(c)).containsExactly("dept-housing");
        assertThat(loop.caseFile(c.id()).reworkCount()).isEqualTo(1);
        assertThat(caseTimeline.timeline(c.id())).last().satisfies(e -> {
            assertThat(e.action()).isEqualTo("REWORK");
            assertThat(e.details()).isEqualTo("housing");
        });
        coFeedback(c.id(), "housing1");
        assertThat(instance(c)).isWaitingAt(TASK_CHECK);

        // the lead and a co-department
        loop.complete(c.id(), TASK_CHECK, "wangwei",
                Map.of(CaseVariables.CHECK_RESULT, CheckResult.FAILED.name(), CaseVariables.COMMENT, "现场仍有堆物", CaseVariables.REWORK_BY, List.of("citymgmt", "police")));
        assertThat(openTaskKeys(c)).containsExactly(TASK_CO_HANDLE, TASK_HANDLE);
        assertThat(openCoHandleGroups(c)).containsExactly("dept-police");
        feedback(c.id(), "liuyang");
        coFeedback(c.id(), "police1");

        // the lead alone
        loop.complete(c.id(), TASK_CHECK, "wangwei", Map.of(CaseVariables.CHECK_RESULT, CheckResult.FAILED.name(), CaseVariables.COMMENT, "仍有噪音", CaseVariables.REWORK_BY, List.of("citymgmt")));
        assertThat(openTaskKeys(c)).containsExactly(TASK_HANDLE);
        feedback(c.id(), "liuyang");
        checkPassed(c.id());
        CaseRecord after = loop.caseFile(c.id());
        assertEnded(after, END_FILED);
        assertThat(after.reworkCount()).isEqualTo(3);
    }

    @Test
    void returnedToTheDispatcherAndDispatchedAgain() {
        CaseRecord c = loop.reportByGridWorker("ROAD_DAMAGE");
        register(c.id());
        dispatchTo(c.id(), "water", List.of());
        loop.complete(c.id(), TASK_HANDLE, "zhaolei", Map.of(CaseVariables.HANDLE_OUTCOME, HandleOutcome.RETURN.name(), CaseVariables.RETURN_REASON, "不属于水务职责"));
        c = loop.caseFile(c.id());
        assertThat(instance(c)).isWaitingAt(TASK_DISPATCH);
        assertThat(c.returnCount()).isEqualTo(1);
        assertThat(c.status()).isEqualTo(CaseStatus.DISPATCHING);
        dispatchTo(c.id(), "roads", List.of());
        feedback(c.id(), "sunli");
        checkPassed(c.id());
        assertEnded(loop.caseFile(c.id()), END_FILED);
    }

    @Autowired
    io.gridloop.deadline.WorkingTime workingTime;

    @Test
    void extensionApprovedGivesTheApprovedDays() {
        loop.at(LoopDriver.MONDAY_0900);
        CaseRecord c = handling("MANHOLE", "water");
        loop.complete(c.id(), TASK_HANDLE, "zhaolei", Map.of(CaseVariables.HANDLE_OUTCOME, HandleOutcome.EXTENSION.name(), CaseVariables.EXTENSION_DAYS, 5, CaseVariables.EXTENSION_REASON, "需采购配件"));
        assertThat(instance(c)).isWaitingAt(TASK_APPROVE_EXTENSION);
        assertThat(loop.caseFile(c.id()).status()).isEqualTo(CaseStatus.APPROVING);
        loop.complete(c.id(), TASK_APPROVE_EXTENSION, "zhoujie", Map.of(CaseVariables.EXTENSION_DECISION, ApprovalDecision.APPROVED.name(), CaseVariables.APPROVED_DAYS, 3));
        assertThat(instance(c)).isWaitingAt(TASK_HANDLE);
        // the 4 working hours it had left, plus the 3 working days approved
        assertThat(runtime.getVariable(c.processInstanceId(), "handleLimit")).isEqualTo("P3DT4H");
        CaseRecord after = loop.caseFile(c.id());
        assertThat(after.extensionCount()).isEqualTo(1);
        // from Monday 09:00: three working days to Thursday 09:00, then four working hours to 14:30
        assertThat(after.dueAt().toInstant()).isEqualTo(workingTime.plus(LoopDriver.MONDAY_0900, io.gridloop.deadline.TimeLimit.parse("P3DT4H")));
        assertThat(after.dueAt().toInstant()).isEqualTo(LoopDriver.MONDAY_0900.plus(Duration.ofDays(3)).plus(Duration.ofMinutes(330)));
        feedback(c.id(), "zhaolei");
        checkPassed(c.id());
        assertEnded(loop.caseFile(c.id()), END_FILED);
    }

    @Test
    void extensionRefusedGoesBackToHandling() {
        CaseRecord c = handling("MANHOLE", "water");
        loop.complete(c.id(), TASK_HANDLE, "zhaolei", Map.of(CaseVariables.HANDLE_OUTCOME, HandleOutcome.EXTENSION.name(), CaseVariables.EXTENSION_DAYS, 5, CaseVariables.EXTENSION_REASON, "需采购配件"));
        loop.complete(c.id(), TASK_APPROVE_EXTENSION, "zhoujie", Map.of(CaseVariables.EXTENSION_DECISION, ApprovalDecision.REFUSED.name(), CaseVariables.COMMENT, "应急处置即可"));
        assertThat(instance(c)).isWaitingAt(TASK_HANDLE);
        // the department that asked is told
        assertThat(outbox.of("zhaolei", 100)).anySatisfy(m -> assertThat(m.subject()).contains(c.caseNumber(), "未获批准"));
        assertThat(loop.caseFile(c.id()).extensionCount()).isZero();
        assertThat(runtime.getVariable(c.processInstanceId(), "handleLimit")).isEqualTo("PT4H");
    }

    @Test
    void holdApprovedStopsTheClockUntilReleased() {
        loop.at(LoopDriver.MONDAY_0900);
        CaseRecord c = handling("DANGEROUS_HOUSE", "housing");
        loop.complete(c.id(), TASK_HANDLE, "housing1", Map.of(CaseVariables.HANDLE_OUTCOME, HandleOutcome.HOLD.name(), CaseVariables.HOLD_REASON, "需市级资金"));
        loop.complete(c.id(), TASK_APPROVE_HOLD, "zhoujie", Map.of(CaseVariables.HOLD_DECISION, ApprovalDecision.APPROVED.name()));
        c = loop.caseFile(c.id());
        assertThat(instance(c)).isWaitingAt(TASK_ON_HOLD);
        assertThat(c.status()).isEqualTo(CaseStatus.ON_HOLD);
        // no handling timer runs while the case is on hold: only its review date (30 days, as the case's limits count)
        Instant review = workingTime.plus(LoopDriver.MONDAY_0900, io.gridloop.deadline.TimeLimit.parse("P30D"));
        assertThat(c.dueAt().toInstant()).isEqualTo(review);
        assertThat(engine.getManagementService().createJobQuery().processInstanceId(c.processInstanceId()).timers().list())
                .singleElement().satisfies(j -> assertThat(j.getDuedate().toInstant()).isEqualTo(review));
        // released a month later, the handling step has the 15 working days it had left when it was held
        loop.at(LoopDriver.MONDAY_0900.plus(Duration.ofDays(30)));
        loop.complete(c.id(), TASK_ON_HOLD, "housing1", Map.of("resumeNote", "资金到位"));
        assertThat(instance(c)).isWaitingAt(TASK_HANDLE);
        assertThat(runtime.getVariable(c.processInstanceId(), "handleLimit")).isEqualTo("P15D");
        assertThat(loop.caseFile(c.id()).dueAt().toInstant()).isEqualTo(
                workingTime.plus(LoopDriver.MONDAY_0900.plus(Duration.ofDays(30)), io.gridloop.deadline.TimeLimit.parse("P15D")));
        assertThat(caseTimeline.timeline(c.id())).extracting(TimelineEntry::action).contains("HELD", "RESUMED");
    }

    @Test
    void theOfficialWhoClaimedTheHandlingKeepsItThroughApprovals() {
        io.gridloop.inbox.InboxService inbox = ctx.getBean(io.gridloop.inbox.InboxService.class);
        CaseRecord c = handling("EXPOSED_RUBBISH", "citymgmt");
        inbox.claim(loop.task(c.id(), TASK_HANDLE).taskId(), "liuyang", loop.groups("liuyang"));

        // an approved extension: the new handling task is still liuyang's, not back in the group
        loop.complete(c.id(), TASK_HANDLE, "liuyang", Map.of(CaseVariables.HANDLE_OUTCOME, HandleOutcome.EXTENSION.name(), CaseVariables.EXTENSION_DAYS, 2, CaseVariables.EXTENSION_REASON, "需调机械"));
        loop.complete(c.id(), TASK_APPROVE_EXTENSION, "zhoujie", Map.of(CaseVariables.EXTENSION_DECISION, ApprovalDecision.APPROVED.name(), CaseVariables.APPROVED_DAYS, 2));
        assertThat(loop.task(c.id(), TASK_HANDLE).assignee()).isEqualTo("liuyang");
        assertThat(loop.caseFile(c.id()).assignee()).isEqualTo("liuyang");
        assertThatThrownBy(() -> loop.complete(c.id(), TASK_HANDLE, "chenjing", Map.of(CaseVariables.HANDLE_OUTCOME, HandleOutcome.FEEDBACK.name(), "feedback", "x")))
                .isInstanceOfSatisfying(io.gridloop.inbox.InboxException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("error.task.claimedByOther"));

        // a refused one too
        loop.complete(c.id(), TASK_HANDLE, "liuyang", Map.of(CaseVariables.HANDLE_OUTCOME, HandleOutcome.EXTENSION.name(), CaseVariables.EXTENSION_DAYS, 2, CaseVariables.EXTENSION_REASON, "再调机械"));
        loop.complete(c.id(), TASK_APPROVE_EXTENSION, "zhoujie", Map.of(CaseVariables.EXTENSION_DECISION, ApprovalDecision.REFUSED.name(), CaseVariables.COMMENT, "时限内完成"));
        assertThat(loop.task(c.id(), TASK_HANDLE).assignee()).isEqualTo("liuyang");

        // a hold: the wait and the handling after release are liuyang's
        loop.complete(c.id(), TASK_HANDLE, "liuyang", Map.of(CaseVariables.HANDLE_OUTCOME, HandleOutcome.HOLD.name(), CaseVariables.HOLD_REASON, "需整体改造"));
        loop.complete(c.id(), TASK_APPROVE_HOLD, "zhoujie", Map.of(CaseVariables.HOLD_DECISION, ApprovalDecision.APPROVED.name()));
        assertThat(loop.task(c.id(), TASK_ON_HOLD).assignee()).isEqualTo("liuyang");
        loop.complete(c.id(), TASK_ON_HOLD, "liuyang", Map.of("resumeNote", "改造方案已批"));
        assertThat(loop.task(c.id(), TASK_HANDLE).assignee()).isEqualTo("liuyang");

        // released by the official, the next request's handling task goes back to the group
        inbox.unclaim(loop.task(c.id(), TASK_HANDLE).taskId(), "liuyang");
        loop.complete(c.id(), TASK_HANDLE, "liuyang", Map.of(CaseVariables.HANDLE_OUTCOME, HandleOutcome.EXTENSION.name(), CaseVariables.EXTENSION_DAYS, 1, CaseVariables.EXTENSION_REASON, "雨天"));
        loop.complete(c.id(), TASK_APPROVE_EXTENSION, "zhoujie", Map.of(CaseVariables.EXTENSION_DECISION, ApprovalDecision.APPROVED.name(), CaseVariables.APPROVED_DAYS, 1));
        assertThat(loop.task(c.id(), TASK_HANDLE).assignee()).isNull();
        assertThat(loop.caseFile(c.id()).candidateGroup()).isEqualTo("dept-citymgmt");
    }

    @Test
    void aHeldCaseIsReviewedByASupervisorAtEachReviewDate() {
        loop.at(LoopDriver.MONDAY_0900);
        CaseRecord c = handling("DANGEROUS_HOUSE", "housing");
        loop.complete(c.id(), TASK_HANDLE, "housing1", Map.of(CaseVariables.HANDLE_OUTCOME, HandleOutcome.HOLD.name(), CaseVariables.HOLD_REASON, "需市级资金"));
        loop.complete(c.id(), TASK_APPROVE_HOLD, "zhoujie", Map.of(CaseVariables.HOLD_DECISION, ApprovalDecision.APPROVED.name()));
        Instant firstReview = loop.caseFile(c.id()).dueAt().toInstant();

        // the review date comes: the wait ends and the supervisor reviews, the case still on hold
        loop.at(firstReview.plusSeconds(60));
        assertThat(instance(c)).isWaitingAt(TASK_REVIEW_HOLD);
        CaseRecord reviewing = loop.caseFile(c.id());
        assertThat(reviewing.status()).isEqualTo(CaseStatus.ON_HOLD);
        assertThat(reviewing.currentStep()).isEqualTo("REVIEW_HOLD");
        assertThat(reviewing.candidateGroup()).isEqualTo("supervisor");
        // keeping it on hold needs a reason
        assertThatThrownBy(() -> loop.complete(c.id(), TASK_REVIEW_HOLD, "zhoujie", Map.of(CaseVariables.HOLD_REVIEW_DECISION, HoldReviewDecision.KEEP.name())))
                .isInstanceOf(FormInvalidException.class);
        loop.complete(c.id(), TASK_REVIEW_HOLD, "zhoujie", Map.of(CaseVariables.HOLD_REVIEW_DECISION, HoldReviewDecision.KEEP.name(), CaseVariables.HOLD_REVIEW_REASON, "资金下月到位"));
        assertThat(instance(c)).isWaitingAt(TASK_ON_HOLD);
        Instant secondReview = loop.caseFile(c.id()).dueAt().toInstant();
        assertThat(secondReview).isEqualTo(workingTime.plus(firstReview.plusSeconds(60), io.gridloop.deadline.TimeLimit.parse("P30D")));
        assertThat(caseTimeline.timeline(c.id())).last().satisfies(e -> {
            assertThat(e.step()).isEqualTo("REVIEW_HOLD");
            assertThat(e.action()).isEqualTo("HOLD_KEPT");
            assertThat(e.comment()).isEqualTo("资金下月到位");
        });

        // the second review is late: it warns and turns overdue on its own limit, then releases the case to handling
        loop.at(secondReview.plusSeconds(60));
        assertThat(instance(c)).isWaitingAt(TASK_REVIEW_HOLD);
        Instant reviewDue = loop.caseFile(c.id()).dueAt().toInstant();
        assertThat(reviewDue).isEqualTo(workingTime.plus(secondReview.plusSeconds(60), io.gridloop.deadline.TimeLimit.parse("PT4H")));
        loop.at(reviewDue.plusSeconds(60));
        assertThat(loop.caseFile(c.id()).overdue()).isTrue();
        assertThat(caseTimeline.timeline(c.id())).filteredOn(e -> "REVIEW_HOLD".equals(e.step())).extracting(TimelineEntry::action)
                .contains("WARNING", "OVERDUE");
        loop.complete(c.id(), TASK_REVIEW_HOLD, "zhoujie", Map.of(CaseVariables.HOLD_REVIEW_DECISION, HoldReviewDecision.RELEASE.name()));
        assertThat(instance(c)).isWaitingAt(TASK_HANDLE);
        // the handling step gets back the 15 working days it had left when it was held
        assertThat(runtime.getVariable(c.processInstanceId(), "handleLimit")).isEqualTo("P15D");
        assertThat(caseTimeline.timeline(c.id())).extracting(TimelineEntry::action).contains("HELD", "HOLD_KEPT", "RESUMED");
    }

    @Test
    void holdRefusedGoesBackToHandling() {
        CaseRecord c = handling("DANGEROUS_HOUSE", "housing");
        loop.complete(c.id(), TASK_HANDLE, "housing1", Map.of(CaseVariables.HANDLE_OUTCOME, HandleOutcome.HOLD.name(), CaseVariables.HOLD_REASON, "需市级资金"));
        loop.complete(c.id(), TASK_APPROVE_HOLD, "zhoujie", Map.of(CaseVariables.HOLD_DECISION, ApprovalDecision.REFUSED.name()));
        assertThat(instance(c)).isWaitingAt(TASK_HANDLE);
    }

    @Test
    void checkFailedIsReworkedOnceThenFiled() {
        CaseRecord c = handling("MANHOLE", "water");
        feedback(c.id(), "zhaolei");
        loop.complete(c.id(), TASK_CHECK, "wangwei", Map.of(CaseVariables.CHECK_RESULT, CheckResult.FAILED.name(), CaseVariables.COMMENT, "井盖仍松动"));
        c = loop.caseFile(c.id());
        assertThat(instance(c)).isWaitingAt(TASK_HANDLE);
        assertThat(c.reworkCount()).isEqualTo(1);
        feedback(c.id(), "zhaolei");
        checkPassed(c.id());
        assertEnded(loop.caseFile(c.id()), END_FILED);
        assertThat(loop.caseFile(c.id()).reworkCount()).isEqualTo(1);
    }

    @Test
    void dissatisfiedCitizenWithAnAcceptedReasonGetsTheCaseRedone() {
        CaseRecord c = calledBack();
        loop.complete(c.id(), TASK_CALLBACK, "lina", Map.of(CaseVariables.SATISFACTION, Satisfaction.DISSATISFIED.name(), CaseVariables.DISSATISFACTION_REASON, "路灯又坏了"));
        assertThat(instance(c)).isWaitingAt(TASK_REVIEW_DISSATISFACTION);
        loop.complete(c.id(), TASK_REVIEW_DISSATISFACTION, "zhangmin", Map.of(CaseVariables.DISSATISFACTION_DECISION, DissatisfactionDecision.ACCEPTED.name()));
        assertThat(instance(c)).isWaitingAt(TASK_HANDLE);
        assertThat(loop.caseFile(c.id()).reworkCount()).isEqualTo(1);
        feedback(c.id(), "sunli");
        checkPassed(c.id());
        loop.complete(c.id(), TASK_CALLBACK, "lina", Map.of(CaseVariables.SATISFACTION, Satisfaction.BASICALLY_SATISFIED.name()));
        assertEnded(loop.caseFile(c.id()), END_FILED);
    }

    @Test
    void dissatisfiedCitizenWithoutAnAcceptedReasonIsFiled() {
        CaseRecord c = calledBack();
        loop.complete(c.id(), TASK_CALLBACK, "lina", Map.of(CaseVariables.SATISFACTION, Satisfaction.DISSATISFIED.name(), CaseVariables.DISSATISFACTION_REASON, "希望更换新款路灯"));
        loop.complete(c.id(), TASK_REVIEW_DISSATISFACTION, "zhangmin", Map.of(CaseVariables.DISSATISFACTION_DECISION, DissatisfactionDecision.NOT_ACCEPTED.name()));
        CaseRecord after = loop.caseFile(c.id());
        assertEnded(after, END_FILED);
        assertThat(after.satisfaction()).isEqualTo("DISSATISFIED");
    }

    private CaseRecord handling(String subcategory, String department) {
        CaseRecord c = loop.reportByGridWorker(subcategory);
        register(c.id());
        dispatchTo(c.id(), department, List.of());
        assertThat(instance(c)).isWaitingAt(TASK_HANDLE);
        return loop.caseFile(c.id());
    }

    private CaseRecord calledBack() {
        CaseRecord c = loop.reportByCitizen("STREETLIGHT");
        loop.complete(c.id(), TASK_VERIFY, "wangwei", Map.of(CaseVariables.VERIFY_RESULT, VerifyResult.CONFIRMED.name()));
        register(c.id());
        dispatchTo(c.id(), "roads", List.of());
        feedback(c.id(), "sunli");
        checkPassed(c.id());
        assertThat(instance(c)).isWaitingAt(TASK_CALLBACK);
        return loop.caseFile(c.id());
    }
}
