package io.gridloop.inbox;

import io.gridloop.system.Rows;
import io.gridloop.security.AccessScopes;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the inboxes read: pages of open tasks from the projection (gl_inbox_task), within the official's scope, filtered
 * and sorted; a task, a case's open tasks. Claiming and completing are {@link InboxService}'s.
 */
@Service
public class InboxPages {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AccessScopes scopes;

    public InboxPages(JdbcClient jdbc, Clock clock, AccessScopes scopes) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.scopes = scopes;
    }

    // one statement, so no transaction: a read-only transaction would add three round trips to every page
    public List<InboxTask> page(String user, Collection<String> groups, InboxQuery q) {
        Map<String, Object> p = new HashMap<>();
        String where = where(user, groups, q, p);
        String order = switch (q.sort() == null ? InboxQuery.Sort.DUE : q.sort()) {
            case DUE -> "due_at asc nulls last, created_at asc";
            case CREATED -> "created_at desc";
            case CASE_NUMBER -> "case_number desc";
        };
        var spec = jdbc.sql("select * from gl_inbox_task where " + where + " order by " + order + ", task_id limit "
                + Math.max(1, Math.min(500, q.limit())) + " offset " + Math.max(0, q.offset()));
        p.forEach(spec::param);
        return spec.query(Rows.of(InboxTask.class)).list();
    }

    public int count(String user, Collection<String> groups, InboxQuery q) {
        Map<String, Object> p = new HashMap<>();
        var spec = jdbc.sql("select count(*) from gl_inbox_task where " + where(user, groups, q, p));
        p.forEach(spec::param);
        return spec.query(Integer.class).single();
    }

    /** How the limits of a case's open work count: its earliest-due open task's clock, working time when none is open. */
    @Transactional(readOnly = true)
    public String limitClock(long caseId) {
        return jdbc.sql("select limit_clock from gl_inbox_task where case_id = :c order by due_at, task_id")
                .param("c", caseId).query(String.class).list().stream().findFirst().orElse("WORKING");
    }

    private String where(String user, Collection<String> groups, InboxQuery q, Map<String, Object> p) {
        List<String> clauses = new ArrayList<>();
        p.put("user", user);
        String group = "(assignee is null and " + scopes.of(user, groups).taskFilter(p) + ")";
        clauses.add(switch (q.scope()) {
            case MINE -> "assignee = :user";
            case GROUP -> group;
            case ALL -> "(assignee = :user or " + group + ")";
        });
        eq(clauses, p, "task_key", q.taskKey());
        eq(clauses, p, "grid_code", q.gridCode());
        eq(clauses, p, "subcategory_code", q.subcategoryCode());
        eq(clauses, p, "urgency", q.urgency());
        if (q.timeState() != null) {
            p.put("now", OffsetDateTime.now(clock));
            clauses.add(switch (q.timeState()) {
                case OVERDUE -> "due_at <= :now";
                case WARNING -> "warn_at <= :now and due_at > :now";
                case NORMAL -> "(warn_at is null or warn_at > :now) and due_at > :now";
                case NONE -> "due_at is null";
            });
        }
        return String.join(" and ", clauses);
    }

    private static void eq(List<String> clauses, Map<String, Object> p, String column, String value) {
        if (value != null && !value.isBlank()) {
            clauses.add(column + " = :" + column);
            p.put(column, value);
        }
    }

    @Transactional(readOnly = true)
    public Optional<InboxTask> find(String taskId) {
        return jdbc.sql("select * from gl_inbox_task where task_id = :id").param("id", taskId).query(Rows.of(InboxTask.class)).optional();
    }

    @Transactional(readOnly = true)
    public List<InboxTask> openTasksOfCase(long caseId) {
        return jdbc.sql("select * from gl_inbox_task where case_id = :case order by created_at").param("case", caseId)
                .query(Rows.of(InboxTask.class)).list();
    }
}
