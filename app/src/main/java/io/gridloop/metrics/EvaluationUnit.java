package io.gridloop.metrics;

/**
 * What a row of the evaluation is. Area units (区域) count a case where it is (its grid's community and street);
 * departments count the cases they lead (主办, the last lead department dispatched); a grid worker counts the cases they
 * reported themselves.
 */
public enum EvaluationUnit {
    DISTRICT,
    STREET,
    COMMUNITY,
    GRID,
    DEPARTMENT,
    GRID_WORKER;

    /** The row a case counts in, or null when it counts in none of this unit (no lead department yet, not a grid worker's). */
    String keyOf(CaseFigures.CaseRow c) {
        return switch (this) {
            case DISTRICT -> DISTRICT.name();
            case STREET -> c.streetCode();
            case COMMUNITY -> c.communityCode();
            case GRID -> c.gridCode();
            case DEPARTMENT -> c.departmentCode();
            case GRID_WORKER -> "GRID_WORKER".equals(c.channel()) ? c.reportedBy() : null;
        };
    }
}
