package io.gridloop.process;

import io.gridloop.casefile.CaseStatus;
import java.util.Arrays;
import java.util.Optional;

/** A waiting step of the loop: its user task, the case status while it waits, and the variable holding its limit. */
public enum Step {
    VERIFY(CaseLoop.TASK_VERIFY, CaseStatus.VERIFYING, CaseVariables.VERIFY_LIMIT),
    REGISTER(CaseLoop.TASK_REGISTER, CaseStatus.REGISTERING, CaseVariables.REGISTER_LIMIT),
    DISPATCH(CaseLoop.TASK_DISPATCH, CaseStatus.DISPATCHING, CaseVariables.DISPATCH_LIMIT),
    CO_HANDLE(CaseLoop.TASK_CO_HANDLE, CaseStatus.HANDLING, CaseVariables.HANDLE_LIMIT),
    HANDLE(CaseLoop.TASK_HANDLE, CaseStatus.HANDLING, CaseVariables.HANDLE_LIMIT),
    APPROVE_EXTENSION(CaseLoop.TASK_APPROVE_EXTENSION, CaseStatus.APPROVING, CaseVariables.APPROVAL_LIMIT),
    APPROVE_HOLD(CaseLoop.TASK_APPROVE_HOLD, CaseStatus.APPROVING, CaseVariables.APPROVAL_LIMIT),
    ON_HOLD(CaseLoop.TASK_ON_HOLD, CaseStatus.ON_HOLD, CaseVariables.HOLD_REVIEW_LIMIT),
    REVIEW_HOLD(CaseLoop.TASK_REVIEW_HOLD, CaseStatus.ON_HOLD, CaseVariables.APPROVAL_LIMIT),
    CHECK(CaseLoop.TASK_CHECK, CaseStatus.CHECKING, CaseVariables.CHECK_LIMIT),
    CALLBACK(CaseLoop.TASK_CALLBACK, CaseStatus.CALLBACK, CaseVariables.CALLBACK_LIMIT),
    REVIEW_DISSATISFACTION(CaseLoop.TASK_REVIEW_DISSATISFACTION, CaseStatus.CALLBACK, CaseVariables.APPROVAL_LIMIT);

    private final String taskKey;
    private final CaseStatus status;
    private final String limitVariable;

    Step(String taskKey, CaseStatus status, String limitVariable) {
        this.taskKey = taskKey;
        this.status = status;
        this.limitVariable = limitVariable;
    }

    public String taskKey() {
        return taskKey;
    }

    public CaseStatus status() {
        return status;
    }

    public String limitVariable() {
        return limitVariable;
    }

    public static Optional<Step> ofTask(String taskKey) {
        return Arrays.stream(values()).filter(s -> s.taskKey.equals(taskKey)).findFirst();
    }
}
