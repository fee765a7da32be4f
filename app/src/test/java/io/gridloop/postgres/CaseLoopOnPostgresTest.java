package io.gridloop.postgres;

import static io.gridloop.process.CaseLoop.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridloop.casefile.CaseRecord;
import io.gridloop.casefile.CaseStatus;
import io.gridloop.process.Step;
import io.gridloop.casefile.TimelineEntry;
import io.gridloop.inbox.InboxQuery;
import io.gridloop.inbox.InboxService;
import io.gridloop.inbox.Submission;
import io.gridloop.support.LoopDriver;
import io.gridloop.support.PostgresConfiguration;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/** One citizen case through every step of the loop on PostgreSQL, the read model and timeline checked at each step. */
@Tag("postgres")
@SpringBootTest
@ActiveProfiles("test")
@Import({PostgresConfiguration.class, LoopDriver.class})
@DirtiesContext
class CaseLoopOnPostgresTest {

    @Autowired
    LoopDriver loop;
    @Autowired
    io.gridloop.casefile.CaseTimeline caseTimeline;
    @Autowired
    InboxService inbox;
    @Autowired
    io.gridloop.inbox.InboxPages pages;
    @Autowired
    DataSource dataSource;

    @AfterEach
    void clock() {
        loop.resetClock();
    }

    private void expect(long caseId, CaseStatus status, Step step, String group, int timelineSize) {
        CaseRecord c = loop.caseFile(caseId);
        assertThat(c.status()).as("status").isEqualTo(status);
        assertThat(c.currentStep()).as("step").isEqualTo(step == null ? null : step.name());
        assertThat(c.candidateGroup()).as("group").isEqualTo(group);
        assertThat(caseTimeline.timeline(caseId)).as("timeline").hasSize(timelineSize);
        if (step != null) {
            if (step.limitVariable() != null) {
                assertThat(c.dueAt()).as("due").isNotNull();
            } else {
                assertThat(c.dueAt()).as("no clock on hold").isNull();
            }
            assertThat(pages.openTasksOfCase(caseId)).extracting(t -> t.taskKey()).containsExactly(step.taskKey());
        } else {
            assertThat(pages.openTasksOfCase(caseId)).isEmpty();
        }
    }

