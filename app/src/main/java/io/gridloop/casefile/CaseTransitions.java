package io.gridloop.casefile;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The loop's state changes on the case file, called by the process delegates and the inbox projection inside the
 * engine's transaction, so the case file never disagrees with the process.
 */
@Service
@Transactional
public class CaseTransitions {

    private final JdbcClient jdbc;
    private final Clock clock;

    public CaseTransitions(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void attachProcess(long caseId, String processInstanceId) {
        update(caseId, "process_instance_id = :pi", Map.of("pi", processInstanceId));
    }

    public void registered(long caseId) {
        update(caseId, "registered_at = :now", Map.of());
    }

    public void rejected(long caseId) {
        close(caseId, CaseStatus.REJECTED, Map.of());
    }

    /** 即办: a hotline call answered on the phone, closed at once without registration or dispatch. */
    public void answeredOnCall(long caseId) {
        close(caseId, CaseStatus.ANSWERED_ON_CALL, Map.of());
    }

    public void notConfirmed(long caseId) {
        close(caseId, CaseStatus.NOT_CONFIRMED, Map.of());
    }

    public void merged(long caseId, String intoCaseNumber) {
        close(caseId, CaseStatus.MERGED, Map.of("merged_into", intoCaseNumber));
    }

    public void filed(long caseId, String satisfaction) {
        Map<String, Object> extra = new HashMap<>();
        extra.put("satisfaction", satisfaction);
        close(caseId, CaseStatus.FILED, extra);
    }

    /** The lead department and the co-departments (协办) of a dispatch; a new dispatch replaces the last one's. */
    public void dispatched(long caseId, String departmentCode, List<String> coDepartments) {
        update(caseId, "department_code = :dept, dispatched_at = :now", Map.of("dept", departmentCode));
        jdbc.sql("delete from gl_case_co_department where case_id = :case").param("case", caseId).update();
        coDepartments.stream().filter(d -> d != null && !d.isBlank()).map(String::strip).distinct()
                .forEach(d -> jdbc.sql("insert into gl_case_co_department (case_id, department_code) values (:case, :dept)")
                        .param("case", caseId).param("dept", d).update());
    }

    public void returned(long caseId) {
        update(caseId, "return_count = return_count + 1", Map.of());
    }

    public void reworked(long caseId) {
        update(caseId, "rework_count = rework_count + 1", Map.of());
    }

    public void extended(long caseId) {
        update(caseId, "extension_count = extension_count + 1", Map.of());
    }

    public void markWarning(long caseId) {
        update(caseId, "warning = true", Map.of());
    }

    public void markOverdue(long caseId) {
        update(caseId, "warning = true, overdue = true", Map.of());
    }

    /**
     * The work open on a case now, from the inbox projection: the status follows the step, and a new step starts with
     * its own clock, so its warning and overdue flags start clear. With no step the status stays as it was (the
     * closing delegate sets it).
     */
    public void currentWork(long caseId, String step, CaseStatus status, String candidateGroup, String assignee, OffsetDateTime dueAt) {
        Map<String, Object> p = new HashMap<>();
        p.put("step", step);
        p.put("status", status == null ? null : status.name());
        p.put("grp", candidateGroup);
        p.put("assignee", assignee);
        p.put("due", dueAt);
        update(caseId, """
                warning = case when current_step = :step then warning else false end,
                overdue = case when current_step = :step then overdue else false end,
                handling_due_at = case when :step = 'HANDLE' then :due else handling_due_at end,
                current_step = :step, status = coalesce(:status, status), candidate_group = :grp, assignee = :assignee,
                due_at = :due""", p);
    }

    /** The handling step's deadline, which stays known while an extension or a hold is being approved. */
    @Transactional(readOnly = true)
    public Optional<OffsetDateTime> handlingDueAt(long caseId) {
        return jdbc.sql("select handling_due_at from gl_case where id = :id").param("id", caseId)
                .query(OffsetDateTime.class).optional();
    }

    private void close(long caseId, CaseStatus status, Map<String, Object> extra) {
        StringBuilder set = new StringBuilder("status = :status, closed_at = :now, current_step = null, candidate_group = null, "
                + "assignee = null, due_at = null, warning = false, overdue = false");
        Map<String, Object> p = new HashMap<>(extra);
        extra.keySet().forEach(k -> set.append(", ").append(k).append(" = :").append(k));
        p.put("status", status.name());
        update(caseId, set.toString(), p);
    }

    private void update(long caseId, String set, Map<String, ?> params) {
        var spec = jdbc.sql("update gl_case set " + set + ", updated_at = :now where id = :id")
                .param("id", caseId)
                .param("now", OffsetDateTime.now(clock));
        params.forEach(spec::param);
        if (spec.update() != 1) {
            throw new CaseNotFoundException(String.valueOf(caseId));
        }
    }
}
