package io.gridloop.deadline;

import static io.gridloop.process.CaseLoop.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridloop.casefile.CaseRecord;
import io.gridloop.process.CaseVariables;
import io.gridloop.casefile.TimelineEntry;
import io.gridloop.inbox.InboxService;
import io.gridloop.process.HandleOutcome;
import io.gridloop.process.RegisterDecision;
import io.gridloop.support.LoopDriver;
import io.gridloop.support.ProcessTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Staged limits (handlingStages table): an illegal building is handled in three stages, stop work in 4 working hours,
 * penalty in 7 working days, demolition in 20, each stage with its own deadline, warning and overdue.
 */
@ProcessTest
class HandlingStagesTest {

    @Autowired
    LoopDriver loop;
    @Autowired
    io.gridloop.casefile.CaseTimeline caseTimeline;
    @Autowired
    WorkingTime workingTime;
    @Autowired
    InboxService inbox;

    @AfterEach
    void clock() {
        loop.resetClock();
    }

    @Test
    void illegalBuildingIsHandledInThreeStagesEachWithItsOwnWorkingTimeLimit() {
        loop.at(LoopDriver.MONDAY_0900);
        CaseRecord c = loop.reportByGridWorker("ILLEGAL_BUILDING");
        long id = c.id();
        loop.complete(id, TASK_REGISTER, "lina", Map.of(CaseVariables.REGISTER_DECISION, RegisterDecision.REGISTER.name()));
        loop.complete(id, TASK_DISPATCH, "zhangmin", Map.of(CaseVariables.DEPARTMENT, "citymgmt", CaseVariables.CO_DEPARTMENTS, List.of()));

        // stage 1: stop work within 4 working hours of dispatch (09:00 → 14:00 across the lunch break)
        Instant stage1 = org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime().toInstant();
        CaseRecord s1 = loop.caseFile(id);
        assertThat(s1.currentStep()).isEqualTo("HANDLE");
        assertThat(s1.dueAt().toInstant()).isEqualTo(workingTime.plus(stage1, TimeLimit.parse("PT4H")));
        Map<String, Object> form = inbox.open(loop.task(id, TASK_HANDLE).taskId(), "liuyang", loop.groups("liuyang")).data();
        assertThat(form).containsEntry(CaseVariables.HANDLE_STAGE, 1).containsEntry(CaseVariables.HANDLE_STAGE_COUNT, 3)
                .containsEntry(CaseVariables.HANDLE_STAGE_NAME, "责令停止施工");

        // the first stage runs late: overdue at its own 4-hour limit
        loop.at(s1.dueAt().toInstant().plusSeconds(60));
        assertThat(loop.caseFile(id).overdue()).isTrue();
        loop.complete(id, TASK_HANDLE, "liuyang", Map.of(CaseVariables.HANDLE_OUTCOME, HandleOutcome.FEEDBACK.name(), "feedback", "已责令停止施工"));

        // stage 2: penalty within 7 working days, on a fresh clock
        Instant stage2 = org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime().toInstant();
        CaseRecord s2 = loop.caseFile(id);
        assertThat(s2.currentStep()).isEqualTo("HANDLE");
        assertThat(s2.overdue()).as("a new stage starts with its own clock").isFalse();
        assertThat(s2.dueAt().toInstant()).isEqualTo(workingTime.plus(stage2, TimeLimit.parse("P7D")));
        loop.complete(id, TASK_HANDLE, "liuyang", Map.of(CaseVariables.HANDLE_OUTCOME, HandleOutcome.FEEDBACK.name(), "feedback", "已作出处罚决定"));

        // stage 3: demolition within 20 working days
        Instant stage3 = org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime().toInstant();
        assertThat(loop.caseFile(id).dueAt().toInstant()).isEqualTo(workingTime.plus(stage3, TimeLimit.parse("P20D")));
        loop.complete(id, TASK_HANDLE, "liuyang", Map.of(CaseVariables.HANDLE_OUTCOME, HandleOutcome.FEEDBACK.name(), "feedback", "已拆除到位"));

        // all stages done: the grid worker checks
        assertThat(loop.caseFile(id).currentStep()).isEqualTo("CHECK");
        List<TimelineEntry> stages = caseTimeline.timeline(id).stream().filter(e -> e.action().equals("STAGE_DONE")).toList();
        assertThat(stages).extracting(TimelineEntry::decision).containsExactly("责令停止施工", "立案处罚");
        assertThat(stages).extracting(TimelineEntry::details).containsExactly("立案处罚 (2/3) P7D", "限期拆除 (3/3) P20D");
        assertThat(caseTimeline.timeline(id).stream().filter(e -> e.action().equals("OVERDUE"))).hasSize(1);
    }

    @Test
    void aCategoryWithoutStagesIsHandledOnceWithTheTimeLimitsTable() {
        loop.at(LoopDriver.MONDAY_0900);
        CaseRecord c = loop.reportByGridWorker("STREETLIGHT");
        loop.complete(c.id(), TASK_REGISTER, "lina", Map.of(CaseVariables.REGISTER_DECISION, RegisterDecision.REGISTER.name()));
        loop.complete(c.id(), TASK_DISPATCH, "zhangmin", Map.of(CaseVariables.DEPARTMENT, "roads", CaseVariables.CO_DEPARTMENTS, List.of()));
        Instant dispatched = org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime().toInstant();
        assertThat(loop.caseFile(c.id()).dueAt().toInstant()).isEqualTo(workingTime.plus(dispatched, TimeLimit.parse("P3D")));
        loop.complete(c.id(), TASK_HANDLE, "sunli", Map.of(CaseVariables.HANDLE_OUTCOME, HandleOutcome.FEEDBACK.name(), "feedback", "已修复"));
        assertThat(loop.caseFile(c.id()).currentStep()).isEqualTo("CHECK");
        assertThat(caseTimeline.timeline(c.id()).stream().filter(e -> e.action().equals("STAGE_DONE"))).isEmpty();
    }
}
