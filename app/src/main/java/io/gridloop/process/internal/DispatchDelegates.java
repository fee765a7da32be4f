package io.gridloop.process.internal;

import io.gridloop.casefile.CaseTransitions;
import io.gridloop.casefile.CaseRuleException;
import io.gridloop.process.CaseVariables;
import io.gridloop.grid.ReferenceData;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Delegates of dispatch (派遣) and return (退回). */
@Configuration
public class DispatchDelegates {

    static long caseId(DelegateExecution execution) {
        return CaseVariables.caseId(execution);
    }

    @Bean
    public JavaDelegate dispatchCase(CaseTransitions transitions, ReferenceData reference, DepartmentCodes codes) {
        return execution -> {
            String lead = CaseVariables.DEPARTMENT_VAR.from(execution).getOrNull();
            if (lead == null || reference.department(lead).isEmpty()) {
                throw new CaseRuleException("error.department.unknown", lead);
            }
            List<String> co = codes.split(CaseVariables.CO_DEPARTMENTS_VAR.from(execution).getOrNull());
            if (co.contains(lead)) {
                // the lead does not assist itself: refused, not quietly dropped (the dispatch form leaves it out too)
                throw new CaseRuleException("error.dispatch.leadAsCoDepartment", reference.department(lead).orElseThrow().name());
            }
            for (String c : co) {
                if (reference.department(c).isEmpty()) {
                    throw new CaseRuleException("error.department.unknown", c);
                }
            }
            // normalised, so the multi-instance and the read model see the same list
            CaseVariables.CO_DEPARTMENTS_TEXT_VAR.on(execution).set(String.join(",", co));
            // a dispatch puts the lead and every co-department to work at once
            CaseVariables.LEAD_AT_WORK_VAR.on(execution).set(true);
            // a new dispatch (perhaps to another department) starts with the group, whoever had claimed before
            CaseVariables.HANDLE_ASSIGNEE_VAR.on(execution).set(null);
            CaseVariables.CO_DEPARTMENTS_AT_WORK_VAR.on(execution).set(String.join(",", co));
            transitions.dispatched(caseId(execution), lead, co);
        };
    }

    @Bean
    public JavaDelegate returnCase(CaseTransitions transitions) {
        return execution -> transitions.returned(caseId(execution));
    }
}
