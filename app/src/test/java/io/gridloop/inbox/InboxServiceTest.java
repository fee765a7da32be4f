package io.gridloop.inbox;

import static io.gridloop.casefile.CaseLoop.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridloop.casefile.CaseFileService;
import io.gridloop.casefile.CaseRecord;
import io.gridloop.support.GridLoopTest;
import io.gridloop.support.LoopDriver;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Claim, hand over and complete through the inbox, and what happens when two officials act on one task at once. */
@GridLoopTest
class InboxServiceTest {

    @Autowired
    LoopDriver loop;
    @Autowired
    InboxService inbox;
    @Autowired
    CaseFileService cases;

    private CaseRecord handling() {
        CaseRecord c = loop.reportByGridWorker("EXPOSED_RUBBISH");
        loop.complete(c.id(), TASK_REGISTER, "lina", Map.of("registerDecision", "REGISTER"));
        loop.complete(c.id(), TASK_DISPATCH, "zhangmin", Map.of("department", "citymgmt", "coDepartments", List.of()));
        return loop.caseFile(c.id());
    }

    @Test
    void groupTaskIsClaimedHandedOverAndReleased() {
        CaseRecord c = handling();
        String task = loop.task(c.id(), TASK_HANDLE).taskId();
        List<String> groups = loop.groups("liuyang");
        assertThat(inbox.page("liuyang", groups, InboxQuery.firstPage(InboxQuery.Scope.GROUP))).extracting(InboxTask::taskId).contains(task);

        inbox.claim(task, "liuyang", groups);
        assertThat(inbox.page("liuyang", groups, InboxQuery.firstPage(InboxQuery.Scope.MINE))).extracting(InboxTask::taskId).contains(task);
        assertThat(inbox.page("chenjing", loop.groups("chenjing"), InboxQuery.firstPage(InboxQuery.Scope.GROUP)))
                .extracting(InboxTask::taskId).doesNotContain(task);
        assertThat(loop.caseFile(c.id()).assignee()).isEqualTo("liuyang");
        assertThatThrownBy(() -> inbox.claim(task, "chenjing", loop.groups("chenjing")))
                .isInstanceOfSatisfying(InboxException.class, e -> assertThat(e.messageKey()).isEqualTo("error.task.claimedByOther"));

        assertThatThrownBy(() -> inbox.handOver(task, "liuyang", groups, "zhaolei"))
                .isInstanceOfSatisfying(InboxException.class, e -> assertThat(e.messageKey()).isEqualTo("error.task.colleagueNotInGroup"));
        inbox.handOver(task, "liuyang", groups, "chenjing");
        assertThat(inbox.find(task).orElseThrow().assignee()).isEqualTo("chenjing");

        inbox.unclaim(task, "chenjing");
        assertThat(inbox.find(task).orElseThrow().assignee()).isNull();
        assertThat(loop.caseFile(c.id()).assignee()).isNull();
    }

    @Test
    void anotherDepartmentCannotWorkTheTask() {
        CaseRecord c = handling();
        String task = loop.task(c.id(), TASK_HANDLE).taskId();
        assertThatThrownBy(() -> inbox.open(task, "zhaolei", loop.groups("zhaolei")))
                .isInstanceOfSatisfying(InboxException.class, e -> assertThat(e.messageKey()).isEqualTo("error.task.notYours"));
    }

    @Test
    void serverRefusesWhatTheFormForbidsAndNothingIsSaved() {
        CaseRecord c = handling();
        int before = cases.timeline(c.id()).size();
        assertThatThrownBy(() -> loop.complete(c.id(), TASK_HANDLE, "liuyang",
                Map.of("handleOutcome", "EXTENSION", "extensionDays", 99, "extensionReason", "x")))
                .isInstanceOfSatisfying(FormRejectedException.class,
                        e -> assertThat(e.errors()).extracting(err -> err.messageKey()).containsExactly("form.max"));
        assertThatThrownBy(() -> loop.complete(c.id(), TASK_HANDLE, "liuyang", Map.of("handleOutcome", "GIVE_UP")))
                .isInstanceOfSatisfying(FormRejectedException.class,
                        e -> assertThat(e.errors()).extracting(err -> err.messageKey()).containsExactly("form.choice"));
        assertThat(cases.timeline(c.id())).hasSize(before);
        assertThat(loop.task(c.id(), TASK_HANDLE)).isNotNull();
    }

    @Test
    void taskCompletedByAColleagueAMomentEarlierIsRefusedCleanly() throws Exception {
        CaseRecord c = handling();
        String task = loop.task(c.id(), TASK_HANDLE).taskId();
        int before = cases.timeline(c.id()).size();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Object> outcomes = Collections.synchronizedList(new ArrayList<>());
        List<Future<?>> futures = new ArrayList<>();
        for (String user : List.of("liuyang", "chenjing")) {
            futures.add(pool.submit(() -> {
                start.await();
                try {
                    inbox.complete(task, user, loop.groups(user), Submission.of(Map.of("handleOutcome", "FEEDBACK", "feedback", "清运完毕 " + user)));
                    outcomes.add("done");
                } catch (InboxException e) {
                    outcomes.add(e.messageKey());
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        assertThat(outcomes).containsOnlyOnce("done").hasSize(2);
        assertThat(outcomes).anySatisfy(o -> assertThat(o).isIn("error.task.gone", "error.task.claimedByOther"));
        assertThat(cases.timeline(c.id())).hasSize(before + 1);
        assertThat(loop.task(c.id(), TASK_CHECK)).isNotNull();
        // and someone who had the task open a moment ago is told it is gone
        assertThatThrownBy(() -> inbox.complete(task, "liuyang", loop.groups("liuyang"),
                Submission.of(Map.of("handleOutcome", "FEEDBACK", "feedback", "again"))))
                .isInstanceOfSatisfying(InboxException.class, e -> assertThat(e.messageKey()).isEqualTo("error.task.gone"));
    }
}
