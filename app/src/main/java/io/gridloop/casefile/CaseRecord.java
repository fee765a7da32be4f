package io.gridloop.casefile;

import java.time.OffsetDateTime;
import java.util.List;

/** One case as the read model holds it: what inboxes, searches and dashboards read instead of process variables. */
public record CaseRecord(
        long id,
        String caseNumber,
        String trackingCode,
        String processInstanceId,
        CaseStatus status,
        String currentStep,
        String candidateGroup,
        String assignee,
        OffsetDateTime dueAt,
        boolean warning,
        boolean overdue,
        Channel channel,
        Urgency urgency,
        String categoryCode,
        String subcategoryCode,
        String kind,
        String gridCode,
        String communityCode,
        String streetCode,
        String departmentCode,
        List<String> coDepartments,
        String description,
        String address,
        Double longitude,
        Double latitude,
        String reporterName,
        String reporterPhone,
        String reporterEmail,
        String reportedBy,
        boolean selfResolved,
        String mergedInto,
        int reworkCount,
        int returnCount,
        int extensionCount,
        String satisfaction,
        OffsetDateTime reportedAt,
        OffsetDateTime registeredAt,
        OffsetDateTime dispatchedAt,
        OffsetDateTime closedAt,
        OffsetDateTime updatedAt) {

    public CaseRecord {
        coDepartments = coDepartments == null ? List.of() : List.copyOf(coDepartments);
    }

    /** The same case with its co-departments (协办), which live in a table of their own. */
    CaseRecord withCoDepartments(List<String> codes) {
        return new CaseRecord(id, caseNumber, trackingCode, processInstanceId, status, currentStep, candidateGroup, assignee, dueAt,
                warning, overdue, channel, urgency, categoryCode, subcategoryCode, kind, gridCode, communityCode, streetCode,
                departmentCode, codes, description, address, longitude, latitude, reporterName, reporterPhone, reporterEmail,
                reportedBy, selfResolved, mergedInto, reworkCount, returnCount, extensionCount, satisfaction, reportedAt,
                registeredAt, dispatchedAt, closedAt, updatedAt);
    }

    /** How the caller can be reached (phone and e-mail as given), empty when they left neither and stayed anonymous. */
    public java.util.Optional<String> callerContact() {
        String contact = java.util.stream.Stream.of(reporterPhone, reporterEmail).filter(v -> v != null && !v.isBlank())
                .collect(java.util.stream.Collectors.joining(" · "));
        return contact.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(contact);
    }
}
