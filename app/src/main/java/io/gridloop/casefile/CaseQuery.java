package io.gridloop.casefile;

import java.time.LocalDate;

/** Filters of the case search; null means "any". */
public record CaseQuery(String caseNumber, CaseStatus status, String gridCode, String streetCode, String departmentCode,
                        String categoryCode, LocalDate reportedFrom, LocalDate reportedTo, Boolean overdue, int limit) {
}
