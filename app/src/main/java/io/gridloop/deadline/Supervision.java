package io.gridloop.deadline;

import io.gridloop.system.Rows;
import io.gridloop.casefile.CaseFileService;
import io.gridloop.casefile.CaseTimeline;
import io.gridloop.casefile.TimelineAction;
import io.gridloop.casefile.CaseLabels;
import io.gridloop.casefile.CaseRecord;
import io.gridloop.casefile.CaseRuleException;
import io.gridloop.notify.Outbox;
import io.gridloop.security.AccessScope;
import io.gridloop.security.Roles;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reminders, supervision orders and the notice list. Each is opened once per case, step and deadline however often a
 * timer fires or however many nodes race (a unique key in the table), goes on the case's timeline and tells, in the
 * same transaction, the group working the case (the addressee) and the level that issued it. An order or notice starts
 * its own small process ({@code processes/supervisionOrder.bpmn}): the addressee answers it from its inbox (what was
 * done, by when), or it closes when the step it chases is done.
 */
@Service
@Transactional
public class Supervision {

    public static final String DISTRICT_SUPERVISORS = "supervisor";

    private final JdbcClient jdbc;
    private final CaseFileService cases;
    private final CaseTimeline timeline;
    private final CaseLabels labels;
    private final Outbox outbox;
    private final Clock clock;
    private final RuntimeService runtime;
    private final WorkingTime workingTime;
    private final TimeLimit answerWithin;
    private final EscalationChain escalation;
    private final io.gridloop.grid.ReferenceData reference;

    public Supervision(JdbcClient jdbc, CaseFileService cases, CaseTimeline timeline, CaseLabels labels, Outbox outbox, Clock clock, RuntimeService runtime,
                       WorkingTime workingTime, SupervisionSettings settings,
                       EscalationChain escalation, io.gridloop.grid.ReferenceData reference) {
        this.reference = reference;
        this.jdbc = jdbc;
        this.cases = cases;
        this.timeline = timeline;
        this.labels = labels;
        this.outbox = outbox;
        this.clock = clock;
        this.runtime = runtime;
        this.workingTime = workingTime;
        this.answerWithin = TimeLimit.parse(settings.answerWithin());
        this.escalation = escalation;
    }

    /** The group an order is addressed to: the group working the case's step now (a department handling it …). */
    public String recipientGroup(CaseRecord c) {
        if (c.candidateGroup() != null) {
            return c.candidateGroup();
        }
        // the department's own group, as the reference data names it
        return reference.department(c.departmentCode()).map(io.gridloop.grid.Department::groupId).orElse(DISTRICT_SUPERVISORS);
    }

    /**
     * The group that issues an order of this kind and level and reads its answer, from the escalation chain
     * ({@code escalation.dmn}); none for a reminder.
     */
    public String issuerGroup(CaseRecord c, SupervisionOrder.Kind kind, SupervisionOrder.Level level) {
        if (kind == SupervisionOrder.Kind.REMINDER) {
            return null;
        }
        String rung = kind == SupervisionOrder.Kind.NOTICE ? "NOTICE" : level.name();
        return escalation.rung(rung, c.urgency().name(), c.streetCode()).issuerGroup();
    }

    /** The case as the outbox checks who may be told about it. */
    public static Outbox.About about(CaseRecord c) {
        return new Outbox.About(c.caseNumber(), c.streetCode(), c.gridCode(), c.departmentCode(), c.coDepartments(), c.reportedBy());
    }

    /** Opened by a deadline's timer; false when this deadline already has this order. */
    public boolean openForDeadline(long caseId, String step, SupervisionOrder.Kind kind, SupervisionOrder.Level level) {
        CaseRecord c = cases.get(caseId);
        String key = "%d:%s:%s:%s:%s".formatted(caseId, step, kind, level, c.dueAt() == null ? "-" : c.dueAt().toInstant());
        // the street's order comes first when the step is overdue; the district's climbs over it
        SupervisionOrder.Cause cause = switch (kind) {
            case REMINDER -> SupervisionOrder.Cause.OVERDUE;
            case NOTICE -> SupervisionOrder.Cause.NOTICE;
            case SUPERVISION -> level == SupervisionOrder.Level.STREET ? SupervisionOrder.Cause.OVERDUE : SupervisionOrder.Cause.ESCALATED;
        };
        return open(c, step, kind, level, cause, "system", null, key);
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
        return open(c, c.currentStep() == null ? "-" : c.currentStep(), SupervisionOrder.Kind.SUPERVISION, level,
                SupervisionOrder.Cause.MANUAL, supervisor, reason, key);
    }

