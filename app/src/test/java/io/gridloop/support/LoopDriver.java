package io.gridloop.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridloop.casefile.CaseFileService;
import io.gridloop.casefile.CaseRecord;
import io.gridloop.casefile.Channel;
import io.gridloop.casefile.Urgency;
import io.gridloop.inbox.InboxService;
import io.gridloop.inbox.InboxTask;
import io.gridloop.inbox.Submission;
import io.gridloop.intake.Report;
import io.gridloop.intake.ReportService;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.stereotype.Component;

/** Drives cases through the loop the way officials do: reports through intake, steps through the inbox service. */
@Component
public class LoopDriver {

    /** A 1×1 PNG, the smallest real image. */
    public static final byte[] PNG = java.util.Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
    /** {@link #PNG} as GridLoop stores and serves it: decoded and re-encoded. */
    public static final byte[] PNG_AS_STORED = new io.gridloop.casefile.Attachments(10485760, 40_000_000)
            .photo("photo", "photo.png", PNG).content();

    private final ReportService reports;
    private final InboxService inbox;
    private final io.gridloop.inbox.InboxPages pages;
    private final CaseFileService cases;
    private final IdentityService identity;
    private final ManagementService management;

    public LoopDriver(ReportService reports, InboxService inbox, io.gridloop.inbox.InboxPages pages, CaseFileService cases, IdentityService identity,
                      ManagementService management) {
        this.reports = reports;
        this.inbox = inbox;
        this.pages = pages;
        this.cases = cases;
        this.identity = identity;
        this.management = management;
    }

    public static Report report(Channel channel, String subcategory, String grid) {
        return new Report(channel, Urgency.NORMAL, null, subcategory, grid, null, null, "西直门内大街 12 号",
                "井盖缺失,行人有坠落危险", "市民甲", "13800000000", null, false, List.of());
    }

    public CaseRecord reportByGridWorker(String subcategory) {
        return reports.report(report(Channel.GRID_WORKER, subcategory, "S01C01G01"), "wangwei");
    }

    public CaseRecord reportByCitizen(String subcategory) {
        return reports.report(report(Channel.CITIZEN, subcategory, "S02C02G03"), "lina");
    }

    public CaseRecord reportSelfResolved(String subcategory) {
        Report r = report(Channel.GRID_WORKER, subcategory, "S01C01G02");
        r = new Report(r.channel(), r.urgency(), null, r.subcategoryCode(), r.gridCode(), null, null, r.address(), "小广告已当场清除",
                null, null, null, true, List.of(new Report.Photo("before.png", PNG)), List.of(new Report.Photo("after.png", PNG)));
        return reports.report(r, "wangwei");
    }

    public List<String> groups(String user) {
        return identity.createGroupQuery().groupMember(user).list().stream().map(g -> g.getId()).toList();
    }

    public InboxTask task(long caseId, String taskKey) {
        List<InboxTask> open = pages.openTasksOfCase(caseId).stream().filter(t -> t.taskKey().equals(taskKey)).toList();
        assertThat(open).as("open %s tasks of case %d", taskKey, caseId).isNotEmpty();
        return open.get(0);
    }

    public void complete(long caseId, String taskKey, String user, Map<String, Object> values) {
        complete(caseId, taskKey, user, new Submission(values, Map.of()));
    }

    public void complete(long caseId, String taskKey, String user, Submission submission) {
        inbox.complete(task(caseId, taskKey).taskId(), user, groups(user), submission);
    }

    public CaseRecord caseFile(long caseId) {
        return cases.get(caseId);
    }

    /** Moves the engine clock forward and runs every timer due by then. */
    public int advance(Duration by) {
        ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + by.toMillis()));
        int fired = 0;
        for (Job job : management.createJobQuery().timers().executable().list()) {
            management.executeJob(job.getId());
            fired++;
        }
        return fired;
    }

    /** Sets the engine clock to a moment (it stays there until moved) and runs every timer due by then. */
    public int at(java.time.Instant moment) {
        ClockUtil.setCurrentTime(Date.from(moment));
        int fired = 0;
        for (Job job : management.createJobQuery().timers().executable().list()) {
            management.executeJob(job.getId());
            fired++;
        }
        return fired;
    }

    /** Monday 23 November 2026, 09:00 in the district: a plain working morning to start tests from. */
    public static final java.time.Instant MONDAY_0900 = java.time.ZonedDateTime.of(2026, 11, 23, 9, 0, 0, 0,
            java.time.ZoneId.of("Asia/Shanghai")).toInstant();

    public void resetClock() {
        ClockUtil.reset();
    }
}
