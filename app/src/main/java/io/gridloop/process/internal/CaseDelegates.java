package io.gridloop.process.internal;

import io.gridloop.casefile.CaseFileService;
import io.gridloop.casefile.CaseRecord;
import io.gridloop.casefile.CaseRuleException;
import io.gridloop.casefile.CaseTimeline;
import io.gridloop.casefile.CaseTransitions;
import io.gridloop.casefile.TimelineAction;
import io.gridloop.process.CaseFiled;
import io.gridloop.process.CaseNotConfirmed;
import io.gridloop.process.CaseVariables;
import io.gridloop.process.CheckResult;
import io.gridloop.process.Step;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The case file's delegates, named as the BPMN calls them ({@code ${registerCase}} …). Each records a state change of
 * the case; none decides where the flow goes.
 */
@Configuration
public class CaseDelegates {

    public static final String SYSTEM = "system";

    static long caseId(DelegateExecution execution) {
        return CaseVariables.caseId(execution);
    }


    @Bean
    public JavaDelegate registerCase(CaseTransitions transitions) {
        return execution -> transitions.registered(caseId(execution));
    }

    @Bean
    public JavaDelegate rejectCase(CaseTransitions transitions) {
        return execution -> transitions.rejected(caseId(execution));
    }

    /**
     * 核实不属实: the report ends without a case to handle. The reason goes on the timeline; {@link CaseNotConfirmed}
     * tells whoever listens (the reporter's mail), in the engine's transaction.
     */
    @Bean
    public JavaDelegate notConfirmCase(CaseTransitions transitions, CaseTimeline timeline, ApplicationEventPublisher events) {
        return execution -> {
            long caseId = caseId(execution);
            String reason = CaseVariables.NOT_CONFIRMED_REASON_VAR.from(execution).getOrNull();
            transitions.notConfirmed(caseId);
            timeline.addTimeline(caseId, SYSTEM, Step.VERIFY.name(), TimelineAction.NOT_CONFIRMED, null, reason,
                    null, java.util.List.of());
            events.publishEvent(new CaseNotConfirmed(caseId, reason));
        };
    }

    /**
     * Merges a duplicate into an open case the registering official may see. A number that is closed, outside their
     * scope or nobody's gets one answer, so a refusal tells nothing about cases beyond the official's scope; with no
     * official at work (the engine's own door without one) nothing is in scope.
     */
    @Bean
    public JavaDelegate mergeDuplicate(CaseFileService cases, CaseTransitions transitions, CaseTimeline timeline, io.gridloop.security.ActingOfficial acting) {
        return execution -> {
            long caseId = caseId(execution);
            CaseRecord self = cases.get(caseId);
            String raw = CaseVariables.DUPLICATE_OF_VAR.from(execution).getOrNull();
            String target = raw == null ? "" : raw.trim();
            if (target.equals(self.caseNumber())) {
                throw new CaseRuleException("error.duplicate.self", target);
            }
            CaseRecord into = target.isEmpty() ? null
                    : acting.currentScope().flatMap(scope -> cases.findOpenByNumber(target, scope)).orElse(null);
            if (into == null) {
                throw new CaseRuleException("error.duplicate.notFound", target);
            }
            transitions.merged(caseId, into.caseNumber());
            timeline.addTimeline(into.id(), SYSTEM, Step.REGISTER.name(), TimelineAction.MERGED_IN, self.caseNumber(), self.description(), null,
                    java.util.List.of());
        };
    }

