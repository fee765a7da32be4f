package io.gridloop.deadline;

import static io.gridloop.casefile.CaseLoop.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridloop.casefile.CaseFileService;
import io.gridloop.casefile.CaseRecord;
import io.gridloop.casefile.TimelineEntry;
import io.gridloop.notify.Outbox;
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
 * district after five, the notice list after ten; each once, each on the timeline, each group told.
 */
@ProcessTest
class EscalationTest {

    @Autowired
    LoopDriver loop;
    @Autowired
    CaseFileService cases;
    @Autowired
    Supervision supervision;
    @Autowired
    WorkingTime workingTime;
    @Autowired
    Outbox outbox;
    @Autowired
    ManagementService management;

    @AfterEach
    void clock() {
        loop.resetClock();
    }

    private CaseRecord handling() {
        loop.at(LoopDriver.MONDAY_0900);
        CaseRecord c = loop.reportByGridWorker("STREETLIGHT");
        loop.complete(c.id(), TASK_REGISTER, "lina", Map.of("registerDecision", "REGISTER"));
        loop.complete(c.id(), TASK_DISPATCH, "zhangmin", Map.of("department", "roads", "coDepartments", List.of()));
        return loop.caseFile(c.id());
    }

    private List<String> orders(long caseId) {
        return supervision.ofCase(caseId).stream().map(o -> o.kind() + "/" + o.level() + "/" + o.recipientGroup()).toList();
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
        assertThat(orders(c.id())).containsExactly("REMINDER/DEPARTMENT/dept-roads", "SUPERVISION/STREET/supervisor-S01");
        assertThat(outbox.of("qianfeng", 50)).anySatisfy(m -> assertThat(m.subject()).contains("督办", c.caseNumber()));

        loop.at(dueAfter(due, "P5D").plusSeconds(60));
        assertThat(orders(c.id())).last().isEqualTo("SUPERVISION/DISTRICT/supervisor");
        assertThat(outbox.of("zhoujie", 50)).anySatisfy(m -> assertThat(m.body()).contains(c.caseNumber(), "区指挥中心"));

        loop.at(dueAfter(due, "P10D").plusSeconds(60));
        assertThat(orders(c.id())).last().isEqualTo("NOTICE/DISTRICT/manager");
        assertThat(outbox.of("wuqiang", 50)).anySatisfy(m -> assertThat(m.subject()).contains("通报", c.caseNumber()));

        // a timer firing again for the same deadline, or another node racing, opens nothing twice
        assertThat(supervision.openForDeadline(c.id(), "HANDLE", SupervisionOrder.Kind.SUPERVISION, SupervisionOrder.Level.STREET)).isFalse();
        loop.at(dueAfter(due, "P20D"));
        assertThat(orders(c.id())).hasSize(4);
        assertThat(cases.timeline(c.id())).extracting(TimelineEntry::action).filteredOn(a -> a.matches("REMINDER|SUPERVISION|NOTICE"))
                .containsExactly("REMINDER", "SUPERVISION", "SUPERVISION", "NOTICE");
        assertThat(outbox.of("qianfeng", 50).stream().filter(m -> m.subject().contains(c.caseNumber()))).hasSize(1);
    }

    @Test
    void overdueCoHandlingClimbsToo() {
        loop.at(LoopDriver.MONDAY_0900);
        CaseRecord c = loop.reportByGridWorker("STREETLIGHT");
        loop.complete(c.id(), TASK_REGISTER, "lina", Map.of("registerDecision", "REGISTER"));
        loop.complete(c.id(), TASK_DISPATCH, "zhangmin", Map.of("department", "roads", "coDepartments", List.of("police")));
        // the lead feeds back at once; the co-department it works beside does not
        loop.complete(c.id(), TASK_HANDLE, "sunli", Map.of("handleOutcome", "FEEDBACK", "feedback", "已修复"));
        Instant due = loop.caseFile(c.id()).dueAt().toInstant();
        loop.at(dueAfter(due, "P10D").plusSeconds(60));
        // all four fall due in one jump of the clock, so their order is the job executor's
        assertThat(orders(c.id())).containsExactlyInAnyOrder("REMINDER/DEPARTMENT/dept-police", "SUPERVISION/STREET/supervisor-S01",
                "SUPERVISION/DISTRICT/supervisor", "NOTICE/DISTRICT/manager");
        assertThat(supervision.ofCase(c.id())).allSatisfy(o -> assertThat(o.step()).isEqualTo("CO_HANDLE"));
    }

    @Test
    void handlingInTimeStopsTheEscalation() {
        CaseRecord c = handling();
        String pi = c.processInstanceId();
        assertThat(management.createJobQuery().processInstanceId(pi).timers().count()).as("warning, overdue and 3 escalations").isEqualTo(5);
        loop.complete(c.id(), TASK_HANDLE, "sunli", Map.of("handleOutcome", "FEEDBACK", "feedback", "已修复"));
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
        assertThat(orders(c.id())).containsExactly("SUPERVISION/DISTRICT/supervisor");
        assertThat(cases.timeline(c.id())).last().satisfies(e -> {
            assertThat(e.actor()).isEqualTo("zhoujie");
            assertThat(e.comment()).isEqualTo("群众多次反映");
        });
    }
}
