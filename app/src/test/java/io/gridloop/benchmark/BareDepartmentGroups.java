package io.gridloop.benchmark;

/** A department's group as bare Camunda names it ({@code ${departmentGroups.of(department)}}), without reference data. */
public final class BareDepartmentGroups {

    public String of(Object department) {
        return "group-" + department;
    }
}
