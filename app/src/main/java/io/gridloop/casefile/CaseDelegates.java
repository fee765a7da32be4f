package io.gridloop.casefile;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
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

    static String text(DelegateExecution execution, String name) {
        Object v = execution.getVariable(name);
        return v == null ? null : v.toString();
    }

    @Bean
    public JavaDelegate registerCase(CaseFileService cases) {
        return execution -> cases.registered(caseId(execution));
    }

    @Bean
    public JavaDelegate rejectCase(CaseFileService cases) {
        return execution -> cases.rejected(caseId(execution));
    }

    /**
     * 核实不属实: the report ends without a case to handle. The reason goes on the timeline; a reporter who left an
     * address is told by mail, as on filing.
     */
    @Bean
    public JavaDelegate notConfirmCase(CaseFileService cases, io.gridloop.notify.Outbox outbox) {
        return execution -> {
            long caseId = caseId(execution);
            cases.notConfirmed(caseId);
            cases.addTimeline(caseId, SYSTEM, "VERIFY", "NOT_CONFIRMED", null, text(execution, CaseVariables.NOT_CONFIRMED_REASON),
                    null, java.util.List.of());
            CaseRecord c = cases.get(caseId);
            if (c.reporterEmail() != null) {
                outbox.toAddress("notConfirmed:" + caseId, c.reporterEmail(), "mail.notConfirmed", "/track/" + c.trackingCode(),
                        c.caseNumber(), c.description());
            }
        };
    }

    /**
     * Merges a duplicate into an open case the registering official may see. A number that is closed, outside their
     * scope or nobody's gets one answer, so a refusal tells nothing about cases beyond the official's scope; with no
     * official at work (the engine's own door without one) nothing is in scope.
     */
    @Bean
    public JavaDelegate mergeDuplicate(CaseFileService cases, io.gridloop.security.ActingOfficial acting) {
        return execution -> {
            long caseId = caseId(execution);
            CaseRecord self = cases.get(caseId);
            String raw = text(execution, CaseVariables.DUPLICATE_OF);
            String target = raw == null ? "" : raw.trim();
            if (target.equals(self.caseNumber())) {
                throw new CaseRuleException("error.duplicate.self", target);
            }
            CaseRecord into = target.isEmpty() ? null
                    : acting.currentScope().flatMap(scope -> cases.findOpenByNumber(target, scope)).orElse(null);
            if (into == null) {
                throw new CaseRuleException("error.duplicate.notFound", target);
            }
            cases.merged(caseId, into.caseNumber());
            cases.addTimeline(into.id(), SYSTEM, "REGISTER", "MERGED_IN", self.caseNumber(), self.description(), null,
                    java.util.List.of());
        };
    }

    /**
     * Rework (返工): a failed check sends the work back to the departments the checker named (the form offers only the
     * case's own); a citizen's accepted dissatisfaction, or a check that named none of them, sends it to the lead.
     */
    @Bean
    public JavaDelegate reworkCase(CaseFileService cases) {
        return execution -> {
            long caseId = caseId(execution);
            cases.reworked(caseId);
            String lead = text(execution, CaseVariables.DEPARTMENT);
            boolean afterCheck = !"PASSED".equals(text(execution, CaseVariables.CHECK_RESULT));
            java.util.List<String> named = afterCheck ? codes(execution.getVariable(CaseVariables.REWORK_BY)) : java.util.List.of();
            java.util.List<String> all = CaseFileService.codes(text(execution, CaseVariables.CO_DEPARTMENTS));
            java.util.List<String> co = all.stream().filter(named::contains).toList();
            boolean leadAgain = named.contains(lead) || co.isEmpty();
            execution.setVariable(CaseVariables.LEAD_AT_WORK, leadAgain);
            execution.setVariable(CaseVariables.CO_DEPARTMENTS_AT_WORK, String.join(",", co));
            if (!all.isEmpty()) {
                // a joint case's timeline says who redoes the work; a single department's needs no saying
                java.util.List<String> who = new java.util.ArrayList<>(co);
                if (leadAgain) {
                    who.add(0, lead);
                }
                cases.addTimeline(caseId, SYSTEM, afterCheck ? "CHECK" : "CALLBACK", "REWORK", null, null, String.join(", ", who),
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

    /** Files the case; a reporter who left an address is told by mail. */
    @Bean
    public JavaDelegate fileCase(CaseFileService cases, io.gridloop.notify.Outbox outbox) {
        return execution -> {
            long caseId = caseId(execution);
            cases.filed(caseId, text(execution, CaseVariables.SATISFACTION));
            cases.addTimeline(caseId, SYSTEM, "FILE", "FILED", null, null, null, java.util.List.of());
            CaseRecord c = cases.get(caseId);
            if (c.reporterEmail() != null) {
                outbox.toAddress("filed:" + caseId, c.reporterEmail(), "mail.filed", null, c.caseNumber(), c.description());
            }
            // the reporters of the reports merged into this case hear the outcome too, each about their own report
            for (CaseRecord merged : cases.mergedInto(c.caseNumber())) {
                if (merged.reporterEmail() != null) {
                    outbox.toAddress("filed:" + caseId + ":" + merged.id(), merged.reporterEmail(), "mail.filedMerged",
                            "/track/" + merged.trackingCode(), merged.caseNumber(), merged.description(), c.caseNumber());
                }
            }
        };
    }

    /**
     * 即办: a hotline call answered on the phone is filed at once with the answer on its timeline; it is counted as a
     * report and never registered or dispatched.
     */
    @Bean
    public JavaDelegate answerOnCall(CaseFileService cases) {
        return execution -> {
            long caseId = caseId(execution);
            cases.answeredOnCall(caseId);
            cases.addTimeline(caseId, SYSTEM, "REPORT", "ANSWERED_ON_CALL", null, text(execution, CaseVariables.CALL_ANSWER), null,
                    java.util.List.of());
        };
    }

    /**
     * A public report near an open case of the same kind joins that case as one of its reporters (intake found the case,
     * ReportService): merged like a duplicate at registration, so it counts as a report and hears when the case is filed.
     */
    @Bean
    public JavaDelegate joinOpenCase(CaseFileService cases) {
        return execution -> {
            long caseId = caseId(execution);
            CaseRecord self = cases.get(caseId);
            String target = text(execution, CaseVariables.JOINED_CASE);
            CaseRecord into = cases.findByNumber(target).filter(c -> !c.status().isClosed())
                    .orElseThrow(() -> new CaseRuleException("error.duplicate.notFound", target));
            cases.merged(caseId, into.caseNumber());
            cases.addTimeline(into.id(), SYSTEM, "REPORT", "MERGED_IN", self.caseNumber(), self.description(), null,
                    java.util.List.of());
        };
    }
}
