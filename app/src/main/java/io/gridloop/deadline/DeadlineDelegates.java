package io.gridloop.deadline;

import io.gridloop.casefile.CaseFileService;
import io.gridloop.casefile.CaseLoop;
import io.gridloop.casefile.CaseVariables;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.DecisionService;
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
     * Evaluates the timeLimits table for the case and keeps one variable per step limit; a subcategory with rows in the
     * handlingStages table is handled in those stages, the first stage's limit in place of the table's handling limit.
     */
    @Bean
    public JavaDelegate applyTimeLimits(DecisionService decisions) {
        return execution -> execution.setVariables(limits(decisions, execution.getVariable(CaseVariables.SUBCATEGORY_CODE),
                execution.getVariable(CaseVariables.URGENCY)));
    }

    /**
     * The variables {@code ${applyTimeLimits}} gives a case of this subcategory and urgency: one per step limit, and the
     * handling stages. Public so that a case started past its first steps (the demo history) gets the same.
     */
    public static Map<String, Object> limits(DecisionService decisions, Object subcategoryCode, Object urgency) {
        Map<String, Object> inputs = Map.of(
                CaseVariables.SUBCATEGORY_CODE, subcategoryCode,
                CaseVariables.URGENCY, urgency);
        Map<String, Object> limits = new HashMap<>(decisions.evaluateDecisionTableByKey(CaseLoop.DECISION_TIME_LIMITS)
                .variables(inputs)
                .evaluate()
                .getSingleResult()
                .getEntryMap());
        limits.forEach((name, value) -> {
            if (name.endsWith("Limit")) {
                TimeLimit.parse((String) value);
            }
        });
        List<HandlingStage> stages = decisions.evaluateDecisionTableByKey(CaseLoop.DECISION_HANDLING_STAGES)
                .variables(inputs)
                .evaluate()
                .getResultList()
                .stream().map(HandlingStage::of).toList();
        limits.put(CaseVariables.HANDLE_STAGE, 1);
        limits.put(CaseVariables.HANDLE_STAGE_COUNT, Math.max(1, stages.size()));
        if (!stages.isEmpty()) {
            limits.put(CaseVariables.HANDLE_STAGES, HandlingStage.write(stages));
            limits.put(CaseVariables.HANDLE_STAGE_NAME, stages.get(0).name());
            limits.put(CaseVariables.HANDLE_LIMIT, stages.get(0).limit());
        }
        return limits;
    }

    /**
     * A stage of a case handled in stages is done: the next stage starts with its own handling limit, and the timeline
     * says which stage was finished and which begins.
     */
    @Bean
    public JavaDelegate nextHandlingStage(CaseFileService cases) {
        return execution -> {
            List<HandlingStage> stages = HandlingStage.read(execution.getVariable(CaseVariables.HANDLE_STAGES));
            int done = ((Number) execution.getVariable(CaseVariables.HANDLE_STAGE)).intValue();
            if (done < 1 || done >= stages.size()) {
                throw new IllegalStateException("no handling stage after stage " + done + " of " + stages.size());
            }
            HandlingStage finished = stages.get(done - 1);
            HandlingStage next = stages.get(done);
            execution.setVariable(CaseVariables.HANDLE_STAGE, done + 1);
            execution.setVariable(CaseVariables.HANDLE_STAGE_NAME, next.name());
            execution.setVariable(CaseVariables.HANDLE_LIMIT, next.limit());
            cases.addTimeline(caseId(execution), SYSTEM, "HANDLE", "STAGE_DONE", finished.name(), null,
                    "%s (%d/%d) %s".formatted(next.name(), done + 1, stages.size(), next.limit()), List.of());
        };
    }

    @Bean
    public JavaDelegate markWarning(CaseFileService cases, Supervision supervision) {
        return execution -> {
            long caseId = caseId(execution);
            String step = deadlineStep(execution);
            cases.markWarning(caseId);
            cases.addTimeline(caseId, SYSTEM, step, "WARNING", null, null, null, List.of());
            supervision.warn(caseId, step);
        };
    }

    /** Overdue (超期): the case is marked and the group working the step gets a reminder (催办) at once. */
    @Bean
    public JavaDelegate markOverdue(CaseFileService cases, Supervision supervision) {
        return execution -> {
            long caseId = caseId(execution);
            String step = deadlineStep(execution);
            cases.markOverdue(caseId);
            cases.addTimeline(caseId, SYSTEM, step, "OVERDUE", null, null, null, List.of());
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
    static Duration remaining(CaseFileService cases, WorkingTime workingTime, long caseId, LimitClock clock) {
        Instant now = ClockUtil.getCurrentTime().toInstant();
        return cases.handlingDueAt(caseId).map(due -> clock == LimitClock.CALENDAR
                ? (due.toInstant().isAfter(now) ? Duration.between(now, due.toInstant()) : Duration.ZERO)
                : workingTime.between(now, due.toInstant())).orElse(Duration.ZERO);
    }

    /**
     * An approved extension moves the handling deadline by the approved working days: the step starts again with what it
     * had left plus the extension.
     */
    @Bean
    public JavaDelegate extendDeadline(CaseFileService cases, WorkingTime workingTime) {
        return execution -> {
            Object days = execution.getVariable(CaseVariables.APPROVED_DAYS);
            if (days == null) {
                days = execution.getVariable(CaseVariables.EXTENSION_DAYS);
            }
            int n = Math.max(1, ((Number) days).intValue());
            long caseId = caseId(execution);
            LimitClock clock = LimitClock.of(execution);
            Duration left = remaining(cases, workingTime, caseId, clock);
            TimeLimit leftLimit = clock == LimitClock.CALENDAR ? new TimeLimit(0, left) : workingTime.asDaysAndHours(left);
            TimeLimit limit = new TimeLimit(leftLimit.days() + n, leftLimit.time());
            execution.setVariable(CaseVariables.HANDLE_LIMIT, limit.toString());
            cases.extended(caseId);
            cases.addTimeline(caseId, SYSTEM, "HANDLE", "EXTENDED", "P" + n + "D", null, limit.toString(), List.of());
        };
    }

    /** Hold (挂账) stops the handling clock: what was left is kept and given back on release. */
    @Bean
    public JavaDelegate holdCase(CaseFileService cases, WorkingTime workingTime) {
        return execution -> {
            long caseId = caseId(execution);
            LimitClock clock = LimitClock.of(execution);
            Duration left = remaining(cases, workingTime, caseId, clock);
            TimeLimit limit = clock == LimitClock.CALENDAR ? new TimeLimit(0, left) : workingTime.asDaysAndHours(left);
            // a case already overdue when held resumes overdue, with a minute to mark it again
            execution.setVariable(CaseVariables.HANDLE_LIMIT, left.isZero() ? "PT1M" : limit.toString());
            cases.addTimeline(caseId, SYSTEM, "HANDLE", "HELD", null, null, limit.toString(), List.of());
        };
    }

    /** The department that asked is told how its extension request was decided. */
    @Bean
    public org.camunda.bpm.engine.delegate.TaskListener notifyExtensionDecided(CaseFileService cases, io.gridloop.notify.Outbox outbox,
                                                                              io.gridloop.grid.ReferenceData reference) {
        return task -> {
            long caseId = CaseVariables.caseId(task);
            var c = cases.get(caseId);
            Object department = task.getVariable(CaseVariables.DEPARTMENT);
            boolean approved = "APPROVED".equals(String.valueOf(task.getVariable(CaseVariables.EXTENSION_DECISION)));
            // the department's own group, as the reference data names it (no prefix spelled out here)
            (department == null ? java.util.Optional.<io.gridloop.grid.Department>empty() : reference.department(department.toString()))
                    .ifPresent(d -> outbox.toGroup("extension:" + task.getId(), d.groupId(), Supervision.about(c), "mail.extension",
                            c.caseNumber(), io.gridloop.notify.Outbox.label(approved ? "decision.APPROVED" : "decision.REFUSED")));
        };
    }

    /**
     * The official who claimed the handling task keeps the case: an extension or hold request, its approval and the
     * release come back to them (the BPMN assigns the next handling task and the hold's wait task to this variable);
     * a task completed unclaimed leaves the next one with the group.
     */
    @Bean
    public org.camunda.bpm.engine.delegate.TaskListener rememberClaimant() {
        return task -> task.setVariable(CaseVariables.HANDLE_ASSIGNEE, task.getAssignee());
    }

    /** The supervisor keeps the case on hold: the reason goes on the timeline and the hold runs to its next review. */
    @Bean
    public JavaDelegate keepHolding(CaseFileService cases) {
        return execution -> cases.addTimeline(caseId(execution), SYSTEM, "REVIEW_HOLD", "HOLD_KEPT", null,
                String.valueOf(execution.getVariable(CaseVariables.HOLD_REVIEW_REASON)),
                String.valueOf(execution.getVariable(CaseVariables.HOLD_REVIEW_LIMIT)), List.of());
    }

    @Bean
    public JavaDelegate resumeCase(CaseFileService cases) {
        return execution -> cases.addTimeline(caseId(execution), SYSTEM, "HANDLE", "RESUMED", null, null,
                String.valueOf(execution.getVariable(CaseVariables.HANDLE_LIMIT)), List.of());
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