    @Test
    void citizenCaseThroughEveryStepOnPostgres() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
        }
        loop.at(LoopDriver.MONDAY_0900);
        CaseRecord c = loop.reportByCitizen("STREETLIGHT");
        long id = c.id();
        expect(id, CaseStatus.VERIFYING, Step.VERIFY, "grid-worker", 1);
        assertThat(pages.page("wangwei", loop.groups("wangwei"), InboxQuery.firstPage(InboxQuery.Scope.GROUP)))
                .extracting(t -> t.caseNumber()).contains(c.caseNumber());

        loop.complete(id, TASK_VERIFY, "wangwei", new Submission(Map.of("verifyResult", "CONFIRMED", "comment", "现场属实"),
                Map.of("verifyPhotos", List.of(new Submission.UploadedFile("before.png", LoopDriver.PNG)))));
        expect(id, CaseStatus.REGISTERING, Step.REGISTER, "intake", 2);
        assertThat(caseTimeline.attachments(id)).extracting(a -> a.fieldKey()).containsExactly("verifyPhotos");

        loop.complete(id, TASK_REGISTER, "lina", Map.of("registerDecision", "REGISTER"));
        expect(id, CaseStatus.DISPATCHING, Step.DISPATCH, "dispatcher", 3);
        assertThat(loop.caseFile(id).registeredAt()).isNotNull();

        loop.complete(id, TASK_DISPATCH, "zhangmin", Map.of("department", "roads", "coDepartments", List.of("police")));
        // the lead works beside its co-department from dispatch on, and stands for the case
        CaseRecord joint = loop.caseFile(id);
        assertThat(joint.status()).isEqualTo(CaseStatus.HANDLING);
        assertThat(joint.currentStep()).isEqualTo(Step.HANDLE.name());
        assertThat(joint.candidateGroup()).isEqualTo("dept-roads");
        assertThat(caseTimeline.timeline(id)).hasSize(4);
        assertThat(pages.openTasksOfCase(id)).extracting(t -> t.taskKey()).containsExactlyInAnyOrder(TASK_HANDLE, TASK_CO_HANDLE);
        assertThat(loop.caseFile(id).departmentCode()).isEqualTo("roads");

        loop.complete(id, TASK_CO_HANDLE, "police1", Map.of("coFeedback", "已疏导交通"));
        expect(id, CaseStatus.HANDLING, Step.HANDLE, "dept-roads", 5);

        inbox.claim(loop.task(id, TASK_HANDLE).taskId(), "sunli", loop.groups("sunli"));
        assertThat(loop.caseFile(id).assignee()).isEqualTo("sunli");
        loop.complete(id, TASK_HANDLE, "sunli", Map.of("handleOutcome", "RETURN", "returnReason", "需先由交警处理"));
        expect(id, CaseStatus.DISPATCHING, Step.DISPATCH, "dispatcher", 6);
        assertThat(loop.caseFile(id).returnCount()).isEqualTo(1);

        loop.complete(id, TASK_DISPATCH, "zhangmin", Map.of("department", "roads", "coDepartments", List.of()));
        expect(id, CaseStatus.HANDLING, Step.HANDLE, "dept-roads", 7);

        loop.complete(id, TASK_HANDLE, "sunli", Map.of("handleOutcome", "EXTENSION", "extensionDays", 2, "extensionReason", "等待灯具"));
        expect(id, CaseStatus.APPROVING, Step.APPROVE_EXTENSION, "supervisor", 8);
        loop.complete(id, TASK_APPROVE_EXTENSION, "zhoujie", Map.of("extensionDecision", "APPROVED", "approvedDays", 2));
        expect(id, CaseStatus.HANDLING, Step.HANDLE, "dept-roads", 10);
        assertThat(loop.caseFile(id).extensionCount()).isEqualTo(1);

        loop.complete(id, TASK_HANDLE, "sunli", Map.of("handleOutcome", "HOLD", "holdReason", "需整体更换线路"));
        loop.complete(id, TASK_APPROVE_HOLD, "zhoujie", Map.of("holdDecision", "APPROVED"));
        expect(id, CaseStatus.ON_HOLD, Step.ON_HOLD, "dept-roads", 13);
        loop.complete(id, TASK_ON_HOLD, "sunli", Map.of("resumeNote", "线路已批复"));
        expect(id, CaseStatus.HANDLING, Step.HANDLE, "dept-roads", 15);

        // handling had 3 working days, 2 more were approved, and the hold kept all 5: due next Monday 09:00, warned at 80%
        // (4 working days, Friday 09:00)
        assertThat(loop.caseFile(id).dueAt().toInstant()).isEqualTo(LoopDriver.MONDAY_0900.plus(Duration.ofDays(7)));
        loop.at(LoopDriver.MONDAY_0900.plus(Duration.ofDays(4)).plusSeconds(60));
        assertThat(loop.caseFile(id).warning()).isTrue();
        assertThat(loop.caseFile(id).overdue()).isFalse();
        loop.at(LoopDriver.MONDAY_0900.plus(Duration.ofDays(7)).plusSeconds(60));
        assertThat(loop.caseFile(id).overdue()).isTrue();
        assertThat(caseTimeline.timeline(id)).last().satisfies(e -> assertThat(e.action()).isEqualTo("REMINDER"));

        loop.complete(id, TASK_HANDLE, "sunli", Map.of("handleOutcome", "FEEDBACK", "feedback", "已更换灯具"));
        expect(id, CaseStatus.CHECKING, Step.CHECK, "grid-worker", 19);
        assertThat(loop.caseFile(id).overdue()).as("a new step starts with its own clock").isFalse();

        loop.complete(id, TASK_CHECK, "wangwei", Map.of("checkResult", "FAILED", "comment", "仍有一盏不亮"));
        expect(id, CaseStatus.HANDLING, Step.HANDLE, "dept-roads", 20);
        assertThat(loop.caseFile(id).reworkCount()).isEqualTo(1);
        loop.complete(id, TASK_HANDLE, "sunli", Map.of("handleOutcome", "FEEDBACK", "feedback", "全部修复"));
        loop.complete(id, TASK_CHECK, "wangwei", Map.of("checkResult", "PASSED"));
        expect(id, CaseStatus.CALLBACK, Step.CALLBACK, "intake", 22);

        loop.complete(id, TASK_CALLBACK, "lina", Map.of("satisfaction", "SATISFIED"));
        expect(id, CaseStatus.FILED, null, null, 24);
        CaseRecord filed = loop.caseFile(id);
        assertThat(filed.closedAt()).isNotNull();
        assertThat(filed.satisfaction()).isEqualTo("SATISFIED");
        assertThat(caseTimeline.timeline(id)).extracting(TimelineEntry::step).containsExactly(
                "REPORT", "VERIFY", "REGISTER", "DISPATCH", "CO_HANDLE", "HANDLE", "DISPATCH", "HANDLE", "APPROVE_EXTENSION",
                "HANDLE", "HANDLE", "APPROVE_HOLD", "HANDLE", "ON_HOLD", "HANDLE", "HANDLE", "HANDLE", "HANDLE", "HANDLE", "CHECK", "HANDLE",
                "CHECK", "CALLBACK", "FILE");

        // the timeline and its photos are the audit trail: nobody changes or removes them, not even through SQL
        try (Connection db = dataSource.getConnection(); var st = db.createStatement()) {
            for (String sql : List.of("update gl_timeline set comment = 'changed' where case_id = " + id,
                    "delete from gl_timeline where case_id = " + id,
                    "update gl_attachment set file_name = 'x.png' where case_id = " + id,
                    "delete from gl_attachment where case_id = " + id,
                    "truncate gl_timeline cascade")) {
                assertThatThrownBy(() -> st.execute(sql)).as(sql).hasMessageContaining("append-only");
            }
        }
        assertThat(caseTimeline.timeline(id)).hasSize(24);
    }
}
