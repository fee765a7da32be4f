package io.gridloop.inbox;

import io.gridloop.casefile.CaseRecord;
import io.gridloop.forms.FormSchema;
import java.util.Map;

/** An opened task: the task, its case, its form and the data the form shows and prefills from. */
public record TaskWork(InboxTask task, CaseRecord caseRecord, FormSchema form, Map<String, Object> data) {}
