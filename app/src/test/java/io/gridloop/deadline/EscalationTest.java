package io.gridloop.deadline;

import static io.gridloop.process.CaseLoop.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridloop.casefile.CaseRecord;
import io.gridloop.process.CaseVariables;
import io.gridloop.casefile.TimelineEntry;
import io.gridloop.notify.Outbox;
import io.gridloop.process.HandleOutcome;
import io.gridloop.process.RegisterDecision;
import io.gridloop.support.LoopDriver;
import io.gridloop.support.ProcessTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Overdue handling climbs: a reminder to the department at once, a street supervision order after one working day, the
 * district after five, the notice list after ten; each once, each on the timeline, each addressed to the department
 * working the case and told to the level that issued it. An order is answered from the department's inbox, or closes when
 * its step is done (the paths of processes/supervisionOrder.bpmn).
 */
@ProcessTest
class EscalationTest {

    @Autowired
    LoopDriver loop;
    @Autowired
    io.gridloop.casefile.CaseTimeline caseTimeline;
    @Autowired
    Supervision supervision;
    @Autowired
    WorkingTime workingTime;
    @Autowired
    Outbox outbox;
    @Autowired
    ManagementService management;
    @Autowired
    io.gridloop.inbox.InboxService inbox;
    @Autowired
    org.camunda.bpm.engine.RuntimeService runtimeService;
    @Autowired
    io.gridloop.inbox.InboxPages pages;
    @Autowired
    org.camunda.bpm.engine.TaskService tasks;
    @Autowired
    org.camunda.bpm.engine.RepositoryService repository;

    @AfterEach
    void clock() {
        loop.resetClock();
    }

    private CaseRecord handling() {
        loop.at(LoopDriver.MONDAY_0900);
        CaseRecord c = loop.reportByGridWorker("STREETLIGHT");
        loop.complete(c.id(), TASK_REGISTER, "lina", Map.of(CaseVariables.REGISTER_DECISION, RegisterDecision.REGISTER.name()));
        loop.complete(c.id(), TASK_DISPATCH, "zhangmin", Map.of(CaseVariables.DEPARTMENT, "roads", CaseVariables.CO_DEPARTMENTS, List.of()));
        return loop.caseFile(c.id());
    }

    private List<String> orders(long caseId) {
        return supervision.ofCase(caseId).stream().map(o -> o.kind() + "/" + o.level() + "/" + o.recipientGroup()
                + (o.issuerGroup() == null ? "" : "/" + o.issuerGroup())).toList();
    }

    private Instant dueAfter(Instant due, String workingDays) {
        return workingTime.plus(due, TimeLimit.parse(workingDays));
    }

