package io.gridloop.deadline;

import io.gridloop.casefile.CaseFileService;
import io.gridloop.casefile.CaseTimeline;
import io.gridloop.casefile.CaseTransitions;
import io.gridloop.casefile.TimelineAction;
import io.gridloop.process.CaseLoop;
import io.gridloop.process.CaseVariables;
import io.gridloop.process.Step;
import io.gridloop.process.ApprovalDecision;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Delegates of time limits: the limits from DMN, warnings, overdue marks, extension and hold. */
@Configuration
public class DeadlineDelegates {

    static final String SYSTEM = "system";

    static long caseId(DelegateExecution execution) {
        return CaseVariables.caseId(execution);
    }

    /**
     * A stage of a case handled in stages is done: the next stage starts with its own handling limit, and the timeline
     * says which stage was finished and which begins.
     */
    @Bean
    public JavaDelegate nextHandlingStage(CaseTimeline timeline) {
        return execution -> {
            List<HandlingStage> stages = HandlingStage.read(CaseVariables.HANDLE_STAGES_VAR.from(execution).getOrNull());
            int done = CaseVariables.HANDLE_STAGE_VAR.from(execution).get();
            if (done < 1 || done >= stages.size()) {
                throw new IllegalStateException("no handling stage after stage " + done + " of " + stages.size());
            }
            HandlingStage finished = stages.get(done - 1);
            HandlingStage next = stages.get(done);
            CaseVariables.HANDLE_STAGE_VAR.on(execution).set(done + 1);
            CaseVariables.HANDLE_STAGE_NAME_VAR.on(execution).set(next.name());
            CaseVariables.HANDLE_LIMIT_VAR.on(execution).set(next.limit());
            timeline.addTimeline(caseId(execution), SYSTEM, Step.HANDLE.name(), TimelineAction.STAGE_DONE, finished.name(), null,
                    "%s (%d/%d) %s".formatted(next.name(), done + 1, stages.size(), next.limit()), List.of());
        };
    }

    @Bean
    public JavaDelegate markWarning(CaseTransitions transitions, CaseTimeline timeline, Supervision supervision) {
        return execution -> {
            long caseId = caseId(execution);
            String step = deadlineStep(execution);
            transitions.markWarning(caseId);
            timeline.addTimeline(caseId, SYSTEM, step, TimelineAction.WARNING, null, null, null, List.of());
            supervision.warn(caseId, step);
        };
    }

    /** Overdue (超期): the case is marked and the group working the step gets a reminder (催办) at once. */
    @Bean
    public JavaDelegate markOverdue(CaseTransitions transitions, CaseTimeline timeline, Supervision supervision) {
        return execution -> {
            long caseId = caseId(execution);
            String step = deadlineStep(execution);
            transitions.markOverdue(caseId);
            timeline.addTimeline(caseId, SYSTEM, step, TimelineAction.OVERDUE, null, null, null, List.of());
            supervision.openForDeadline(caseId, step, SupervisionOrder.Kind.REMINDER, SupervisionOrder.Level.DEPARTMENT);
        };
    }

    /** Still overdue: a supervision order at the level the BPMN names (street, district), or the notice list. */
    @Bean
    public JavaDelegate openSupervision(Supervision supervision) {
        return execution -> {
            String level = property(execution, PROPERTY_SUPERVISION_LEVEL);
            boolean notice = "NOTICE".equals(level);
            supervision.openForDeadline(caseId(execution), deadlineStep(execution),
                    notice ? SupervisionOrder.Kind.NOTICE : SupervisionOrder.Kind.SUPERVISION,
                    notice ? SupervisionOrder.Level.DISTRICT : SupervisionOrder.Level.valueOf(level));
        };
    }

    /** The working time the handling step had left when an approval started (zero when it was already overdue). */
    static Duration remaining(CaseTransitions transitions, WorkingTime workingTime, long caseId, LimitClock clock) {
        Instant now = ClockUtil.getCurrentTime().toInstant();
        return transitions.handlingDueAt(caseId).map(due -> clock == LimitClock.CALENDAR
                ? (due.toInstant().isAfter(now) ? Duration.between(now, due.toInstant()) : Duration.ZERO)
                : workingTime.between(now, due.toInstant())).orElse(Duration.ZERO);
    }

