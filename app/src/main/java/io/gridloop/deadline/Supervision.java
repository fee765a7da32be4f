package io.gridloop.deadline;

import io.gridloop.casefile.CaseFileService;
import io.gridloop.casefile.CaseLabels;
import io.gridloop.casefile.CaseRecord;
import io.gridloop.casefile.CaseRuleException;
import io.gridloop.notify.Outbox;
import io.gridloop.security.AccessScope;
import io.gridloop.security.Roles;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reminders, supervision orders and the notice list. Each is opened once per case, step and deadline however often a
 * timer fires or however many nodes race (a unique key in the table), goes on the case's timeline and tells the group
 * that must act, in the same transaction.
 */
@Service
@Transactional
public class Supervision {

    public static final String DISTRICT_SUPERVISORS = "supervisor";
    public static final String MANAGERS = "manager";

    private final JdbcClient jdbc;
    private final CaseFileService cases;
    private final CaseLabels labels;
    private final Outbox outbox;
    private final Clock clock;

    public Supervision(JdbcClient jdbc, CaseFileService cases, CaseLabels labels, Outbox outbox, Clock clock) {
        this.jdbc = jdbc;
        this.cases = cases;
        this.labels = labels;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** The group that must act on an order of this kind and level for this case. */
    public static String recipientGroup(CaseRecord c, SupervisionOrder.Kind kind, SupervisionOrder.Level level) {
        return switch (kind) {
            case REMINDER -> c.candidateGroup() != null ? c.candidateGroup() : DISTRICT_SUPERVISORS;
            case SUPERVISION -> level == SupervisionOrder.Level.STREET ? Roles.STREET_SUPERVISOR_PREFIX + c.streetCode() : DISTRICT_SUPERVISORS;
            case NOTICE -> MANAGERS;
        };
    }

    /** Opened by a deadline's timer; false when this deadline already has this order. */
    public boolean openForDeadline(long caseId, String step, SupervisionOrder.Kind kind, SupervisionOrder.Level level) {
        CaseRecord c = cases.get(caseId);
        String key = "%d:%s:%s:%s:%s".formatted(caseId, step, kind, level, c.dueAt() == null ? "-" : c.dueAt().toInstant());
        return open(c, step, kind, level, "system", null, key);
    }

    /**
     * A supervisor opens a supervision order by hand, on an open case given by its number that they may see (a street's
     * supervisor their street's cases). Managers read the orders but do not open them.
     */
    public boolean openByHand(String caseNumber, AccessScope scope, SupervisionOrder.Level level, String reason) {
        if (!scope.isSupervisor()) {
            throw new CaseRuleException("error.supervision.notSupervisor");
        }
        String supervisor = scope.userId();
        CaseRecord c = cases.findByNumber(caseNumber == null ? "" : caseNumber.trim(), scope)
                .filter(found -> !found.status().isClosed())
                .orElseThrow(() -> new CaseRuleException("error.supervision.noOpenCase", caseNumber));
        String key = "%d:manual:%s:%s".formatted(c.id(), supervisor, OffsetDateTime.now(clock).toInstant());
        return open(c, c.currentStep() == null ? "-" : c.currentStep(), SupervisionOrder.Kind.SUPERVISION, level, supervisor, reason, key);
    }

    private boolean open(CaseRecord c, String step, SupervisionOrder.Kind kind, SupervisionOrder.Level level, String by, String reason,
                         String key) {
        boolean exists = jdbc.sql("select count(*) from gl_supervision_order where dedupe_key = :k").param("k", key)
                .query(Long.class).single() > 0;
        if (exists) {
            return false;
        }
        String group = recipientGroup(c, kind, level);
        jdbc.sql("""
                insert into gl_supervision_order (case_id, step, kind, level, recipient_group, opened_at, opened_by, reason, dedupe_key)
                values (:case, :step, :kind, :level, :grp, :at, :by, :reason, :key)""")
                .param("case", c.id()).param("step", step).param("kind", kind.name()).param("level", level.name())
                .param("grp", group).param("at", OffsetDateTime.now(clock)).param("by", by).param("reason", reason).param("key", key)
                .update();
        cases.addTimeline(c.id(), by, step, kind.name(), level.name(), reason, group, List.of());
        String template = switch (kind) {
            case REMINDER -> "mail.overdue";
            case SUPERVISION -> "mail.supervision";
            case NOTICE -> "mail.notice";
        };
        String levelLabel = Outbox.label("level." + (kind == SupervisionOrder.Kind.NOTICE ? "NOTICE" : level.name()));
        String stepLabel = step.equals("-") ? "" : Outbox.label("step." + step);
        Object[] args = kind == SupervisionOrder.Kind.REMINDER
                ? new Object[] {c.caseNumber(), stepLabel, description(c), labels.time(c.dueAt())}
                : new Object[] {c.caseNumber(), levelLabel, description(c), stepLabel, labels.time(c.dueAt())};
        outbox.toGroup("supervision:" + key, group, template, "/case/" + c.caseNumber(), args);
        return true;
    }

    private String description(CaseRecord c) {
        return labels.categoryPath(c.categoryCode(), c.subcategoryCode(), java.util.Locale.SIMPLIFIED_CHINESE);
    }

    @Transactional(readOnly = true)
    public List<SupervisionOrder> ofCase(long caseId) {
        return jdbc.sql("select o.*, c.case_number from gl_supervision_order o join gl_case c on c.id = o.case_id "
                + "where o.case_id = :c order by o.id").param("c", caseId).query(Supervision::map).list();
    }

    /** Orders on cases still open, newest first: the command centre's list of what is being chased. */
    @Transactional(readOnly = true)
    public List<SupervisionOrder> openOrders(int limit, AccessScope scope) {
        Map<String, Object> p = new HashMap<>();
        var spec = jdbc.sql("select o.*, c.case_number from gl_supervision_order o join gl_case c on c.id = o.case_id where c.closed_at is null "
                + "and " + scope.caseFilter(p) + " order by o.opened_at desc, o.id desc limit " + Math.max(1, limit));
        p.forEach(spec::param);
        return spec.query(Supervision::map).list();
    }

    private static SupervisionOrder map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new SupervisionOrder(rs.getLong("id"), rs.getLong("case_id"), rs.getString("step"),
                SupervisionOrder.Kind.valueOf(rs.getString("kind")), SupervisionOrder.Level.valueOf(rs.getString("level")),
                rs.getString("recipient_group"), rs.getObject("opened_at", OffsetDateTime.class), rs.getString("opened_by"),
                rs.getString("reason"), rs.getString("case_number"));
    }

    /** Warns the group working a step that its deadline is near. */
    public void warn(long caseId, String step) {
        CaseRecord c = cases.get(caseId);
        if (c.candidateGroup() != null) {
            outbox.toGroup("warning:%d:%s:%s".formatted(caseId, step, c.dueAt() == null ? "-" : c.dueAt().toInstant()), c.candidateGroup(),
                    "mail.warning", "/case/" + c.caseNumber(), c.caseNumber(), Outbox.label("step." + step), description(c),
                    labels.time(c.dueAt()));
        }
    }
}
