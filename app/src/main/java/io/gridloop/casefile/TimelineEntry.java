package io.gridloop.casefile;

import java.time.OffsetDateTime;

/** One step on a case's timeline: who did what, when, with which decision and comment. */
public record TimelineEntry(long id, long caseId, OffsetDateTime at, String actor, String step, String action,
                            String decision, String comment, String details) {}
