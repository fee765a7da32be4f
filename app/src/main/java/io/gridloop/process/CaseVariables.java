package io.gridloop.process;

import static io.holunda.camunda.bpm.data.CamundaBpmData.booleanVariable;
import static io.holunda.camunda.bpm.data.CamundaBpmData.customVariable;
import static io.holunda.camunda.bpm.data.CamundaBpmData.intVariable;
import static io.holunda.camunda.bpm.data.CamundaBpmData.longVariable;
import static io.holunda.camunda.bpm.data.CamundaBpmData.stringVariable;

import io.holunda.camunda.bpm.data.factory.VariableFactory;
import java.util.Map;

/**
 * Process variable names of the case loop: what BPMN conditions, DMN inputs, timers and forms read. Everything else
 * about a case lives in the case file (gl_case), not in variables. Beside each name its typed
 * {@link VariableFactory} ({@code NAME_VAR}, camunda-bpm-data): delegates and tests read and write through those; a
 * decision's values are the enum {@link #DECISIONS} names for it.
 */
public final class CaseVariables {

    private CaseVariables() {}

    // set when the case is reported
    public static final String CASE_ID = "caseId";
    public static final VariableFactory<Long> CASE_ID_VAR = longVariable(CASE_ID);
    public static final String CHANNEL = "channel";
    public static final VariableFactory<String> CHANNEL_VAR = stringVariable(CHANNEL);
    public static final String URGENCY = "urgency";
    public static final VariableFactory<String> URGENCY_VAR = stringVariable(URGENCY);
    public static final String CATEGORY_CODE = "categoryCode";
    public static final VariableFactory<String> CATEGORY_CODE_VAR = stringVariable(CATEGORY_CODE);
    public static final String SUBCATEGORY_CODE = "subcategoryCode";
    public static final VariableFactory<String> SUBCATEGORY_CODE_VAR = stringVariable(SUBCATEGORY_CODE);
    public static final String GRID_CODE = "gridCode";
    public static final VariableFactory<String> GRID_CODE_VAR = stringVariable(GRID_CODE);
    public static final String STREET_CODE = "streetCode";
    public static final VariableFactory<String> STREET_CODE_VAR = stringVariable(STREET_CODE);
    public static final String SELF_RESOLVED = "selfResolved";
    public static final VariableFactory<Boolean> SELF_RESOLVED_VAR = booleanVariable(SELF_RESOLVED);
    /** A citizen's report with an e-mail address: the citizen rates the work online instead of the callback (once). */
    public static final String CITIZEN_RATES = "citizenRates";
    public static final VariableFactory<Boolean> CITIZEN_RATES_VAR = booleanVariable(CITIZEN_RATES);
    /** 即办: the hotline answered the call on the phone; the answer itself goes on the timeline ({@link #CALL_ANSWER}). */
    public static final String ANSWERED_ON_CALL = "answeredOnCall";
    public static final VariableFactory<Boolean> ANSWERED_ON_CALL_VAR = booleanVariable(ANSWERED_ON_CALL);
    public static final String CALL_ANSWER = "callAnswer";
    public static final VariableFactory<String> CALL_ANSWER_VAR = stringVariable(CALL_ANSWER);
    /** A public report near an open case of the same kind: that case's number; the report joins it as one of its reporters. */
    public static final String JOINED_CASE = "joinedCase";
    public static final VariableFactory<String> JOINED_CASE_VAR = stringVariable(JOINED_CASE);

    // time limits from the timeLimits decision (ISO-8601 durations)
    public static final String VERIFY_LIMIT = "verifyLimit";
    public static final VariableFactory<String> VERIFY_LIMIT_VAR = stringVariable(VERIFY_LIMIT);
    public static final String REGISTER_LIMIT = "registerLimit";
    public static final VariableFactory<String> REGISTER_LIMIT_VAR = stringVariable(REGISTER_LIMIT);
    public static final String DISPATCH_LIMIT = "dispatchLimit";
    public static final VariableFactory<String> DISPATCH_LIMIT_VAR = stringVariable(DISPATCH_LIMIT);
    public static final String HANDLE_LIMIT = "handleLimit";
    public static final VariableFactory<String> HANDLE_LIMIT_VAR = stringVariable(HANDLE_LIMIT);
    public static final String CHECK_LIMIT = "checkLimit";
    public static final VariableFactory<String> CHECK_LIMIT_VAR = stringVariable(CHECK_LIMIT);
    public static final String CALLBACK_LIMIT = "callbackLimit";
    public static final VariableFactory<String> CALLBACK_LIMIT_VAR = stringVariable(CALLBACK_LIMIT);
    public static final String APPROVAL_LIMIT = "approvalLimit";
    public static final VariableFactory<String> APPROVAL_LIMIT_VAR = stringVariable(APPROVAL_LIMIT);
    /** How the case's limits count: WORKING or CALENDAR ({@code LimitClock}). */
    public static final String LIMIT_CLOCK = "limitClock";
    public static final VariableFactory<String> LIMIT_CLOCK_VAR = stringVariable(LIMIT_CLOCK);
    /** How long a case stays on hold before a supervisor reviews it (挂账复核). */
    public static final String HOLD_REVIEW_LIMIT = "holdReviewLimit";
    public static final VariableFactory<String> HOLD_REVIEW_LIMIT_VAR = stringVariable(HOLD_REVIEW_LIMIT);

