package io.gridloop.casefile;

import java.time.OffsetDateTime;

/** A photo or file on a case (before, after, evidence); the bytes are read separately. */
public record Attachment(long id, long caseId, Long timelineId, String fieldKey, String fileName, String contentType,
                         long sizeBytes, String uploadedBy, OffsetDateTime uploadedAt) {}
