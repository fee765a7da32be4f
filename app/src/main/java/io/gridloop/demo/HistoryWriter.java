package io.gridloop.demo;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Writes generated cases in JDBC batches: the case file row (with its id, so its facts can name it), the step facts, the
 * timeline in time order and the supervision orders. With {@code openState} the state a case's open step would have
 * reached is written too (its open fact, current step, due date, warning and overdue marks and open orders), for where no
 * process instance takes the step up (the benchmark); without it the process instance started for the step writes
 * those itself.
 */
public final class HistoryWriter implements AutoCloseable {

    private static final String TRACKING_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final int BATCH = 2000;

    private final Connection connection;
    private final boolean openState;
    private final boolean withTimeline;
    private final SecureRandom random = new SecureRandom();
    private final PreparedStatement cases;
    private final PreparedStatement facts;
    private final PreparedStatement timeline;
    private final PreparedStatement orders;
    private final PreparedStatement coDepartments;
    private int pending;

    public HistoryWriter(Connection connection, boolean openState) throws SQLException {
        this(connection, openState, true);
    }

    /** {@code withTimeline} false leaves the timeline out (the benchmark's figures never read it). */
    public HistoryWriter(Connection connection, boolean openState, boolean withTimeline) throws SQLException {
        this.connection = connection;
        this.openState = openState;
        this.withTimeline = withTimeline;
        cases = connection.prepareStatement("""
                insert into gl_case (id, case_number, tracking_code, status, current_step, candidate_group, due_at, warning, overdue,
                  channel, urgency, category_code, subcategory_code, kind, grid_code, community_code, street_code, department_code,
                  description, address, longitude, latitude, reporter_name, reporter_phone, reported_by, self_resolved,
                  merged_into, rework_count, return_count, extension_count, satisfaction, reported_at, registered_at, dispatched_at,
                  closed_at, updated_at, handling_due_at, reporter_email)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
        coDepartments = connection.prepareStatement("insert into gl_case_co_department (case_id, department_code) values (?, ?)");
        facts = connection.prepareStatement("""
                insert into gl_step_fact (task_id, case_id, step, street_code, community_code, grid_code, department_code, grid_worker,
                  started_at, due_at, finished_at, on_time, outcome, working_seconds, extension_days, rework, returned)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
        timeline = connection.prepareStatement("""
                insert into gl_timeline (case_id, at, actor, step, action, decision, comment, details) values (?, ?, ?, ?, ?, ?, ?, ?)""");
        orders = connection.prepareStatement("""
                insert into gl_supervision_order (case_id, step, kind, level, recipient_group, opened_at, opened_by, dedupe_key, closed_at,
                  cause, issuer_group, answer_due_at, closed_how)
                values (?, ?, ?, ?, ?, ?, 'system', ?, ?, ?, ?, ?, ?)""");
    }

    public void write(HistoryCase c) throws SQLException {
        HistoryCase.Open open = openState ? c.open : null;
        int i = 1;
        cases.setLong(i++, c.id);
        cases.setString(i++, c.caseNumber);
        cases.setString(i++, trackingCode());
        cases.setString(i++, c.status);
        cases.setString(i++, open == null ? null : open.step());
        cases.setString(i++, open == null ? null : open.candidateGroup());
        time(cases, i++, open == null ? null : open.due());
        cases.setBoolean(i++, open != null && c.openWarning);
        cases.setBoolean(i++, open != null && c.openOverdue);
        cases.setString(i++, c.channel);
        cases.setString(i++, c.urgency);
        cases.setString(i++, c.categoryCode);
        cases.setString(i++, c.subcategoryCode);
        cases.setString(i++, c.kind);
        cases.setString(i++, c.gridCode);
        cases.setString(i++, c.communityCode);
        cases.setString(i++, c.streetCode);
        cases.setString(i++, c.departmentCode);
        cases.setString(i++, c.description);
        cases.setString(i++, c.address);
        number(cases, i++, c.longitude);
        number(cases, i++, c.latitude);
        cases.setString(i++, c.reporterName);
        cases.setString(i++, c.reporterPhone);
        cases.setString(i++, c.reportedBy);
        cases.setBoolean(i++, c.selfResolved);
        cases.setString(i++, c.mergedInto);
        cases.setInt(i++, c.reworkCount);
        cases.setInt(i++, c.returnCount);
        cases.setInt(i++, c.extensionCount);
        cases.setString(i++, c.satisfaction);
        time(cases, i++, c.reportedAt);
        time(cases, i++, c.registeredAt);
        time(cases, i++, c.dispatchedAt);
        time(cases, i++, c.closedAt);
        time(cases, i++, c.updatedAt);
        time(cases, i++, c.handlingDueAt);
        cases.setString(i++, c.reporterEmail);
        cases.addBatch();
        if (c.coDepartments != null) {
            for (String code : new java.util.LinkedHashSet<>(List.of(c.coDepartments.split(",")))) {
                if (!code.isBlank()) {
                    coDepartments.setLong(1, c.id);
                    coDepartments.setString(2, code.trim());
                    coDepartments.addBatch();
                }
            }
        }

        List<HistoryCase.Fact> allFacts = new ArrayList<>(c.facts);
        if (open != null) {
            Object dept = open.variables().get("department");
            allFacts.add(new HistoryCase.Fact(open.step(), dept == null ? c.departmentCode : dept.toString(), open.started(), open.due(),
                    null, null, 0, null, false, false));
        }
        int n = 0;
        for (HistoryCase.Fact f : allFacts) {
            i = 1;
            facts.setString(i++, "history-" + c.id + "-" + n++);
            facts.setLong(i++, c.id);
            facts.setString(i++, f.step());
            facts.setString(i++, c.streetCode);
            facts.setString(i++, c.communityCode);
            facts.setString(i++, c.gridCode);
            facts.setString(i++, f.department());
            facts.setString(i++, "GRID_WORKER".equals(c.channel) ? c.reportedBy : null);
            time(facts, i++, f.started());
            time(facts, i++, f.due());
            time(facts, i++, f.finished());
            Boolean onTime = f.onTime();
            if (onTime == null) {
                facts.setNull(i++, Types.BOOLEAN);
            } else {
                facts.setBoolean(i++, onTime);
            }
            facts.setString(i++, f.outcome());
            if (f.finished() == null) {
                facts.setNull(i++, Types.BIGINT);
            } else {
                facts.setLong(i++, f.workingSeconds());
            }
            if (f.extensionDays() == null) {
                facts.setNull(i++, Types.INTEGER);
            } else {
                facts.setInt(i++, f.extensionDays());
            }
            facts.setBoolean(i++, f.rework());
            facts.setBoolean(i++, f.returned());
            facts.addBatch();
        }

        List<HistoryCase.Entry> entries = new ArrayList<>(c.timeline);
        List<HistoryCase.Order> allOrders = new ArrayList<>(c.orders);
        if (open != null) {
            entries.addAll(c.openTimeline);
            allOrders.addAll(c.openOrders);
        }
        // in time order, as the loop would have inserted them (the timeline reads by id)
        entries.sort(Comparator.comparing(HistoryCase.Entry::at));
        for (HistoryCase.Entry e : withTimeline ? entries : List.<HistoryCase.Entry>of()) {
            i = 1;
            timeline.setLong(i++, c.id);
            time(timeline, i++, e.at());
            timeline.setString(i++, e.actor());
            timeline.setString(i++, e.step());
            timeline.setString(i++, e.action());
            timeline.setString(i++, e.decision());
            timeline.setString(i++, e.comment());
            timeline.setString(i++, e.details());
            timeline.addBatch();
        }
        for (HistoryCase.Order o : allOrders) {
            i = 1;
            orders.setLong(i++, c.id);
            orders.setString(i++, o.step());
            orders.setString(i++, o.kind());
            orders.setString(i++, o.level());
            orders.setString(i++, o.recipientGroup());
            time(orders, i++, o.opened());
            orders.setString(i++, o.dedupeKey());
            time(orders, i++, o.closed());
            orders.setString(i++, o.cause());
            orders.setString(i++, o.issuerGroup());
            time(orders, i++, o.answerDue());
            orders.setString(i++, o.closed() == null ? null : "STEP_DONE");
            orders.addBatch();
        }
        if (++pending >= BATCH) {
            flush();
        }
    }

    /** Sends what is batched: cases first, as facts, entries and orders name them. */
    public void flush() throws SQLException {
        if (pending == 0) {
            return;
        }
        cases.executeBatch();
        coDepartments.executeBatch();
        facts.executeBatch();
        timeline.executeBatch();
        orders.executeBatch();
        pending = 0;
    }

    private String trackingCode() {
        // as CaseFileService makes them: random, not from the history's seed (a tracking code opens a case to anyone)
        StringBuilder b = new StringBuilder(12);
        for (int i = 0; i < 12; i++) {
            b.append(TRACKING_ALPHABET.charAt(random.nextInt(TRACKING_ALPHABET.length())));
        }
        return b.toString();
    }

    private static void time(PreparedStatement s, int i, Instant t) throws SQLException {
        if (t == null) {
            s.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            s.setObject(i, OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
        }
    }

    private static void number(PreparedStatement s, int i, Double d) throws SQLException {
        if (d == null) {
            s.setNull(i, Types.DOUBLE);
        } else {
            s.setDouble(i, d);
        }
    }

    @Override
    public void close() throws SQLException {
        flush();
        cases.close();
        coDepartments.close();
        facts.close();
        timeline.close();
        orders.close();
    }
}
