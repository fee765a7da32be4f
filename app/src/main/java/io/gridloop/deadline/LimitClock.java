package io.gridloop.deadline;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.context.BpmnExecutionContext;
import org.camunda.bpm.engine.impl.context.Context;

/**
 * How a case's limits count: in working time (the default) or in calendar time, 24×7 (urgent cases). The timeLimits
 * table decides it per case into the variable {@code limitClock}.
 */
public enum LimitClock {
    WORKING,
    CALENDAR;

    public static final String VARIABLE = io.gridloop.process.CaseVariables.LIMIT_CLOCK;

    public static LimitClock of(VariableScope scope) {
        Object v = scope == null ? null : scope.getVariable(VARIABLE);
        return v != null && CALENDAR.name().equals(v.toString()) ? CALENDAR : WORKING;
    }

    /** The clock of the execution the engine is working on right now (timers and due dates are resolved inside it). */
    public static LimitClock current() {
        BpmnExecutionContext ctx = Context.getBpmnExecutionContext();
        return ctx == null ? WORKING : of(ctx.getExecution());
    }
}
