package io.gridloop.casefile;

import java.time.LocalDate;

/**
 * Filters of the case search; null means "any". {@code words} are words of the description (each must occur),
 * {@code callerPhone} digits of the caller's phone; {@code offset} and {@code limit} page through the results.
 */
public record CaseQuery(String caseNumber, CaseStatus status, String gridCode, String streetCode, String departmentCode,
                        String categoryCode, LocalDate reportedFrom, LocalDate reportedTo, Boolean overdue, String words,
                        String callerPhone, int offset, int limit) {

    public CaseQuery(String caseNumber, CaseStatus status, String gridCode, String streetCode, String departmentCode,
                     String categoryCode, LocalDate reportedFrom, LocalDate reportedTo, Boolean overdue, int limit) {
        this(caseNumber, status, gridCode, streetCode, departmentCode, categoryCode, reportedFrom, reportedTo, overdue, null, null,
                0, limit);
    }

    public CaseQuery page(int offset, int limit) {
        return new CaseQuery(caseNumber, status, gridCode, streetCode, departmentCode, categoryCode, reportedFrom, reportedTo,
                overdue, words, callerPhone, offset, limit);
    }
}
