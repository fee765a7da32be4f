package io.gridloop.dispatch;

import io.gridloop.casefile.CaseFileService;
import io.gridloop.casefile.CaseRuleException;
import io.gridloop.casefile.CaseVariables;
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
    public JavaDelegate dispatchCase(CaseFileService cases, ReferenceData reference, DepartmentCodes codes) {
        return execution -> {
            Object lead = execution.getVariable(CaseVariables.DEPARTMENT);
            if (lead == null || reference.department(lead.toString()).isEmpty()) {
                throw new CaseRuleException("error.department.unknown", lead);
            }
            List<String> co = codes.split(execution.getVariable(CaseVariables.CO_DEPARTMENTS));
            if (co.contains(lead.toString())) {
                // the lead does not assist itself: refused, not quietly dropped (the dispatch form leaves it out too)
                throw new CaseRuleException("error.dispatch.leadAsCoDepartment", reference.department(lead.toString()).orElseThrow().name());
            }
            for (String c : co) {
                if (reference.department(c).isEmpty()) {
                    throw new CaseRuleException("error.department.unknown", c);
                }
            }
            // normalised, so the multi-instance and the read model see the same list
            execution.setVariable(CaseVariables.CO_DEPARTMENTS, String.join(",", co));
            // a dispatch puts the lead and every co-department to work at once
            execution.setVariable(CaseVariables.LEAD_AT_WORK, true);
            // a new dispatch (perhaps to another department) starts with the group, whoever had claimed before
            execution.setVariable(CaseVariables.HANDLE_ASSIGNEE, null);
            execution.setVariable(CaseVariables.CO_DEPARTMENTS_AT_WORK, String.join(",", co));
            cases.dispatched(caseId(execution), lead.toString(), co);
        };
    }

    @Bean
    public JavaDelegate returnCase(CaseFileService cases) {
        return execution -> cases.returned(caseId(execution));
    }
}
