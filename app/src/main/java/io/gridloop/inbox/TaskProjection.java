package io.gridloop.inbox;

import io.gridloop.casefile.CaseFileService;
import io.gridloop.casefile.CaseTransitions;
import io.gridloop.process.CaseLoop;
import io.gridloop.casefile.CaseRecord;
import io.gridloop.process.CaseVariables;
import io.gridloop.process.Step;
import io.gridloop.deadline.Supervision;
import io.gridloop.deadline.SupervisionProcess;
import io.gridloop.security.InboxOwnedTasks;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TimerEntity;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps the inbox table in step with the engine's tasks, inside the engine's own transaction (Polyflow's pattern
 * without its dependency): inbox pages read one indexed table, never the engine's variable tables. Also tells the case
 * file what work is open on a case now. The case loop's tasks and the supervision answers are the inbox's: the engine lets
 * nobody else work them.
 */
@Component
public class TaskProjection implements InboxOwnedTasks {

    private final JdbcClient jdbc;
    private final CaseFileService cases;
    private final CaseTransitions transitions;
    private final Supervision supervision;

    public TaskProjection(JdbcClient jdbc, CaseFileService cases, CaseTransitions transitions, Supervision supervision) {
        this.jdbc = jdbc;
        this.cases = cases;
        this.transitions = transitions;
        this.supervision = supervision;
    }

    private static boolean isCaseLoop(String processDefinitionId) {
        return processDefinitionId != null && processDefinitionId.startsWith(CaseLoop.PROCESS_ID + ":");
    }

    @Override
    public boolean owns(String processDefinitionId) {
        // a supervision order's answer task is a task of its case too (another process, the case's id as variable)
        return isCaseLoop(processDefinitionId)
                || (processDefinitionId != null && processDefinitionId.startsWith(SupervisionProcess.PROCESS_ID + ":"));
    }

    @EventListener
    public void onTaskEvent(DelegateTask task) {
        if (!owns(task.getProcessDefinitionId())) {
            return;
        }
        boolean caseLoop = isCaseLoop(task.getProcessDefinitionId());
        Object caseIdValue = task.getVariable(CaseVariables.CASE_ID);
        if (!(caseIdValue instanceof Number number)) {
            return;
        }
        long caseId = number.longValue();
        switch (task.getEventName()) {
            case TaskListener.EVENTNAME_CREATE -> insert(task, cases.get(caseId));
            case TaskListener.EVENTNAME_ASSIGNMENT, TaskListener.EVENTNAME_UPDATE -> update(task);
            case TaskListener.EVENTNAME_COMPLETE, TaskListener.EVENTNAME_DELETE -> {
                jdbc.sql("delete from gl_inbox_task where task_id = :id").param("id", task.getId()).update();
                if (caseLoop) {
                    // the orders chasing this group's step of the case are no longer needed
                    Step.ofTask(task.getTaskDefinitionKey()).ifPresent(s -> supervision.stepEnded(caseId, s.name(), candidateGroup(task)));
                }
            }
            default -> {
                return;
            }
        }
        refreshCurrentWork(caseId);
    }

    private void insert(DelegateTask task, CaseRecord c) {
        OffsetDateTime created = at(task.getCreateTime());
        OffsetDateTime due = at(task.getDueDate());
        jdbc.sql("""
                insert into gl_inbox_task (task_id, case_id, case_number, process_instance_id, task_key, task_name, candidate_group,
                  assignee, created_at, due_at, warn_at, category_code, subcategory_code, grid_code, street_code, urgency, channel,
                  limit_clock, self_resolved)
                values (:id, :caseId, :number, :pi, :key, :name, :grp, :assignee, :created, :due, :warn, :category, :subcategory,
                  :grid, :street, :urgency, :channel, :clock, :selfResolved)""")
                .param("id", task.getId())
                .param("caseId", c.id())
                .param("number", c.caseNumber())
                .param("pi", task.getProcessInstanceId())
                .param("key", task.getTaskDefinitionKey())
                .param("name", task.getName())
                .param("grp", candidateGroup(task))
                .param("assignee", task.getAssignee())
                .param("created", created)
                .param("due", due)
                .param("warn", warningTimerDue(task))
                .param("category", c.categoryCode())
                .param("subcategory", c.subcategoryCode())
                .param("grid", c.gridCode())
                .param("street", c.streetCode())
                .param("urgency", c.urgency().name())
                .param("channel", c.channel().name())
                .param("clock", io.gridloop.deadline.LimitClock.of(task).name())
                .param("selfResolved", c.selfResolved())
                .update();
    }