    /**
     * Rework (返工): a failed check sends the work back to the departments the checker named (the form offers only the
     * case's own); a citizen's accepted dissatisfaction, or a check that named none of them, sends it to the lead.
     */
    @Bean
    public JavaDelegate reworkCase(CaseTransitions transitions, CaseTimeline timeline) {
        return execution -> {
            long caseId = caseId(execution);
            transitions.reworked(caseId);
            String lead = CaseVariables.DEPARTMENT_VAR.from(execution).getOrNull();
            boolean afterCheck = CaseVariables.decision(execution, CaseVariables.CHECK_RESULT_VAR, CheckResult.class)
                    .orElse(null) != CheckResult.PASSED;
            java.util.List<String> named = afterCheck ? codes(CaseVariables.REWORK_BY_VAR.from(execution).getOrNull()) : java.util.List.of();
            java.util.List<String> all = codes(CaseVariables.CO_DEPARTMENTS_VAR.from(execution).getOrNull());
            java.util.List<String> co = all.stream().filter(named::contains).toList();
            boolean leadAgain = named.contains(lead) || co.isEmpty();
            CaseVariables.LEAD_AT_WORK_VAR.on(execution).set(leadAgain);
            CaseVariables.CO_DEPARTMENTS_AT_WORK_VAR.on(execution).set(String.join(",", co));
            if (!all.isEmpty()) {
                // a joint case's timeline says who redoes the work; a single department's needs no saying
                java.util.List<String> who = new java.util.ArrayList<>(co);
                if (leadAgain) {
                    who.add(0, lead);
                }
                timeline.addTimeline(caseId, SYSTEM, (afterCheck ? Step.CHECK : Step.CALLBACK).name(), TimelineAction.REWORK, null, null, String.join(", ", who),
                        java.util.List.of());
            }
        };
    }

    /** Department codes as a form's checklist gives them (a list) or as text (comma-separated). */
    static java.util.List<String> codes(Object value) {
        if (value instanceof java.util.Collection<?> c) {
            return c.stream().filter(java.util.Objects::nonNull).map(Object::toString).map(String::trim).toList();
        }
        return CaseFileService.codes(value == null ? null : value.toString());
    }

    /** Files the case; {@link CaseFiled} tells whoever listens (the reporter's mail), in the engine's transaction. */
    @Bean
    public JavaDelegate fileCase(CaseTransitions transitions, CaseTimeline timeline, ApplicationEventPublisher events) {
        return execution -> {
            long caseId = caseId(execution);
            transitions.filed(caseId, CaseVariables.SATISFACTION_VAR.from(execution).getOrNull());
            timeline.addTimeline(caseId, SYSTEM, "FILE", TimelineAction.FILED, null, null, null, java.util.List.of());
            events.publishEvent(new CaseFiled(caseId));
        };
    }

    /**
     * 即办: a hotline call answered on the phone is filed at once with the answer on its timeline; it is counted as a
     * report and never registered or dispatched.
     */
    @Bean
    public JavaDelegate answerOnCall(CaseTransitions transitions, CaseTimeline timeline) {
        return execution -> {
            long caseId = caseId(execution);
            transitions.answeredOnCall(caseId);
            timeline.addTimeline(caseId, SYSTEM, "REPORT", TimelineAction.ANSWERED_ON_CALL, null, CaseVariables.CALL_ANSWER_VAR.from(execution).getOrNull(), null,
                    java.util.List.of());
        };
    }

    /**
     * A public report near an open case of the same kind joins that case as one of its reporters (intake found the case,
     * ReportService): merged like a duplicate at registration, so it counts as a report and hears when the case is filed.
     */
    @Bean
    public JavaDelegate joinOpenCase(CaseFileService cases, CaseTransitions transitions, CaseTimeline timeline) {
        return execution -> {
            long caseId = caseId(execution);
            CaseRecord self = cases.get(caseId);
            String target = CaseVariables.JOINED_CASE_VAR.from(execution).get();
            CaseRecord into = cases.findByNumber(target).filter(c -> !c.status().isClosed())
                    .orElseThrow(() -> new CaseRuleException("error.duplicate.notFound", target));
            transitions.merged(caseId, into.caseNumber());
            timeline.addTimeline(into.id(), SYSTEM, "REPORT", TimelineAction.MERGED_IN, self.caseNumber(), self.description(), null,
                    java.util.List.of());
        };
    }
}
