package io.gridloop.deadline;

/** Ids and variable names of {@code processes/supervisionOrder.bpmn}: the one place Java names them. */
public final class SupervisionProcess {

    private SupervisionProcess() {}

    public static final String PROCESS_ID = "supervisionOrder";
    public static final String TASK_ANSWER = "Task_AnswerSupervision";
    /** Correlated when the step the order chases is done: the answer is no longer asked for. */
    public static final String MESSAGE_STEP_DONE = "supervisionStepDone";

    // set when the order opens (caseId as in the case loop, so the inbox projection finds the case)
    public static final String ORDER_ID = "supervisionOrderId";
    public static final String ADDRESSEE = "supervisionAddressee";
    public static final String ANSWER_DUE = "supervisionAnswerDue";
    public static final String TITLE = "supervisionTitle";
    public static final String REASON = "supervisionReason";

    // the answer form
    public static final String ANSWER = "supervisionAnswer";
    public static final String DONE_BY = "doneBy";
}