    /**
     * An approved extension moves the handling deadline by the approved working days: the step starts again with what it
     * had left plus the extension.
     */
    @Bean
    public JavaDelegate extendDeadline(CaseTransitions transitions, CaseTimeline timeline, WorkingTime workingTime) {
        return execution -> {
            Number days = CaseVariables.APPROVED_DAYS_VAR.from(execution).getOptional()
                    .orElseGet(() -> CaseVariables.EXTENSION_DAYS_VAR.from(execution).get());
            int n = Math.max(1, days.intValue());
            long caseId = caseId(execution);
            LimitClock clock = LimitClock.of(execution);
            Duration left = remaining(transitions, workingTime, caseId, clock);
            TimeLimit leftLimit = clock == LimitClock.CALENDAR ? new TimeLimit(0, left) : workingTime.asDaysAndHours(left);
            TimeLimit limit = new TimeLimit(leftLimit.days() + n, leftLimit.time());
            CaseVariables.HANDLE_LIMIT_VAR.on(execution).set(limit.toString());
            transitions.extended(caseId);
            timeline.addTimeline(caseId, SYSTEM, Step.HANDLE.name(), TimelineAction.EXTENDED, "P" + n + "D", null, limit.toString(), List.of());
        };
    }

    /** Hold (挂账) stops the handling clock: what was left is kept and given back on release. */
    @Bean
    public JavaDelegate holdCase(CaseTransitions transitions, CaseTimeline timeline, WorkingTime workingTime) {
        return execution -> {
            long caseId = caseId(execution);
            LimitClock clock = LimitClock.of(execution);
            Duration left = remaining(transitions, workingTime, caseId, clock);
            TimeLimit limit = clock == LimitClock.CALENDAR ? new TimeLimit(0, left) : workingTime.asDaysAndHours(left);
            // a case already overdue when held resumes overdue, with a minute to mark it again
            CaseVariables.HANDLE_LIMIT_VAR.on(execution).set(left.isZero() ? "PT1M" : limit.toString());
            timeline.addTimeline(caseId, SYSTEM, Step.HANDLE.name(), TimelineAction.HELD, null, null, limit.toString(), List.of());
        };
    }

    /** The department that asked is told how its extension request was decided. */
    @Bean
    public org.camunda.bpm.engine.delegate.TaskListener notifyExtensionDecided(CaseFileService cases, io.gridloop.notify.Outbox outbox,
                                                                              io.gridloop.grid.ReferenceData reference) {
        return task -> {
            long caseId = CaseVariables.caseId(task);
            var c = cases.get(caseId);
            String department = CaseVariables.DEPARTMENT_VAR.from(task).getOrNull();
            boolean approved = CaseVariables.decision(task, CaseVariables.EXTENSION_DECISION_VAR, ApprovalDecision.class)
                    .orElse(null) == ApprovalDecision.APPROVED;
            // the department's own group, as the reference data names it (no prefix spelled out here)
            reference.department(department)
                    .ifPresent(d -> outbox.toGroup("extension:" + task.getId(), d.groupId(), Supervision.about(c), "mail.extension",
                            c.caseNumber(), io.gridloop.notify.Outbox.label("decision." + (approved ? ApprovalDecision.APPROVED : ApprovalDecision.REFUSED))));
        };
    }

    static final String PROPERTY_SUPERVISION_LEVEL = "supervisionLevel";

    /** The step named by the end event's {@code deadlineStep} property, as the BPMN declares it. */
    static String deadlineStep(DelegateExecution execution) {
        String step = property(execution, CaseLoop.PROPERTY_DEADLINE_STEP);
        return step != null ? step : execution.getCurrentActivityId();
    }

    static String property(DelegateExecution execution, String name) {
        BaseElement element = (BaseElement) execution.getBpmnModelElementInstance();
        ExtensionElements ext = element == null ? null : element.getExtensionElements();
        if (ext != null) {
            for (CamundaProperties props : ext.getChildElementsByType(CamundaProperties.class)) {
                for (CamundaProperty p : props.getCamundaProperties()) {
                    if (name.equals(p.getCamundaName())) {
                        return p.getCamundaValue();
                    }
                }
            }
        }
        return null;
    }
}
