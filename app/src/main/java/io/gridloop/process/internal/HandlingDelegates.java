package io.gridloop.process.internal;

import io.gridloop.casefile.CaseTimeline;
import io.gridloop.casefile.TimelineAction;
import io.gridloop.process.CaseVariables;
import io.gridloop.process.Step;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The loop's own bookkeeping around handling and hold: who keeps the handling task, and the hold's timeline entries.
 * The delegates that compute with working time (extension, hold, stages, warnings) stay with the deadline module.
 */
@Configuration
public class HandlingDelegates {

    static final String SYSTEM = CaseDelegates.SYSTEM;

    static long caseId(DelegateExecution execution) {
        return CaseVariables.caseId(execution);
    }

    /**
     * The official who claimed the handling task keeps the case: an extension or hold request, its approval and the
     * release come back to them (the BPMN assigns the next handling task and the hold's wait task to this variable);
     * a task completed unclaimed leaves the next one with the group.
     */
    @Bean
    public org.camunda.bpm.engine.delegate.TaskListener rememberClaimant() {
        return task -> CaseVariables.HANDLE_ASSIGNEE_VAR.on(task).set(task.getAssignee());
    }

    /** The supervisor keeps the case on hold: the reason goes on the timeline and the hold runs to its next review. */
    @Bean
    public JavaDelegate keepHolding(CaseTimeline timeline) {
        return execution -> timeline.addTimeline(caseId(execution), SYSTEM, Step.REVIEW_HOLD.name(), TimelineAction.HOLD_KEPT, null,
                String.valueOf(CaseVariables.HOLD_REVIEW_REASON_VAR.from(execution).getOrNull()),
                String.valueOf(CaseVariables.HOLD_REVIEW_LIMIT_VAR.from(execution).getOrNull()), List.of());
    }

    @Bean
    public JavaDelegate resumeCase(CaseTimeline timeline) {
        return execution -> timeline.addTimeline(caseId(execution), SYSTEM, Step.HANDLE.name(), TimelineAction.RESUMED, null, null,
                String.valueOf(CaseVariables.HANDLE_LIMIT_VAR.from(execution).getOrNull()), List.of());
    }
}
