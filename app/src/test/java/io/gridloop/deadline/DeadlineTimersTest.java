package io.gridloop.deadline;

import static io.gridloop.process.CaseLoop.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridloop.casefile.CaseRecord;
import io.gridloop.process.CaseVariables;
import io.gridloop.process.Step;
import io.gridloop.casefile.TimelineEntry;
import io.gridloop.process.CheckResult;
import io.gridloop.process.HandleOutcome;
import io.gridloop.process.RegisterDecision;
import io.gridloop.process.Satisfaction;
import io.gridloop.process.VerifyResult;
import io.gridloop.support.LoopDriver;
import io.gridloop.support.ProcessTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;

/** Every waiting step warns at 80% of its limit and turns overdue at the limit: time moved forward, timers fired. */
@ProcessTest
class DeadlineTimersTest {

    @Autowired
    LoopDriver loop;
    @Autowired
    io.gridloop.casefile.CaseTimeline caseTimeline;

    @AfterEach
    void clock() {
        loop.resetClock();
    }

    @Autowired
    WorkingTime workingTime;
    @Autowired
    TimeLimits timeLimits;

    /** The default limits of the timeLimits table for a street light (no row of its own), in working time. */
    private static String limitOf(Step step) {
        return switch (step) {
            case VERIFY -> "PT2H";
            case REGISTER, DISPATCH -> "PT1H";
            case CO_HANDLE, HANDLE -> "P3D";
            case CHECK, APPROVE_EXTENSION, APPROVE_HOLD, REVIEW_DISSATISFACTION, REVIEW_HOLD -> "PT4H";
            case CALLBACK -> "P1D";
            case ON_HOLD -> throw new IllegalArgumentException("no clock on hold");
        };
    }

