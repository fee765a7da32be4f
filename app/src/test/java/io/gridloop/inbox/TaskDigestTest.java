package io.gridloop.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridloop.casefile.CaseRecord;
import io.gridloop.notify.Outbox;
import io.gridloop.support.GridLoopTest;
import io.gridloop.support.LoopDriver;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** New tasks reach officials as one digest per period, not a message per task, and only once across nodes. */
@GridLoopTest
class TaskDigestTest {

    @Autowired
    LoopDriver loop;
    @Autowired
    TaskDigest digest;
    @Autowired
    Outbox outbox;

    @AfterEach
    void clock() {
        loop.resetClock();
    }

    @Test
    void twoNewTasksMakeOneDigestForEachMemberOfTheGroup() {
        // a quiet period of its own, far from the other tests' tasks
        loop.at(LoopDriver.MONDAY_0900.plus(Duration.ofDays(400)));
        CaseRecord a = loop.reportByGridWorker("MANHOLE");
        CaseRecord b = loop.reportByGridWorker("EXPOSED_RUBBISH");
        long before = outbox.of("lina", 500).stream().filter(m -> m.eventKey().startsWith("digest:")).count();

        loop.at(LoopDriver.MONDAY_0900.plus(Duration.ofDays(400)).plus(Duration.ofMinutes(31)));
        assertThat(digest.run()).isPositive();
        var digests = outbox.of("lina", 500).stream().filter(m -> m.eventKey().startsWith("digest:")).toList();
        assertThat(digests).hasSize((int) before + 1);
        assertThat(digests.get(0).subject()).isEqualTo("【待办】您有 2 项新任务");
        assertThat(digests.get(0).body()).contains(a.caseNumber(), b.caseNumber());
        // each line: the case, the task, its due date in the district's time
        assertThat(digests.get(0).body()).contains(a.caseNumber() + " · 立案审核 · " + loop.caseFile(a.id()).dueAt()
                .atZoneSameInstant(java.time.ZoneId.of("Asia/Shanghai")).format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")));

        // the same period again (another node, or the next tick) sends nothing
        assertThat(digest.run()).isZero();
        assertThat(outbox.of("lina", 500).stream().filter(m -> m.eventKey().startsWith("digest:"))).hasSize((int) before + 1);
    }

    @Test
    void aGroupTaskIsToldOnlyToTheMembersWhoMayWorkItThere() {
        java.time.Instant quiet = LoopDriver.MONDAY_0900.plus(Duration.ofDays(600));
        loop.at(quiet);
        // verification in grid S02C02G03: wangwei's grid, not lihua's (street S03)
        CaseRecord c = loop.reportByCitizen("MANHOLE");
        loop.at(quiet.plus(Duration.ofMinutes(31)));
        assertThat(digest.run()).isPositive();
        assertThat(outbox.of("wangwei", 500)).filteredOn(m -> m.eventKey().startsWith("digest:"))
                .anySatisfy(m -> assertThat(m.body()).contains(c.caseNumber()));
        assertThat(outbox.of("lihua", 500)).filteredOn(m -> m.eventKey().startsWith("digest:"))
                .noneSatisfy(m -> assertThat(m.body()).contains(c.caseNumber()));
    }
}