    @Test
    void overdueHandlingClimbsFromReminderToStreetToDistrictToTheNoticeList() {
        CaseRecord c = handling();
        Instant due = c.dueAt().toInstant();
        assertThat(due).isEqualTo(workingTime.plus(LoopDriver.MONDAY_0900, TimeLimit.parse("P3D")));

        loop.at(due.plusSeconds(60));
        assertThat(orders(c.id())).containsExactly("REMINDER/DEPARTMENT/dept-roads");
        assertThat(outbox.of("sunli", 50)).anySatisfy(m -> assertThat(m.subject()).contains("超期催办", c.caseNumber()));

        loop.at(dueAfter(due, "P1D").minusSeconds(60));
        assertThat(orders(c.id())).hasSize(1);
        loop.at(dueAfter(due, "P1D").plusSeconds(60));
        assertThat(orders(c.id())).containsExactly("REMINDER/DEPARTMENT/dept-roads", "SUPERVISION/STREET/dept-roads/supervisor-S01");
        // the department answers it; the street's supervisors who issued it are told in the same words
        assertThat(outbox.of("sunli", 50)).anySatisfy(m -> assertThat(m.subject()).contains("【超期督办】", c.caseNumber()));
        assertThat(outbox.of("qianfeng", 50)).anySatisfy(m -> assertThat(m.subject()).contains("【超期督办】", c.caseNumber()));
        assertThat(outbox.of("xuli", 50)).as("another street's supervisor").noneSatisfy(m -> assertThat(m.subject()).contains(c.caseNumber()));

        loop.at(dueAfter(due, "P5D").plusSeconds(60));
        assertThat(orders(c.id())).last().isEqualTo("SUPERVISION/DISTRICT/dept-roads/supervisor");
        assertThat(outbox.of("zhoujie", 50)).anySatisfy(m -> {
            assertThat(m.subject()).contains("【升级督办】", c.caseNumber());
            assertThat(m.body()).contains(c.caseNumber(), "督办单位:区指挥中心", "承办单位:市政市容管理委员会");
        });

        loop.at(dueAfter(due, "P10D").plusSeconds(60));
        assertThat(orders(c.id())).last().isEqualTo("NOTICE/DISTRICT/dept-roads/manager");
        assertThat(outbox.of("wuqiang", 50)).anySatisfy(m -> assertThat(m.subject()).contains("【通报】", c.caseNumber()));

        // a timer firing again for the same deadline, or another node racing, opens nothing twice
        assertThat(supervision.openForDeadline(c.id(), "HANDLE", SupervisionOrder.Kind.SUPERVISION, SupervisionOrder.Level.STREET)).isFalse();
        loop.at(dueAfter(due, "P20D"));
        assertThat(orders(c.id())).hasSize(4);
        assertThat(caseTimeline.timeline(c.id())).extracting(TimelineEntry::action).filteredOn(a -> a.matches("REMINDER|SUPERVISION|NOTICE"))
                .containsExactly("REMINDER", "SUPERVISION", "SUPERVISION", "NOTICE");
        assertThat(outbox.of("qianfeng", 50).stream().filter(m -> m.subject().contains(c.caseNumber()))).hasSize(1);
        // each order and the notice wait for the department's answer in its inbox
        assertThat(pages.openTasksOfCase(c.id())).filteredOn(t -> t.taskKey().equals(SupervisionProcess.TASK_ANSWER)).hasSize(3)
                .allSatisfy(t -> assertThat(t.candidateGroup()).isEqualTo("dept-roads"));
        assertThat(loop.caseFile(c.id()).currentStep()).as("the answer tasks are not the case's step").isEqualTo("HANDLE");
    }