    // handling in stages (handlingStages decision): the stages as JSON, the current one (1-based) and how many
    public static final String HANDLE_STAGES = "handleStages";
    public static final VariableFactory<String> HANDLE_STAGES_VAR = stringVariable(HANDLE_STAGES);
    public static final String HANDLE_STAGE = "handleStage";
    public static final VariableFactory<Integer> HANDLE_STAGE_VAR = intVariable(HANDLE_STAGE);
    public static final String HANDLE_STAGE_COUNT = "handleStageCount";
    public static final VariableFactory<Integer> HANDLE_STAGE_COUNT_VAR = intVariable(HANDLE_STAGE_COUNT);
    public static final String HANDLE_STAGE_NAME = "handleStageName";
    public static final VariableFactory<String> HANDLE_STAGE_NAME_VAR = stringVariable(HANDLE_STAGE_NAME);

    // decisions taken in the forms
    public static final String VERIFY_RESULT = "verifyResult";
    public static final VariableFactory<String> VERIFY_RESULT_VAR = stringVariable(VERIFY_RESULT);
    public static final String NOT_CONFIRMED_REASON = "notConfirmedReason";
    public static final VariableFactory<String> NOT_CONFIRMED_REASON_VAR = stringVariable(NOT_CONFIRMED_REASON);
    public static final String REGISTER_DECISION = "registerDecision";
    public static final VariableFactory<String> REGISTER_DECISION_VAR = stringVariable(REGISTER_DECISION);
    public static final String REJECT_REASON = "rejectReason";
    public static final VariableFactory<String> REJECT_REASON_VAR = stringVariable(REJECT_REASON);
    public static final String DUPLICATE_OF = "duplicateOf";
    public static final VariableFactory<String> DUPLICATE_OF_VAR = stringVariable(DUPLICATE_OF);
    public static final String DEPARTMENT = "department";
    public static final VariableFactory<String> DEPARTMENT_VAR = stringVariable(DEPARTMENT);
    public static final String CO_DEPARTMENTS = "coDepartments";
    /** As the form submits it: a list (taglist) or, through the API, text. */
    public static final VariableFactory<Object> CO_DEPARTMENTS_VAR = customVariable(CO_DEPARTMENTS, Object.class);
    /** As dispatch writes it back: the codes comma-separated, a string variable (an Object factory would serialize it). */
    public static final VariableFactory<String> CO_DEPARTMENTS_TEXT_VAR = stringVariable(CO_DEPARTMENTS);
    public static final String CO_DEPARTMENT = "coDepartment";
    public static final VariableFactory<String> CO_DEPARTMENT_VAR = stringVariable(CO_DEPARTMENT);
    // who works in this round of a (joint) case: the lead or not, and which co-departments (comma-separated)
    public static final String LEAD_AT_WORK = "leadAtWork";
    public static final VariableFactory<Boolean> LEAD_AT_WORK_VAR = booleanVariable(LEAD_AT_WORK);
    public static final String CO_DEPARTMENTS_AT_WORK = "coDepartmentsAtWork";
    public static final VariableFactory<String> CO_DEPARTMENTS_AT_WORK_VAR = stringVariable(CO_DEPARTMENTS_AT_WORK);
    public static final String HANDLE_OUTCOME = "handleOutcome";
    public static final VariableFactory<String> HANDLE_OUTCOME_VAR = stringVariable(HANDLE_OUTCOME);
    /** The official who had claimed the handling task when it was completed: the next handling task (after an approval …) is theirs. */
    public static final String HANDLE_ASSIGNEE = "handleAssignee";
    public static final VariableFactory<String> HANDLE_ASSIGNEE_VAR = stringVariable(HANDLE_ASSIGNEE);
    public static final String RETURN_REASON = "returnReason";
    public static final VariableFactory<String> RETURN_REASON_VAR = stringVariable(RETURN_REASON);
    public static final String EXTENSION_DAYS = "extensionDays";
    public static final VariableFactory<Number> EXTENSION_DAYS_VAR = customVariable(EXTENSION_DAYS, Number.class);
    public static final String EXTENSION_REASON = "extensionReason";
    public static final VariableFactory<String> EXTENSION_REASON_VAR = stringVariable(EXTENSION_REASON);
    public static final String EXTENSION_DECISION = "extensionDecision";
    public static final VariableFactory<String> EXTENSION_DECISION_VAR = stringVariable(EXTENSION_DECISION);
    public static final String APPROVED_DAYS = "approvedDays";
    public static final VariableFactory<Number> APPROVED_DAYS_VAR = customVariable(APPROVED_DAYS, Number.class);
    public static final String HOLD_REASON = "holdReason";
    public static final VariableFactory<String> HOLD_REASON_VAR = stringVariable(HOLD_REASON);
    public static final String HOLD_DECISION = "holdDecision";
    public static final VariableFactory<String> HOLD_DECISION_VAR = stringVariable(HOLD_DECISION);
    public static final String HOLD_REVIEW_DECISION = "holdReviewDecision";
    public static final VariableFactory<String> HOLD_REVIEW_DECISION_VAR = stringVariable(HOLD_REVIEW_DECISION);
    public static final String HOLD_REVIEW_REASON = "holdReviewReason";
    public static final VariableFactory<String> HOLD_REVIEW_REASON_VAR = stringVariable(HOLD_REVIEW_REASON);
    public static final String CHECK_RESULT = "checkResult";
    public static final VariableFactory<String> CHECK_RESULT_VAR = stringVariable(CHECK_RESULT);
    /** The departments a failed check sends the work back to (the lead, co-departments, or both). */
    public static final String REWORK_BY = "reworkBy";
    public static final VariableFactory<Object> REWORK_BY_VAR = customVariable(REWORK_BY, Object.class);
    public static final String SATISFACTION = "satisfaction";
    public static final VariableFactory<String> SATISFACTION_VAR = stringVariable(SATISFACTION);
    public static final String DISSATISFACTION_REASON = "dissatisfactionReason";
    public static final VariableFactory<String> DISSATISFACTION_REASON_VAR = stringVariable(DISSATISFACTION_REASON);
    public static final String DISSATISFACTION_DECISION = "dissatisfactionDecision";
    public static final VariableFactory<String> DISSATISFACTION_DECISION_VAR = stringVariable(DISSATISFACTION_DECISION);
    public static final String COMMENT = "comment";
    public static final VariableFactory<String> COMMENT_VAR = stringVariable(COMMENT);

