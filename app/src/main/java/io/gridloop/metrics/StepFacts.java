package io.gridloop.metrics;

import io.gridloop.process.CaseLoop;
import io.gridloop.process.CaseVariables;
import io.gridloop.casefile.Channel;
import io.gridloop.process.Step;
import io.gridloop.deadline.WorkingTime;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes the step facts the evaluation reads (gl_step_fact): a row when a step's task is created, its finish, due date
 * check, decision and working time when it is completed or cancelled. A plain {@code @EventListener} on the engine's task
 * events, so the row commits with the step or not at all.
 */
@Component
public class StepFacts {

    /** The decision a step's form takes, by step; steps without a decision get a fixed word. */
    private static final Map<Step, String> DECISION_VARIABLE = Map.of(
            Step.VERIFY, CaseVariables.VERIFY_RESULT,
            Step.REGISTER, CaseVariables.REGISTER_DECISION,
            Step.HANDLE, CaseVariables.HANDLE_OUTCOME,
            Step.APPROVE_EXTENSION, CaseVariables.EXTENSION_DECISION,
            Step.APPROVE_HOLD, CaseVariables.HOLD_DECISION,
            Step.CHECK, CaseVariables.CHECK_RESULT,
            Step.CALLBACK, CaseVariables.SATISFACTION,
            Step.REVIEW_DISSATISFACTION, CaseVariables.DISSATISFACTION_DECISION);

    public static final String DONE = "DONE";

    private final JdbcClient jdbc;
    private final WorkingTime workingTime;

    public StepFacts(JdbcClient jdbc, WorkingTime workingTime) {
        this.jdbc = jdbc;
        this.workingTime = workingTime;
    }

    @EventListener
    public void onTaskEvent(DelegateTask task) {
        if (task.getProcessDefinitionId() == null || !task.getProcessDefinitionId().startsWith(CaseLoop.PROCESS_ID + ":")) {
            return;
        }
        if (!(task.getVariable(CaseVariables.CASE_ID) instanceof Number caseId)) {
            return;
        }
        switch (task.getEventName()) {
            case TaskListener.EVENTNAME_CREATE -> started(task, caseId.longValue());
            case TaskListener.EVENTNAME_UPDATE -> jdbc.sql("update gl_step_fact set due_at = :due where task_id = :id")
                    .param("due", at(task.getDueDate())).param("id", task.getId()).update();
            case TaskListener.EVENTNAME_COMPLETE -> finished(task, true);
            case TaskListener.EVENTNAME_DELETE -> finished(task, false);
            default -> { }
        }
    }

    /** The step's name: the loop's {@link Step} or, for a task this version does not know, its task key. */
    static String stepOf(String taskKey) {
        return Step.ofTask(taskKey).map(Enum::name).orElse(taskKey);
    }

    private void started(DelegateTask task, long caseId) {
        String step = stepOf(task.getTaskDefinitionKey());
        Object department = task.getVariable(Step.CO_HANDLE.name().equals(step) ? CaseVariables.CO_DEPARTMENT : CaseVariables.DEPARTMENT);
        jdbc.sql("""
                insert into gl_step_fact (task_id, case_id, step, street_code, community_code, grid_code, department_code, grid_worker,
                  started_at, due_at, rework)
                select :task, c.id, :step, c.street_code, c.community_code, c.grid_code, coalesce(:dept, c.department_code),
                  case when c.channel = :gridWorkerChannel then c.reported_by end, :started, :due, :rework
                from gl_case c where c.id = :case""")
                .param("task", task.getId())
                .param("case", caseId)
                .param("step", step)
                .param("dept", department == null ? null : department.toString())
                .param("gridWorkerChannel", Channel.GRID_WORKER.name())
                .param("started", at(task.getCreateTime()))
                .param("due", at(task.getDueDate()))
                .param("rework", Step.HANDLE.name().equals(step) && afterRework(caseId))
                .update();
    }

    /** A handling step starts as rework when the step finished last failed the check or had a dissatisfaction accepted. */
    private boolean afterRework(long caseId) {
        return jdbc.sql("""
                select step, outcome from gl_step_fact where case_id = :case and finished_at is not null
                order by finished_at desc, id desc limit 1""")
                .param("case", caseId)
                .query((rs, n) -> StepOutcome.startsRework(rs.getString(1), rs.getString(2)))
                .optional().orElse(false);
    }

    private void finished(DelegateTask task, boolean completed) {
        Step step = Step.ofTask(task.getTaskDefinitionKey()).orElse(null);
        String outcome = null;
        Integer extensionDays = null;
        if (completed) {
            String variable = step == null ? null : DECISION_VARIABLE.get(step);
            Object value = variable == null ? DONE : task.getVariable(variable);
            outcome = value == null ? null : value.toString();
            if (step == Step.APPROVE_EXTENSION && StepOutcome.APPROVED.equals(outcome)) {
                Object days = task.getVariable(CaseVariables.APPROVED_DAYS);
                if (days == null) {
                    days = task.getVariable(CaseVariables.EXTENSION_DAYS);
                }
                extensionDays = days instanceof Number n ? Math.max(1, n.intValue()) : null;
            }
        }
        Instant now = ClockUtil.getCurrentTime().toInstant();
        Instant started = task.getCreateTime().toInstant();
        Date due = task.getDueDate();
        jdbc.sql("""
                update gl_step_fact set finished_at = :now, on_time = :onTime, outcome = :outcome, working_seconds = :working,
                  extension_days = :days, returned = :returned
                where task_id = :id""")
                .param("now", now.atOffset(ZoneOffset.UTC))
                .param("onTime", completed && due != null ? !now.isAfter(due.toInstant()) : null)
                .param("outcome", outcome)
                .param("working", workingTime.between(started, now).toSeconds())
                .param("days", extensionDays)
                .param("returned", step == Step.HANDLE && StepOutcome.RETURN.equals(outcome))
                .param("id", task.getId())
                .update();
    }

    /**
     * A citizen's own rating (the loop's receive step, no task): counted as the callback's answer, so the satisfaction
     * rate holds it like a callback's.
     */
    public void ratedByCitizen(long caseId, String satisfaction) {
        OffsetDateTime now = ClockUtil.getCurrentTime().toInstant().atOffset(ZoneOffset.UTC);
        jdbc.sql("""
                insert into gl_step_fact (task_id, case_id, step, street_code, community_code, grid_code, department_code,
                  started_at, finished_at, outcome, working_seconds)
                select :task, c.id, :step, c.street_code, c.community_code, c.grid_code, c.department_code, :now, :now, :outcome, 0
                from gl_case c where c.id = :case""")
                .param("task", "citizen-rating:" + caseId)
                .param("case", caseId)
                .param("step", Step.CALLBACK.name())
                .param("now", now)
                .param("outcome", satisfaction)
                .update();
    }

    private static OffsetDateTime at(Date date) {
        return date == null ? null : date.toInstant().atOffset(ZoneOffset.UTC);
    }
}
