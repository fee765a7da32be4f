package io.gridloop.inbox;

import static io.gridloop.process.CaseLoop.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridloop.casefile.CaseRecord;
import io.gridloop.casefile.Channel;
import io.gridloop.intake.ReportService;
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
    io.gridloop.inbox.InboxPages pages;
    @Autowired
    io.gridloop.casefile.CaseTimeline caseTimeline;
    @Autowired
    ReportService reports;

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
        assertThat(pages.page("liuyang", groups, InboxQuery.firstPage(InboxQuery.Scope.GROUP))).extracting(InboxTask::taskId).contains(task);

        inbox.claim(task, "liuyang", groups);
        assertThat(pages.page("liuyang", groups, InboxQuery.firstPage(InboxQuery.Scope.MINE))).extracting(InboxTask::taskId).contains(task);
        assertThat(pages.page("chenjing", loop.groups("chenjing"), InboxQuery.firstPage(InboxQuery.Scope.GROUP)))
                .extracting(InboxTask::taskId).doesNotContain(task);
        assertThat(loop.caseFile(c.id()).assignee()).isEqualTo("liuyang");
        assertThatThrownBy(() -> inbox.claim(task, "chenjing", loop.groups("chenjing")))
                .isInstanceOfSatisfying(InboxException.class, e -> assertThat(e.messageKey()).isEqualTo("error.task.claimedByOther"));

        assertThatThrownBy(() -> inbox.handOver(task, "liuyang", groups, "zhaolei"))
                .isInstanceOfSatisfying(InboxException.class, e -> assertThat(e.messageKey()).isEqualTo("error.task.colleagueNotInGroup"));
        inbox.handOver(task, "liuyang", groups, "chenjing");
        assertThat(pages.find(task).orElseThrow().assignee()).isEqualTo("chenjing");

        inbox.unclaim(task, "chenjing");
        assertThat(pages.find(task).orElseThrow().assignee()).isNull();
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
        int before = caseTimeline.timeline(c.id()).size();
        assertThatThrownBy(() -> loop.complete(c.id(), TASK_HANDLE, "liuyang",
                Map.of("handleOutcome", "EXTENSION", "extensionDays", 99, "extensionReason", "x")))
                .isInstanceOfSatisfying(FormInvalidException.class,
                        e -> assertThat(e.errors()).extracting(err -> err.messageKey()).containsExactly("form.max"));
        assertThatThrownBy(() -> loop.complete(c.id(), TASK_HANDLE, "liuyang", Map.of("handleOutcome", "GIVE_UP")))
                .isInstanceOfSatisfying(FormInvalidException.class,
                        e -> assertThat(e.errors()).extracting(err -> err.messageKey()).containsExactly("form.choice"));
        assertThat(caseTimeline.timeline(c.id())).hasSize(before);
        assertThat(pages.openTasksOfCase(c.id())).extracting(InboxTask::taskKey).containsExactly(TASK_HANDLE);
    }

    @Test
    void taskCompletedByAColleagueAMomentEarlierIsRefusedCleanly() throws Exception {
        CaseRecord c = handling();
        String task = loop.task(c.id(), TASK_HANDLE).taskId();
        int before = caseTimeline.timeline(c.id()).size();
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
        assertThat(caseTimeline.timeline(c.id())).hasSize(before + 1);
        assertThat(pages.openTasksOfCase(c.id())).extracting(InboxTask::taskKey).containsExactly(TASK_CHECK);
        // and someone who had the task open a moment ago is told it is gone
        assertThatThrownBy(() -> inbox.complete(task, "liuyang", loop.groups("liuyang"),
                Submission.of(Map.of("handleOutcome", "FEEDBACK", "feedback", "again"))))
                .isInstanceOfSatisfying(InboxException.class, e -> assertThat(e.messageKey()).isEqualTo("error.task.gone"));
    }

    @Test
    void numbersComeAsNumbersOrAreRefusedAndTheApprovalThatReadsThemWorks() {
        CaseRecord c = handling();
        assertThatThrownBy(() -> loop.complete(c.id(), TASK_HANDLE, "liuyang",
                Map.of("handleOutcome", "EXTENSION", "extensionDays", "NaN", "extensionReason", "需采购配件")))
                .isInstanceOfSatisfying(FormInvalidException.class,
                        e -> assertThat(e.errors()).extracting(err -> err.messageKey()).containsExactly("form.number"));
        // a phone app that sends numbers as strings: passed on as numbers, which the approval's delegate reads
        loop.complete(c.id(), TASK_HANDLE, "liuyang", Map.of("handleOutcome", "EXTENSION", "extensionDays", "5", "extensionReason", "需采购配件"));
        loop.complete(c.id(), TASK_APPROVE_EXTENSION, "zhoujie", Map.of("extensionDecision", "APPROVED", "approvedDays", "3"));
        assertThat(loop.caseFile(c.id()).extensionCount()).isEqualTo(1);
        assertThat(pages.openTasksOfCase(c.id())).extracting(InboxTask::taskKey).containsExactly(TASK_HANDLE);
    }

    @Test
    void aMissingFileListOrFileIsRefusedWithAMessage() {
        CaseRecord c = handling();
        Map<String, List<Submission.UploadedFile>> nullList = new java.util.HashMap<>();
        nullList.put("afterPhotos", null);
        List<Submission.UploadedFile> withNull = new ArrayList<>();
        withNull.add(null);
        for (Map<String, List<Submission.UploadedFile>> files : List.of(nullList, Map.of("afterPhotos", withNull))) {
            assertThatThrownBy(() -> loop.complete(c.id(), TASK_HANDLE, "liuyang",
                    new Submission(Map.of("handleOutcome", "FEEDBACK", "feedback", "清运完毕"), files)))
                    .isInstanceOfSatisfying(FormInvalidException.class,
                            e -> assertThat(e.errors()).extracting(err -> err.messageKey()).containsExactly("error.photo.missing"));
        }
        // the task form's photos pass the same check as a report's
        byte[] png = io.gridloop.support.TestImages.encode(io.gridloop.support.TestImages.noise(64, 64), "png");
        assertThatThrownBy(() -> loop.complete(c.id(), TASK_HANDLE, "liuyang",
                new Submission(Map.of("handleOutcome", "FEEDBACK", "feedback", "清运完毕"),
                        Map.of("afterPhotos", List.of(new Submission.UploadedFile("cut.png", java.util.Arrays.copyOf(png, png.length / 2)))))))
                .isInstanceOfSatisfying(FormInvalidException.class,
                        e -> assertThat(e.errors()).extracting(err -> err.messageKey()).containsExactly("error.photo.notImage"));
        assertThat(pages.openTasksOfCase(c.id())).extracting(InboxTask::taskKey).containsExactly(TASK_HANDLE);
    }

    /**
     * Two intake operators register the same grid worker's report at the same instant, 40 times over: one succeeds, the
     * other is told the task is already done (409), never a server error, and the loop moves on exactly once.
     */
    @Test
    void racesOnOneTaskEndInOneCompletionAndOneAlreadyDone() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 40; round++) {
                // in 金融街 (S03), whose street intake operator gaofei may register it as well as the district's lina
                CaseRecord c = reports.report(LoopDriver.report(Channel.GRID_WORKER, "STREETLIGHT", "S03C01G01"), "lihua");
                String task = loop.task(c.id(), TASK_REGISTER).taskId();
                int before = caseTimeline.timeline(c.id()).size();
                java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
                List<Future<String>> outcomes = new ArrayList<>();
                // the second official a little later each round (0–152 ms), so that every stage of the first one's
                // completion (reading the form, the variables, completing, committing) meets the second's
                long lag = (round % 20) * 8L;
                for (String user : List.of("lina", "gaofei")) {
                    List<String> groups = loop.groups(user);
                    long delay = user.equals("gaofei") ? lag : 0;
                    outcomes.add(pool.submit(() -> {
                        together.await();
                        Thread.sleep(delay);
                        try {
                            inbox.complete(task, user, groups, Submission.of(Map.of("registerDecision", "REGISTER")));
                            return "done";
                        } catch (InboxException e) {
                            return e.httpStatus() + " " + e.messageKey();
                        } catch (RuntimeException e) {
                            return e.getClass().getName() + ": " + e.getMessage();
                        }
                    }));
                }
                List<String> results = new ArrayList<>();
                for (Future<String> f : outcomes) {
                    results.add(f.get(60, java.util.concurrent.TimeUnit.SECONDS));
                }
                assertThat(results).as("round %d", round).containsExactlyInAnyOrder("done", "409 error.task.gone");
                assertThat(caseTimeline.timeline(c.id())).as("round %d", round).hasSize(before + 1);
                assertThat(pages.openTasksOfCase(c.id())).extracting(InboxTask::taskKey).containsExactly(TASK_DISPATCH);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Two intake operators claim the same task at once, 10 times over: one gets it, the other is told who has it (409). */
    @Test
    void racesOnOneClaimEndInOneClaimAndOneClaimedByOther() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                CaseRecord c = reports.report(LoopDriver.report(Channel.GRID_WORKER, "STREETLIGHT", "S03C01G01"), "lihua");
                String task = loop.task(c.id(), TASK_REGISTER).taskId();
                java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
                long lag = round * 5L;
                List<Future<String>> outcomes = new ArrayList<>();
                for (String user : List.of("lina", "gaofei")) {
                    List<String> groups = loop.groups(user);
                    long delay = user.equals("gaofei") ? lag : 0;
                    outcomes.add(pool.submit(() -> {
                        together.await();
                        Thread.sleep(delay);
                        try {
                            inbox.claim(task, user, groups);
                            return "claimed";
                        } catch (InboxException e) {
                            return e.httpStatus() + " " + e.messageKey();
                        } catch (RuntimeException e) {
                            return e.getClass().getName() + ": " + e.getMessage();
                        }
                    }));
                }
                List<String> results = new ArrayList<>();
                for (Future<String> f : outcomes) {
                    results.add(f.get(60, java.util.concurrent.TimeUnit.SECONDS));
                }
                assertThat(results).as("round %d", round).containsExactlyInAnyOrder("claimed", "409 error.task.claimedByOther");
                assertThat(pages.find(task).orElseThrow().assignee()).isIn("lina", "gaofei");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