    @ParameterizedTest
    // a hold and its review start weeks after the case; CaseLoopProcessTest times them
    @EnumSource(value = Step.class, mode = EnumSource.Mode.EXCLUDE, names = {"ON_HOLD", "REVIEW_HOLD"})
    void stepWarnsAtEightyPercentAndTurnsOverdueAtItsLimitInWorkingTime(Step step) {
        Instant start = LoopDriver.MONDAY_0900;
        loop.at(start);
        CaseRecord c = reach(step);
        assertThat(c.currentStep()).isEqualTo(step.name());
        Instant warnAt = workingTime.plus(start, TimeLimit.parse(timeLimits.warningOf(limitOf(step), LimitClock.WORKING)));
        Instant dueAt = workingTime.plus(start, TimeLimit.parse(limitOf(step)));
        assertThat(c.dueAt().toInstant()).as("the task's due date counts working time").isEqualTo(dueAt);

        loop.at(warnAt.minusSeconds(60));
        assertThat(loop.caseFile(c.id()).warning()).as("no warning before 80%").isFalse();

        loop.at(warnAt.plusSeconds(60));
        CaseRecord warned = loop.caseFile(c.id());
        assertThat(warned.warning()).isTrue();
        assertThat(warned.overdue()).isFalse();

        loop.at(dueAt.minusSeconds(60));
        assertThat(loop.caseFile(c.id()).overdue()).as("not overdue before the limit").isFalse();

        loop.at(dueAt.plusSeconds(60));
        assertThat(loop.caseFile(c.id()).overdue()).isTrue();
        List<TimelineEntry> marks = caseTimeline.timeline(c.id()).stream()
                .filter(e -> e.action().equals("WARNING") || e.action().equals("OVERDUE")).toList();
        assertThat(marks).extracting(TimelineEntry::step, TimelineEntry::action)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(step.name(), "WARNING"),
                        org.assertj.core.groups.Tuple.tuple(step.name(), "OVERDUE"));
        // firing again later marks nothing twice
        loop.advance(Duration.ofDays(1));
        assertThat(caseTimeline.timeline(c.id()).stream().filter(e -> e.action().equals("OVERDUE"))).hasSize(1);
    }

    @Autowired
    io.gridloop.intake.ReportService reports;

    @org.junit.jupiter.api.Test
    void urgentCasesCountCalendarTimeAndNormalOnesWorkingTime() {
        // Friday 17:20, ten minutes before the end of the working day
        Instant friday = java.time.ZonedDateTime.of(2026, 11, 27, 17, 20, 0, 0, java.time.ZoneId.of("Asia/Shanghai")).toInstant();
        loop.at(friday);
        io.gridloop.intake.Report normal = LoopDriver.report(io.gridloop.casefile.Channel.GRID_WORKER, "STREETLIGHT", "S01C01G01");
        io.gridloop.intake.Report urgent = new io.gridloop.intake.Report(normal.channel(), io.gridloop.casefile.Urgency.URGENT, null,
                "STREETLIGHT", "S01C01G01", null, null, null, "井盖缺失,夜间有危险", null, null, null, false, java.util.List.of());
        CaseRecord n = reports.report(normal, "wangwei");
        CaseRecord u = reports.report(urgent, "wangwei");
        // registration: one working hour (10 min on Friday, 50 on Monday) against 30 calendar minutes
        assertThat(n.dueAt().toInstant()).isEqualTo(
                java.time.ZonedDateTime.of(2026, 11, 30, 9, 20, 0, 0, java.time.ZoneId.of("Asia/Shanghai")).toInstant());
        assertThat(u.dueAt().toInstant()).isEqualTo(friday.plus(Duration.ofMinutes(30)));
        loop.at(friday.plus(Duration.ofMinutes(31)));
        assertThat(loop.caseFile(u.id()).overdue()).isTrue();
        assertThat(loop.caseFile(n.id()).overdue()).isFalse();
        assertThat(loop.caseFile(n.id()).warning()).isFalse();
    }

    private CaseRecord reach(Step step) {
        CaseRecord c = step == Step.VERIFY || step == Step.CALLBACK || step == Step.REVIEW_DISSATISFACTION
                ? loop.reportByCitizen("STREETLIGHT") : loop.reportByGridWorker("STREETLIGHT");
        long id = c.id();
        if (step == Step.VERIFY || step == Step.REGISTER) {
            return loop.caseFile(id);
        }
        if (c.channel().name().equals("CITIZEN")) {
            loop.complete(id, TASK_VERIFY, "wangwei", Map.of(CaseVariables.VERIFY_RESULT, VerifyResult.CONFIRMED.name()));
        }
        loop.complete(id, TASK_REGISTER, "lina", Map.of(CaseVariables.REGISTER_DECISION, RegisterDecision.REGISTER.name()));
        if (step == Step.DISPATCH) {
            return loop.caseFile(id);
        }
        loop.complete(id, TASK_DISPATCH, "zhangmin", Map.of(CaseVariables.DEPARTMENT, "roads",
                CaseVariables.CO_DEPARTMENTS, step == Step.CO_HANDLE ? List.of("police") : List.of()));
        switch (step) {
            case HANDLE -> {
                return loop.caseFile(id);
            }
            case CO_HANDLE -> {
                // the lead works beside its co-department; once it has fed back, the co-department's step is the case's
                loop.complete(id, TASK_HANDLE, "sunli", Map.of(CaseVariables.HANDLE_OUTCOME, HandleOutcome.FEEDBACK.name(), "feedback", "已修复"));
                return loop.caseFile(id);
            }
            case APPROVE_EXTENSION -> {
                loop.complete(id, TASK_HANDLE, "sunli", Map.of(CaseVariables.HANDLE_OUTCOME, HandleOutcome.EXTENSION.name(), CaseVariables.EXTENSION_DAYS, 2, CaseVariables.EXTENSION_REASON, "等待配件"));
                return loop.caseFile(id);
            }
            case APPROVE_HOLD -> {
                loop.complete(id, TASK_HANDLE, "sunli", Map.of(CaseVariables.HANDLE_OUTCOME, HandleOutcome.HOLD.name(), CaseVariables.HOLD_REASON, "需整体改造"));
                return loop.caseFile(id);
            }
            default -> { }
        }
        loop.complete(id, TASK_HANDLE, "sunli", Map.of(CaseVariables.HANDLE_OUTCOME, HandleOutcome.FEEDBACK.name(), "feedback", "已修复"));
        if (step == Step.CHECK) {
            return loop.caseFile(id);
        }
        loop.complete(id, TASK_CHECK, "wangwei", Map.of(CaseVariables.CHECK_RESULT, CheckResult.PASSED.name()));
        if (step == Step.CALLBACK) {
            return loop.caseFile(id);
        }
        loop.complete(id, TASK_CALLBACK, "lina", Map.of(CaseVariables.SATISFACTION, Satisfaction.DISSATISFIED.name(), CaseVariables.DISSATISFACTION_REASON, "仍不亮"));
        return loop.caseFile(id);
    }
}
