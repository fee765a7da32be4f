package io.gridloop.process.internal;

import io.gridloop.casefile.CaseRuleException;
import io.gridloop.grid.Department;
import io.gridloop.grid.ReferenceData;
import org.springframework.stereotype.Component;

/**
 * A department's candidate group as the reference data names it ({@code Department.groupId}): the BPMN's handling tasks
 * are offered to {@code ${departmentGroups.of(department)}}, never to a group spelled from the code. Named apart from
 * the {@code departments} form variable, which would hide a bean of that name in expressions.
 */
@Component("departmentGroups")
public class DepartmentGroups {

    private final ReferenceData reference;

    public DepartmentGroups(ReferenceData reference) {
        this.reference = reference;
    }

    public String of(Object departmentCode) {
        String code = departmentCode == null ? null : departmentCode.toString();
        return reference.department(code).map(Department::groupId)
                .orElseThrow(() -> new CaseRuleException("error.department.unknown", code));
    }
}
