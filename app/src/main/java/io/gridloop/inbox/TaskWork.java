package io.gridloop.inbox;

import io.gridloop.casefile.CaseRecord;
import io.gridloop.forms.FormSchema;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * An opened task: the task, its case, its form and the data the form shows and prefills from; for a dispatch after the
 * lead department returned the case, who returned it, when and why (null otherwise).
 */
public record TaskWork(InboxTask task, CaseRecord caseRecord, FormSchema form, Map<String, Object> data, Returned returned) {

    /** The return the dispatcher answers: by whom, when, why. */
    public record Returned(String by, OffsetDateTime at, String reason) {}
}
