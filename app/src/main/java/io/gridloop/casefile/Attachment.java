package io.gridloop.casefile;

import java.time.OffsetDateTime;

/** A photo or file on a case (before, after, evidence); the bytes are read separately. */
public record Attachment(long id, long caseId, Long timelineId, String fieldKey, String fileName, String contentType,
                         long sizeBytes, String uploadedBy, OffsetDateTime uploadedAt) {

    /** Photos of the problem as found (the report's, the verification's); the others show the work done. */
    private static final java.util.Set<String> BEFORE = java.util.Set.of(Attachments.REPORT_PHOTOS, "verifyPhotos");

    public boolean before() {
        return BEFORE.contains(fieldKey);
    }
}
