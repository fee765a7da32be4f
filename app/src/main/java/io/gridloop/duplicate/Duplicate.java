package io.gridloop.duplicate;

import io.gridloop.casefile.CaseRecord;

/**
 * A likely duplicate of a report: an open case near it, how far its point lies (metres) and how alike the two
 * descriptions are (0 to 1).
 */
public record Duplicate(CaseRecord openCase, double metres, double similarity) {}