    private void update(DelegateTask task) {
        OffsetDateTime due = at(task.getDueDate());
        jdbc.sql("""
                update gl_inbox_task set
                  assigned_at = case when cast(:assignee as varchar(100)) is not null
                                          and (assignee is null or assignee <> cast(:assignee as varchar(100))) then :now
                                     else assigned_at end,
                  assignee = :assignee, candidate_group = :grp, due_at = :due, task_name = :name where task_id = :id""")
                .param("now", java.time.OffsetDateTime.ofInstant(org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime().toInstant(),
                        ZoneOffset.UTC))
                .param("id", task.getId())
                .param("assignee", task.getAssignee())
                .param("grp", candidateGroup(task))
                .param("due", due)
                .param("name", task.getName())
                .update();
    }

    /** The warning timers' ids of each deployed task (process definition and task key); a deployment never changes. */
    private static final Map<String, Set<String>> WARNING_TIMERS = new ConcurrentHashMap<>();

    /**
     * When the step warns (预警): the due date of its warning timer, the boundary timer that runs
     * {@code timeLimits.warningOf(...)}, exactly as the engine's calendar set it (working or calendar time, holidays,
     * the configured share). The inbox turns a row amber from this moment, so the row and the warning agree. The timers
     * of a task's activity are created just before the task, in the same command, so the create event finds them on
     * the task's execution; a later update keeps this value (the timer may have fired and be gone by then).
     */
    static OffsetDateTime warningTimerDue(DelegateTask task) {
        if (!(task instanceof TaskEntity t) || t.getExecution() == null) {
            return null;
        }
        Set<String> warningTimers = WARNING_TIMERS.computeIfAbsent(task.getProcessDefinitionId() + "#" + task.getTaskDefinitionKey(),
                k -> task.getBpmnModelInstance().getModelElementsByType(BoundaryEvent.class).stream()
                        .filter(b -> b.getAttachedTo() != null && b.getAttachedTo().getId().equals(task.getTaskDefinitionKey()))
                        .filter(b -> b.getEventDefinitions().stream().anyMatch(d -> d instanceof TimerEventDefinition timer
                                && timer.getTimeDuration() != null && timer.getTimeDuration().getTextContent().contains("warningOf(")))
                        .map(BoundaryEvent::getId)
                        .collect(Collectors.toUnmodifiableSet()));
        if (warningTimers.isEmpty()) {
            return null;
        }
        for (JobEntity job : t.getExecution().getJobs()) {
            if (job instanceof TimerEntity && warningTimers.contains(job.getActivityId()) && job.getDuedate() != null) {
                return at(job.getDuedate());
            }
        }
        return null;
    }

    /**
     * The newest open task of the case decides its step, group, assignee and due date in the read model; while the lead
     * department's handling task is open beside its co-departments' (a joint case), the lead's stands for the case.
     */
    private void refreshCurrentWork(long caseId) {
        jdbc.sql("""
                select task_key, candidate_group, assignee, due_at from gl_inbox_task where case_id = :case and task_key in (:steps)
                order by case when task_key = :lead then 0 else 1 end, created_at desc, task_id desc limit 1""")
                .param("lead", CaseLoop.TASK_HANDLE)
                .param("case", caseId)
                .param("steps", java.util.Arrays.stream(Step.values()).map(Step::taskKey).toList())
                .query((rs, n) -> new Object[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getObject(4, OffsetDateTime.class)})
                .optional()
                .ifPresentOrElse(
                        row -> {
                            Step step = Step.ofTask((String) row[0]).orElse(null);
                            transitions.currentWork(caseId, step == null ? null : step.name(), step == null ? null : step.status(),
                                    (String) row[1], (String) row[2], (OffsetDateTime) row[3]);
                        },
                        () -> transitions.currentWork(caseId, null, null, null, null, null));
    }

    private static String candidateGroup(DelegateTask task) {
        for (IdentityLink link : task.getCandidates()) {
            if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null) {
                return link.getGroupId();
            }
        }
        return null;
    }

    private static OffsetDateTime at(Date date) {
        return date == null ? null : date.toInstant().atOffset(ZoneOffset.UTC);
    }
}