    /**
     * The chain is processes/escalation.dmn: a process owner who redeploys it with the street level after two working days,
     * issued by the district's supervisors, changes the handling steps that start after it, with no Java change.
     */
    @Test
    void theChainIsTheEscalationTableTheProcessOwnerRedeploys() throws Exception {
        String table;
        try (var in = getClass().getResourceAsStream("/processes/escalation.dmn")) {
            table = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        String changed = table.replace("<text>&quot;P1D&quot;</text>", "<text>&quot;P2D&quot;</text>")
                .replace("<text>&quot;supervisor-&quot; + streetCode</text>", "<text>&quot;supervisor&quot;</text>");
        assertThat(changed).isNotEqualTo(table);
        try {
            repository.createDeployment().name("escalation changed").addString("escalation.dmn", changed).deploy();
            CaseRecord c = handling();
            Instant due = c.dueAt().toInstant();
            loop.at(dueAfter(due, "P1D").plusSeconds(60));
            assertThat(orders(c.id())).containsExactly("REMINDER/DEPARTMENT/dept-roads");
            loop.at(dueAfter(due, "P2D").plusSeconds(60));
            assertThat(orders(c.id())).containsExactly("REMINDER/DEPARTMENT/dept-roads", "SUPERVISION/STREET/dept-roads/supervisor");
        } finally {
            repository.createDeployment().name("escalation as shipped").addString("escalation.dmn", table).deploy();
        }
    }

    @Test
    void overdueCoHandlingClimbsToo() {
        loop.at(LoopDriver.MONDAY_0900);
        CaseRecord c = loop.reportByGridWorker("STREETLIGHT");
        loop.complete(c.id(), TASK_REGISTER, "lina", Map.of(CaseVariables.REGISTER_DECISION, RegisterDecision.REGISTER.name()));
        loop.complete(c.id(), TASK_DISPATCH, "zhangmin", Map.of(CaseVariables.DEPARTMENT, "roads", CaseVariables.CO_DEPARTMENTS, List.of("police")));
        // the lead feeds back at once; the co-department it works beside does not
        loop.complete(c.id(), TASK_HANDLE, "sunli", Map.of(CaseVariables.HANDLE_OUTCOME, HandleOutcome.FEEDBACK.name(), "feedback", "已修复"));
        Instant due = loop.caseFile(c.id()).dueAt().toInstant();
        loop.at(dueAfter(due, "P10D").plusSeconds(60));
        // all four fall due in one jump of the clock, so their order is the job executor's
        assertThat(orders(c.id())).containsExactlyInAnyOrder("REMINDER/DEPARTMENT/dept-police",
                "SUPERVISION/STREET/dept-police/supervisor-S01", "SUPERVISION/DISTRICT/dept-police/supervisor",
                "NOTICE/DISTRICT/dept-police/manager");
        assertThat(supervision.ofCase(c.id())).allSatisfy(o -> assertThat(o.step()).isEqualTo("CO_HANDLE"));
    }

    @Test
    void handlingInTimeStopsTheEscalation() {
        CaseRecord c = handling();
        String pi = c.processInstanceId();
        assertThat(management.createJobQuery().processInstanceId(pi).timers().count()).as("warning, overdue and 3 escalations").isEqualTo(5);
        loop.complete(c.id(), TASK_HANDLE, "sunli", Map.of(CaseVariables.HANDLE_OUTCOME, HandleOutcome.FEEDBACK.name(), "feedback", "已修复"));
        loop.at(dueAfter(c.dueAt().toInstant(), "P20D"));
        assertThat(orders(c.id())).as("the check step warns and reminds, nothing climbs").allMatch(o -> o.startsWith("REMINDER"));
    }

    @Autowired
    io.gridloop.security.AccessScopes scopes;

    @Test
    void supervisorOpensASupervisionOrderByHand() {
        CaseRecord c = handling();
        assertThat(supervision.openByHand(c.caseNumber(), scopes.of("zhoujie", loop.groups("zhoujie")), SupervisionOrder.Level.DISTRICT,
                "群众多次反映")).isTrue();
        assertThat(orders(c.id())).containsExactly("SUPERVISION/DISTRICT/dept-roads/supervisor");
        assertThat(caseTimeline.timeline(c.id())).last().satisfies(e -> {
            assertThat(e.actor()).isEqualTo("zhoujie");
            assertThat(e.comment()).isEqualTo("群众多次反映");
        });
    }

    private SupervisionOrder byHand(CaseRecord c) {
        supervision.openByHand(c.caseNumber(), scopes.of("zhoujie", loop.groups("zhoujie")), SupervisionOrder.Level.DISTRICT, "群众多次反映");
        return supervision.ofCase(c.id()).get(supervision.ofCase(c.id()).size() - 1);
    }

    // the engine keeps no history (production's level, none): the order's own closedHow says which end it reached
    private boolean ended(String processInstanceId) {
        return runtimeService.createProcessInstanceQuery().processInstanceId(processInstanceId).count() == 0;
    }

    private String answerProcess(SupervisionOrder o) {
        return tasks.createTaskQuery().taskId(loop.task(o.caseId(), SupervisionProcess.TASK_ANSWER).taskId()).singleResult()
                .getProcessInstanceId();
    }

    @Test
    void anOrderByHandIsAddressedToTheDepartmentWorkingTheCaseAndSaysWhyItWasIssued() {
        CaseRecord c = handling();
        SupervisionOrder o = byHand(c);
        assertThat(o.recipientGroup()).isEqualTo("dept-roads");
        assertThat(o.cause()).isEqualTo(SupervisionOrder.Cause.MANUAL);
        assertThat(o.answerDueAt()).isEqualTo(workingTime.plus(LoopDriver.MONDAY_0900, TimeLimit.parse("P1D")).atOffset(o.answerDueAt().getOffset()));
        // the case is not overdue: the title says it was opened by hand, never "超期未办结"
        assertThat(outbox.of("sunli", 50)).filteredOn(m -> m.subject().contains(c.caseNumber())).singleElement().satisfies(m -> {
            assertThat(m.subject()).startsWith("【人工督办】案件 " + c.caseNumber()).doesNotContain("超期");
            assertThat(m.body()).contains("督办事由:群众多次反映", "承办单位:市政市容管理委员会", "Supervision order by hand");
        });
        assertThat(outbox.of("zhaolei", 50)).as("another department").noneSatisfy(m -> assertThat(m.subject()).contains(c.caseNumber()));
        io.gridloop.inbox.InboxTask answer = loop.task(c.id(), SupervisionProcess.TASK_ANSWER);
        assertThat(answer.candidateGroup()).isEqualTo("dept-roads");
        assertThat(answer.dueAt().toInstant()).isEqualTo(o.answerDueAt().toInstant());
        assertThat(pages.page("sunli", loop.groups("sunli"), io.gridloop.inbox.InboxQuery.firstPage(io.gridloop.inbox.InboxQuery.Scope.ALL)))
                .anySatisfy(t -> assertThat(t.taskId()).isEqualTo(answer.taskId()));
        assertThat(pages.page("zhaolei", loop.groups("zhaolei"), io.gridloop.inbox.InboxQuery.firstPage(io.gridloop.inbox.InboxQuery.Scope.ALL)))
                .noneSatisfy(t -> assertThat(t.taskId()).isEqualTo(answer.taskId()));
        assertThat(loop.caseFile(c.id()).currentStep()).isEqualTo("HANDLE");
    }

    @Test
    void theDepartmentAnswersFromItsInboxAndTheSupervisorsReadTheAnswer() {
        CaseRecord c = handling();
        SupervisionOrder o = byHand(c);
        String pi = answerProcess(o);
        loop.complete(c.id(), SupervisionProcess.TASK_ANSWER, "sunli",
                Map.of("supervisionAnswer", "已安排抢修队更换灯具", "doneBy", "2026-11-25"));

        SupervisionOrder answered = supervision.order(o.id());
        assertThat(answered.closedHow()).isEqualTo(SupervisionOrder.ClosedHow.ANSWERED);
        assertThat(answered.closedAt()).isNotNull();
        assertThat(answered.answer()).isEqualTo("已安排抢修队更换灯具");
        assertThat(answered.answeredBy()).isEqualTo("sunli");
        assertThat(answered.doneBy()).isEqualTo(java.time.LocalDate.of(2026, 11, 25));
        assertThat(ended(pi)).as("End_Answered").isTrue();
        assertThat(pages.openTasksOfCase(c.id())).extracting(io.gridloop.inbox.InboxTask::taskKey).containsExactly(TASK_HANDLE);
        // the supervisor who issued it reads the answer: a message, the supervision list, the case's timeline
        assertThat(outbox.of("zhoujie", 50)).anySatisfy(m -> {
            assertThat(m.subject()).startsWith("【督办答复】案件 " + c.caseNumber());
            assertThat(m.body()).contains("办理情况:已安排抢修队更换灯具", "办结时限:2026-11-25", "答复人:sunli");
        });
        assertThat(supervision.openOrders(50, scopes.of("zhoujie", loop.groups("zhoujie"))))
                .anySatisfy(x -> assertThat(x.answer()).isEqualTo("已安排抢修队更换灯具"));
        assertThat(caseTimeline.timeline(c.id())).anySatisfy(e -> {
            assertThat(e.actor()).isEqualTo("sunli");
            assertThat(e.step()).isEqualTo(SupervisionProcess.TASK_ANSWER);
            assertThat(e.details()).contains("已安排抢修队更换灯具");
        });
        // the case goes on where it was
        assertThat(loop.caseFile(c.id()).currentStep()).isEqualTo("HANDLE");
    }

    @Test
    void anAnswerPromisingADayAlreadyPastIsRefusedAndNothingIsSaved() {
        CaseRecord c = handling();
        SupervisionOrder o = byHand(c);
        int timeline = caseTimeline.timeline(c.id()).size();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> loop.complete(c.id(), SupervisionProcess.TASK_ANSWER, "sunli",
                        Map.of("supervisionAnswer", "已处理", "doneBy", "2026-11-20")))
                .isInstanceOf(io.gridloop.system.UserFacingException.class)
                .extracting(e -> ((io.gridloop.system.UserFacingException) e).messageKey()).isEqualTo("error.supervision.doneByPast");
        assertThat(supervision.order(o.id()).closedAt()).isNull();
        assertThat(caseTimeline.timeline(c.id())).hasSize(timeline);
        assertThat(pages.openTasksOfCase(c.id())).extracting(io.gridloop.inbox.InboxTask::taskKey)
                .containsExactlyInAnyOrder(TASK_HANDLE, SupervisionProcess.TASK_ANSWER);
    }