    /** Form data offered to select/taglist fields: the departments as label/value pairs. */
    public static final String DEPARTMENTS_OPTIONS = "departments";

    /** Each decision taken in a form, by its variable: the enum whose names are the form's option values. */
    public static final Map<String, Class<? extends Enum<?>>> DECISIONS = Map.of(
            VERIFY_RESULT, io.gridloop.process.VerifyResult.class,
            REGISTER_DECISION, io.gridloop.process.RegisterDecision.class,
            HANDLE_OUTCOME, io.gridloop.process.HandleOutcome.class,
            EXTENSION_DECISION, io.gridloop.process.ApprovalDecision.class,
            HOLD_DECISION, io.gridloop.process.ApprovalDecision.class,
            HOLD_REVIEW_DECISION, io.gridloop.process.HoldReviewDecision.class,
            CHECK_RESULT, io.gridloop.process.CheckResult.class,
            SATISFACTION, io.gridloop.process.Satisfaction.class,
            DISSATISFACTION_DECISION, io.gridloop.process.DissatisfactionDecision.class);

    /** The case an execution or task belongs to. */
    public static long caseId(org.camunda.bpm.engine.delegate.VariableScope scope) {
        return CASE_ID_VAR.from(scope).getOptional()
                .orElseThrow(() -> new IllegalStateException("no caseId in " + scope.getVariableScopeKey()));
    }

    /** A decision taken in a form, as its enum; none when it was not (yet) taken. */
    public static <E extends Enum<E>> java.util.Optional<E> decision(org.camunda.bpm.engine.delegate.VariableScope scope,
                                                                     VariableFactory<String> variable, Class<E> type) {
        return variable.from(scope).getOptional().map(v -> Enum.valueOf(type, v));
    }
}