    private boolean open(CaseRecord c, String step, SupervisionOrder.Kind kind, SupervisionOrder.Level level, SupervisionOrder.Cause cause,
                         String by, String reason, String key) {
        boolean exists = jdbc.sql("select count(*) from gl_supervision_order where dedupe_key = :k").param("k", key)
                .query(Long.class).single() > 0;
        if (exists) {
            return false;
        }
        String group = recipientGroup(c);
        String issuer = issuerGroup(c, kind, level);
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime answerDue = SupervisionOrder.answered(kind)
                ? workingTime.plus(now.toInstant(), answerWithin).atOffset(now.getOffset()) : null;
        var id = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into gl_supervision_order (case_id, step, kind, level, recipient_group, opened_at, opened_by, reason, dedupe_key,
                  cause, issuer_group, answer_due_at)
                values (:case, :step, :kind, :level, :grp, :at, :by, :reason, :key, :cause, :issuer, :answerDue)""")
                .param("case", c.id()).param("step", step).param("kind", kind.name()).param("level", level.name())
                .param("grp", group).param("at", now).param("by", by).param("reason", reason).param("key", key)
                .param("cause", cause.name()).param("issuer", issuer).param("answerDue", answerDue)
                .update(id, "id");
        long orderId = id.getKeyAs(Number.class).longValue();
        String title = SupervisionOrder.title(kind, cause);
        timeline.addTimeline(c.id(), by, step, kind.action(), level.name(), reason,
                Outbox.label("order." + title) + " → " + group + (answerDue == null ? "" : " · " + Outbox.label("order.answerDue") + " "
                        + labels.time(answerDue)), List.of());
        if (answerDue != null) {
            String pi = runtime.startProcessInstanceByKey(SupervisionProcess.PROCESS_ID, c.caseNumber(), Map.of(
                    io.gridloop.process.CaseVariables.CASE_ID, c.id(),
                    SupervisionProcess.ORDER_ID, orderId,
                    SupervisionProcess.ADDRESSEE, group,
                    SupervisionProcess.ANSWER_DUE, Date.from(answerDue.toInstant()),
                    SupervisionProcess.TITLE, Outbox.label("order." + title) + " · " + Outbox.label("level." + levelKey(kind, level)),
                    SupervisionProcess.REASON, reason == null ? Outbox.label("order.reason." + title) : reason)).getProcessInstanceId();
            jdbc.sql("update gl_supervision_order set process_instance_id = :pi where id = :id").param("pi", pi).param("id", orderId).update();
        }
        Object[] args = kind == SupervisionOrder.Kind.REMINDER
                ? new Object[] {c.caseNumber(), new Outbox.Label("order." + title), category(c), stepLabel(step), due(c.dueAt())}
                : new Object[] {c.caseNumber(), new Outbox.Label("order." + title), category(c), stepLabel(step), due(c.dueAt()),
                        new Outbox.Label("level." + levelKey(kind, level)), addressee(group),
                        reason != null ? reason : new Outbox.Label("order.reason." + title), due(answerDue)};
        String template = kind == SupervisionOrder.Kind.REMINDER ? "mail.overdue" : "mail.supervision";
        outbox.toGroup("supervision:" + key, group, about(c), template, args);
        if (issuer != null) {
            // the level that issued it knows it was issued, in the same words
            outbox.toGroup("supervision:" + key, issuer, about(c), template, args);
        }
        return true;
    }

    private String due(OffsetDateTime t) {
        return t == null ? "—" : labels.time(t);
    }

    private static String levelKey(SupervisionOrder.Kind kind, SupervisionOrder.Level level) {
        return kind == SupervisionOrder.Kind.NOTICE ? "NOTICE" : level.name();
    }

    private Outbox.Localized category(CaseRecord c) {
        return new Outbox.Localized(labels.categoryPath(c.categoryCode(), c.subcategoryCode(), Locale.SIMPLIFIED_CHINESE),
                labels.categoryPath(c.categoryCode(), c.subcategoryCode(), Locale.ENGLISH));
    }

    private static Object stepLabel(String step) {
        return step == null || step.equals("-") ? "" : new Outbox.Label("step." + step);
    }

    /** A group as the addressee reads it: a department's name, else the role (grid workers, intake …). */
    private Object addressee(String group) {
        var department = reference.departmentOfGroup(group);
        if (department.isPresent()) {
            String code = department.get().code();
            return new Outbox.Localized(labels.department(code, Locale.SIMPLIFIED_CHINESE), labels.department(code, Locale.ENGLISH));
        }
        if (group.startsWith(Roles.STREET_SUPERVISOR_PREFIX)) {
            String street = group.substring(Roles.STREET_SUPERVISOR_PREFIX.length());
            return new Outbox.Localized(labels.street(street, Locale.SIMPLIFIED_CHINESE) + Outbox.label("group.supervisor-street"),
                    labels.street(street, Locale.ENGLISH) + " " + Outbox.label("group.supervisor-street", Locale.ENGLISH));
        }
        return ROLE_GROUPS.contains(group) ? new Outbox.Label("group." + group) : group;
    }

    /** The role groups the mail bundle names ({@code group.…}); any other group is named by its id. */
    private static final java.util.Set<String> ROLE_GROUPS = java.util.Set.of(Roles.GRID_WORKER, Roles.INTAKE, Roles.DISPATCHER,
            Roles.SUPERVISOR, Roles.MANAGER);

    /**
     * The answer of the group an order was addressed to (the answer task's process calls it): the order closes as
     * answered, and the supervisor who issued it and the level's supervisors are told what was done and by when.
     */
    public void answered(long orderId, String answer, LocalDate doneBy) {
        SupervisionOrder o = order(orderId);
        if (o.closedAt() != null) {
            return;
        }
        if (doneBy == null || doneBy.isBefore(LocalDate.now(clock))) {
            throw new CaseRuleException("error.supervision.doneByPast");
        }
        // the inbox wrote who completed the answer task on the timeline a moment ago, in this transaction
        String by = jdbc.sql("select actor from gl_timeline where case_id = :c and step = :s order by id desc limit 1")
                .param("c", o.caseId()).param("s", SupervisionProcess.TASK_ANSWER).query(String.class).optional().orElse(o.recipientGroup());
        jdbc.sql("""
                update gl_supervision_order set closed_at = :now, closed_how = :how, answer = :answer, answered_by = :by, done_by = :doneBy
                where id = :id and closed_at is null""")
                .param("now", OffsetDateTime.now(clock)).param("how", SupervisionOrder.ClosedHow.ANSWERED.name())
                .param("answer", answer).param("by", by).param("doneBy", doneBy).param("id", orderId).update();
        CaseRecord c = cases.get(o.caseId());
        Object[] args = {c.caseNumber(), new Outbox.Label("order." + o.title()), category(c), stepLabel(o.step()),
                addressee(o.recipientGroup()), answer, doneBy.toString(), by};
        String key = "supervision-answer:" + orderId;
        if (!"system".equals(o.openedBy())) {
            outbox.toUsers(key, List.of(o.openedBy()), about(c), "mail.supervisionAnswer", args);
        }
        if (o.issuerGroup() != null) {
            outbox.toGroup(key, o.issuerGroup(), about(c), "mail.supervisionAnswer", args);
        }
    }

    /**
     * The step a case's open orders chase is done (the inbox projection tells when a case-loop task of a group ends):
     * reminders close at once, orders and notices end their answer process, which closes them.
     */
    public void stepEnded(long caseId, String step, String group) {
        List<Object[]> open = jdbc.sql("""
                        select id, process_instance_id from gl_supervision_order
                        where case_id = :c and step = :s and recipient_group = :g and closed_at is null""")
                .param("c", caseId).param("s", step).param("g", group)
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2)}).list();
        for (Object[] o : open) {
            if (o[1] == null) {
                closeStepDone((Long) o[0]);
            } else {
                runtime.createMessageCorrelation(SupervisionProcess.MESSAGE_STEP_DONE).processInstanceId((String) o[1]).correlateAll();
            }
        }
    }

    /** An order whose step was done before it was answered closes so, on the case's timeline. */
    public void closeStepDone(long orderId) {
        int closed = jdbc.sql("update gl_supervision_order set closed_at = :now, closed_how = :how where id = :id and closed_at is null")
                .param("now", OffsetDateTime.now(clock)).param("how", SupervisionOrder.ClosedHow.STEP_DONE.name()).param("id", orderId)
                .update();
        SupervisionOrder o = order(orderId);
        if (closed == 1 && o.kind() != SupervisionOrder.Kind.REMINDER) {
            timeline.addTimeline(o.caseId(), "system", o.step(), TimelineAction.SUPERVISION_CLOSED, SupervisionOrder.ClosedHow.STEP_DONE.name(), null,
                    Outbox.label("order." + o.title()), List.of());
        }
    }

    @Transactional(readOnly = true)
    public SupervisionOrder order(long orderId) {
        return jdbc.sql("select o.*, c.case_number from gl_supervision_order o join gl_case c on c.id = o.case_id where o.id = :id")
                .param("id", orderId).query(Rows.of(SupervisionOrder.class)).single();
    }

    @Transactional(readOnly = true)
    public List<SupervisionOrder> ofCase(long caseId) {
        return jdbc.sql("select o.*, c.case_number from gl_supervision_order o join gl_case c on c.id = o.case_id "
                + "where o.case_id = :c order by o.id").param("c", caseId).query(Rows.of(SupervisionOrder.class)).list();
    }

    /**
     * Orders on cases still open, newest first, answered and closed ones too: the command centre's list of what is being
     * chased and what the addressees answered.
     */
    @Transactional(readOnly = true)
    public List<SupervisionOrder> openOrders(int limit, AccessScope scope) {
        Map<String, Object> p = new HashMap<>();
        var spec = jdbc.sql("select o.*, c.case_number from gl_supervision_order o join gl_case c on c.id = o.case_id where c.closed_at is null "
                + "and " + scope.caseFilter(p) + " order by o.opened_at desc, o.id desc limit " + Math.max(1, limit));
        p.forEach(spec::param);
        return spec.query(Rows.of(SupervisionOrder.class)).list();
    }

    /** Warns the group working a step that its deadline is near. */
    public void warn(long caseId, String step) {
        CaseRecord c = cases.get(caseId);
        if (c.candidateGroup() != null) {
            outbox.toGroup("warning:%d:%s:%s".formatted(caseId, step, c.dueAt() == null ? "-" : c.dueAt().toInstant()), c.candidateGroup(),
                    about(c), "mail.warning", c.caseNumber(), new Outbox.Label("order.WARNING"), category(c), stepLabel(step),
                    due(c.dueAt()));
        }
    }
}
