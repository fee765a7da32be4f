package io.gridloop.process;

/** Ids of the case-loop process and its elements, as in {@code processes/caseLoop.bpmn}: the one place Java names them. */
public final class CaseLoop {

    private CaseLoop() {}

    public static final String PROCESS_ID = "caseLoop";
    public static final String DECISION_ROUTING = "routing";
    public static final String DECISION_TIME_LIMITS = "timeLimits";
    public static final String DECISION_HANDLING_STAGES = "handlingStages";
    public static final String DECISION_ESCALATION = "escalation";

    /** Business rule tasks: the timeLimits and handlingStages tables applied when the case is reported. */
    public static final String TASK_DECIDE_TIME_LIMITS = "Task_DecideTimeLimits";
    public static final String TASK_DECIDE_HANDLING_STAGES = "Task_DecideHandlingStages";

    public static final String TASK_VERIFY = "Task_Verify";
    public static final String TASK_REGISTER = "Task_Register";
    public static final String TASK_DISPATCH = "Task_Dispatch";
    public static final String TASK_CO_HANDLE = "Task_CoHandle";
    public static final String TASK_HANDLE = "Task_Handle";
    public static final String TASK_APPROVE_EXTENSION = "Task_ApproveExtension";
    public static final String TASK_APPROVE_HOLD = "Task_ApproveHold";
    public static final String TASK_ON_HOLD = "Task_OnHold";
    public static final String TASK_REVIEW_HOLD = "Task_ReviewHold";
    public static final String TASK_CHECK = "Task_Check";
    public static final String TASK_CALLBACK = "Task_Callback";
    public static final String TASK_REVIEW_DISSATISFACTION = "Task_ReviewDissatisfaction";
    /** The receive step where a citizen who left an e-mail rates the work (instead of the callback). */
    public static final String TASK_AWAIT_RATING = "Task_AwaitRating";
    public static final String MESSAGE_CITIZEN_RATING = "citizenRating";

    public static final String END_FILED = "End_Filed";
    public static final String END_REJECTED = "End_Rejected";
    public static final String END_MERGED = "End_Merged";
    public static final String END_NOT_CONFIRMED = "End_NotConfirmed";
    public static final String END_ANSWERED_ON_CALL = "End_AnsweredOnCall";
    public static final String TASK_ANSWER_ON_CALL = "Task_AnswerOnCall";
    public static final String TASK_JOIN_OPEN_CASE = "Task_JoinOpenCase";
    public static final String END_JOINED_OPEN_CASE = "End_JoinedOpenCase";

    /** Extension property on the deadline end events naming the step whose timer fired. */
    public static final String PROPERTY_DEADLINE_STEP = "deadlineStep";
}
