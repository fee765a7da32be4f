package io.gridloop.casefile;

/**
 * Process variable names of the case loop: what BPMN conditions, DMN inputs, timers and forms read. Everything else
 * about a case lives in the case file (gl_case), not in variables.
 */
public final class CaseVariables {

    private CaseVariables() {}

    // set when the case is reported
    public static final String CASE_ID = "caseId";
    public static final String CHANNEL = "channel";
    public static final String URGENCY = "urgency";
    public static final String CATEGORY_CODE = "categoryCode";
    public static final String SUBCATEGORY_CODE = "subcategoryCode";
    public static final String GRID_CODE = "gridCode";
    public static final String STREET_CODE = "streetCode";
    public static final String SELF_RESOLVED = "selfResolved";
    /** A citizen's report with an e-mail address: the citizen rates the work online instead of the callback (once). */
    public static final String CITIZEN_RATES = "citizenRates";

    // time limits from the timeLimits decision (ISO-8601 durations)
    public static final String VERIFY_LIMIT = "verifyLimit";
    public static final String REGISTER_LIMIT = "registerLimit";
    public static final String DISPATCH_LIMIT = "dispatchLimit";
    public static final String HANDLE_LIMIT = "handleLimit";
    public static final String CHECK_LIMIT = "checkLimit";
    public static final String CALLBACK_LIMIT = "callbackLimit";
    public static final String APPROVAL_LIMIT = "approvalLimit";
    /** How long a case stays on hold before a supervisor reviews it (挂账复核). */
    public static final String HOLD_REVIEW_LIMIT = "holdReviewLimit";

    // handling in stages (handlingStages decision): the stages as JSON, the current one (1-based) and how many
    public static final String HANDLE_STAGES = "handleStages";
    public static final String HANDLE_STAGE = "handleStage";
    public static final String HANDLE_STAGE_COUNT = "handleStageCount";
    public static final String HANDLE_STAGE_NAME = "handleStageName";

    // decisions taken in the forms
    public static final String VERIFY_RESULT = "verifyResult";
    public static final String NOT_CONFIRMED_REASON = "notConfirmedReason";
    public static final String REGISTER_DECISION = "registerDecision";
    public static final String REJECT_REASON = "rejectReason";
    public static final String DUPLICATE_OF = "duplicateOf";
    public static final String DEPARTMENT = "department";
    public static final String CO_DEPARTMENTS = "coDepartments";
    public static final String CO_DEPARTMENT = "coDepartment";
    // who works in this round of a (joint) case: the lead or not, and which co-departments (comma-separated)
    public static final String LEAD_AT_WORK = "leadAtWork";
    public static final String CO_DEPARTMENTS_AT_WORK = "coDepartmentsAtWork";
    public static final String HANDLE_OUTCOME = "handleOutcome";
    /** The official who had claimed the handling task when it was completed: the next handling task (after an approval …) is theirs. */
    public static final String HANDLE_ASSIGNEE = "handleAssignee";
    public static final String RETURN_REASON = "returnReason";
    public static final String EXTENSION_DAYS = "extensionDays";
    public static final String EXTENSION_REASON = "extensionReason";
    public static final String EXTENSION_DECISION = "extensionDecision";
    public static final String APPROVED_DAYS = "approvedDays";
    public static final String HOLD_REASON = "holdReason";
    public static final String HOLD_DECISION = "holdDecision";
    public static final String HOLD_REVIEW_DECISION = "holdReviewDecision";
    public static final String HOLD_REVIEW_REASON = "holdReviewReason";
    public static final String CHECK_RESULT = "checkResult";
    /** The departments a failed check sends the work back to (the lead, co-departments, or both). */
    public static final String REWORK_BY = "reworkBy";
    public static final String SATISFACTION = "satisfaction";
    public static final String DISSATISFACTION_REASON = "dissatisfactionReason";
    public static final String DISSATISFACTION_DECISION = "dissatisfactionDecision";
    public static final String COMMENT = "comment";

    /** Form data offered to select/taglist fields: the departments as label/value pairs. */
    public static final String DEPARTMENTS_OPTIONS = "departments";

    /** The case an execution or task belongs to. */
    public static long caseId(org.camunda.bpm.engine.delegate.VariableScope scope) {
        Object id = scope.getVariable(CASE_ID);
        if (!(id instanceof Number n)) {
            throw new IllegalStateException("no caseId in " + scope.getVariableScopeKey());
        }
        return n.longValue();
    }
}
