package io.gridloop.inbox;

import static io.gridloop.process.CaseLoop.TASK_DISPATCH;
import static io.gridloop.process.CaseLoop.TASK_REGISTER;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridloop.casefile.CaseRecord;
import io.gridloop.support.GridLoopTest;
import io.gridloop.support.LoopDriver;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The inbox's pages: filtered by step and grid within the official's scope, counted as they are listed. */
@GridLoopTest
class InboxPagesTest {

    @Autowired
    LoopDriver loop;
    @Autowired
    InboxPages pages;

    private static InboxQuery group(String taskKey, String gridCode) {
        return new InboxQuery(InboxQuery.Scope.GROUP, taskKey, gridCode, null, null, null, InboxQuery.Sort.DUE, 0, 500);
    }

    @Test
    void aPageIsFilteredByStepAndGridAndCountedAlike() {
        CaseRecord c = loop.reportByGridWorker("EXPOSED_RUBBISH");
        List<String> lina = loop.groups("lina");
        String task = loop.task(c.id(), TASK_REGISTER).taskId();

        assertThat(pages.page("lina", lina, group(TASK_REGISTER, c.gridCode()))).extracting(InboxTask::taskId).contains(task);
        assertThat(pages.page("lina", lina, group(TASK_DISPATCH, null))).extracting(InboxTask::taskId).doesNotContain(task);
        assertThat(pages.page("lina", lina, group(TASK_REGISTER, "S03C03G05"))).extracting(InboxTask::taskId).doesNotContain(task);
        InboxQuery q = group(TASK_REGISTER, c.gridCode());
        assertThat(pages.count("lina", lina, q)).isEqualTo(pages.page("lina", lina, q).size());
        assertThat(pages.openTasksOfCase(c.id())).extracting(InboxTask::taskKey).containsExactly(TASK_REGISTER);
        // a grid worker has no registration task, whatever the filter
        assertThat(pages.page("wangwei", loop.groups("wangwei"), group(TASK_REGISTER, null))).isEmpty();
    }
}