    @Test
    void anOrderClosesWhenTheStepItChasesIsDone() {
        CaseRecord c = handling();
        SupervisionOrder o = byHand(c);
        String pi = answerProcess(o);
        loop.complete(c.id(), TASK_HANDLE, "sunli", Map.of(CaseVariables.HANDLE_OUTCOME, HandleOutcome.FEEDBACK.name(), "feedback", "已修复"));

        SupervisionOrder closed = supervision.order(o.id());
        assertThat(closed.closedHow()).isEqualTo(SupervisionOrder.ClosedHow.STEP_DONE);
        assertThat(closed.closedAt()).isNotNull();
        assertThat(closed.answer()).isNull();
        assertThat(ended(pi)).as("End_StepDone").isTrue();
        assertThat(pages.openTasksOfCase(c.id())).extracting(io.gridloop.inbox.InboxTask::taskKey).containsExactly(TASK_CHECK);
        assertThat(caseTimeline.timeline(c.id())).last().satisfies(e -> assertThat(e.action()).isIn("SUPERVISION_CLOSED", "COMPLETED"));
        assertThat(caseTimeline.timeline(c.id())).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("SUPERVISION_CLOSED");
            assertThat(e.decision()).isEqualTo("STEP_DONE");
        });
        assertThat(loop.caseFile(c.id()).currentStep()).isEqualTo("CHECK");
    }

    @Test
    void aReminderClosesWhenItsStepIsDone() {
        CaseRecord c = handling();
        loop.at(c.dueAt().toInstant().plusSeconds(60));
        loop.complete(c.id(), TASK_HANDLE, "sunli", Map.of(CaseVariables.HANDLE_OUTCOME, HandleOutcome.FEEDBACK.name(), "feedback", "已修复"));
        assertThat(supervision.ofCase(c.id())).singleElement().satisfies(o -> {
            assertThat(o.kind()).isEqualTo(SupervisionOrder.Kind.REMINDER);
            assertThat(o.closedHow()).isEqualTo(SupervisionOrder.ClosedHow.STEP_DONE);
        });
    }

    @Autowired
    org.springframework.context.ApplicationContext ctx;

    @Test
    void theAnswerIsGivenInTheTaskViewAndTheSupervisorReadsItInTheSupervisionList() {
        CaseRecord c = handling();
        SupervisionOrder o = byHand(c);
        try {
            io.gridloop.support.KaribuUi.signIn(ctx, "sunli");
            com.vaadin.flow.component.UI.getCurrent().navigate(io.gridloop.inbox.TaskView.class,
                    new com.vaadin.flow.router.RouteParameters("taskId", loop.task(c.id(), SupervisionProcess.TASK_ANSWER).taskId()));
            io.gridloop.inbox.TaskView task = com.github.mvysny.kaributesting.v10.LocatorJ._get(io.gridloop.inbox.TaskView.class);
            assertThat(task.getElement().getTextRecursively()).contains(c.caseNumber() + " · 督办回复");
            // the form's text names the order: why, by whom, and the supervisor's words
            assertThat(com.github.mvysny.kaributesting.v10.LocatorJ._find(com.vaadin.flow.component.Html.class).stream()
                    .map(com.vaadin.flow.component.Html::getInnerHtml).toList())
                    .anySatisfy(h -> assertThat(h).contains("人工督办 · 区指挥中心", "群众多次反映"));
            com.github.mvysny.kaributesting.v10.LocatorJ._get(com.vaadin.flow.component.textfield.TextArea.class).setValue("已更换灯具");
            com.github.mvysny.kaributesting.v10.LocatorJ._get(com.vaadin.flow.component.datepicker.DatePicker.class)
                    .setValue(java.time.LocalDate.of(2026, 11, 24));
            com.github.mvysny.kaributesting.v10.LocatorJ._get(com.vaadin.flow.component.button.Button.class, b -> b.withId("submit-task"))
                    .click();
            assertThat(supervision.order(o.id()).closedHow()).isEqualTo(SupervisionOrder.ClosedHow.ANSWERED);
            io.gridloop.support.KaribuUi.signOut();

            io.gridloop.support.KaribuUi.signIn(ctx, "zhoujie");
            com.vaadin.flow.component.UI.getCurrent().navigate(SupervisionView.class);
            SupervisionView view = com.github.mvysny.kaributesting.v10.LocatorJ._get(SupervisionView.class);
            assertThat(view.orders.getGenericDataView().getItems().filter(x -> x.id() == o.id()).toList()).singleElement()
                    .satisfies(x -> assertThat(x.answer()).isEqualTo("已更换灯具"));
            assertThat(com.github.mvysny.kaributesting.v10.GridKt._getFormattedRow(view.orders,
                    view.orders.getGenericDataView().getItems().toList().indexOf(supervision.order(o.id()))))
                    .contains("人工督办", "已答复", "已更换灯具(办结时限 2026-11-24,答复人 孙丽)");
        } finally {
            io.gridloop.support.KaribuUi.signOut();
        }
    }
}
