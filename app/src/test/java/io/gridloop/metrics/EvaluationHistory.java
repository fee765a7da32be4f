package io.gridloop.metrics;

import static io.gridloop.process.CaseLoop.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gridloop.casefile.CaseFileService;
import io.gridloop.casefile.CaseRecord;
import io.gridloop.intake.ReportService;
import io.gridloop.support.LoopDriver;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A hand-made history of twelve street-light cases (A … L) around October 2026, driven through the real engine step by
 * step at set moments, and the figures it must give, worked out here by hand. October 2026: 1–7 October are holidays
 * (国庆), Saturday 10 October is a working day (调休); the working day is 08:30–12:00 and 13:30–17:30 (7.5 h). A street
 * light's limits: verification 2 h, registration and dispatch 1 h, handling 3 working days, check and approvals 4 h,
 * callback 1 working day. Every case is handled by the water department (水务局), so figures by department are this
 * history's alone whatever other tests add to the same database.
 */
class EvaluationHistory {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final String DEPARTMENT = "water";
    static final String HANDLER = "zhaolei";

    private final LoopDriver loop;
    private final ReportService reports;
    private final CaseFileService cases;
    private final RuntimeService runtime;
    private final JdbcClient jdbc;
    final Map<String, Long> ids = new LinkedHashMap<>();

    EvaluationHistory(LoopDriver loop, ReportService reports, CaseFileService cases, RuntimeService runtime, JdbcClient jdbc) {
        this.loop = loop;
        this.reports = reports;
        this.cases = cases;
        this.runtime = runtime;
        this.jdbc = jdbc;
    }

    static Instant t(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(ZONE).toInstant();
    }

    private void at(String localDateTime) {
        loop.at(t(localDateTime));
    }

    private long id(String name) {
        return ids.get(name);
    }

    private void gridWorkerReport(String name) {
        ids.put(name, loop.reportByGridWorker("STREETLIGHT").id());
    }

    private void citizenReport(String name) {
        ids.put(name, loop.reportByCitizen("STREETLIGHT").id());
    }

    private void verify(String name) {
        loop.complete(id(name), TASK_VERIFY, "wangwei", Map.of("verifyResult", "CONFIRMED"));
    }

    private void register(String name) {
        loop.complete(id(name), TASK_REGISTER, "lina", Map.of("registerDecision", "REGISTER"));
    }

    private void dispatch(String name) {
        loop.complete(id(name), TASK_DISPATCH, "zhangmin", Map.of("department", DEPARTMENT, "coDepartments", List.of()));
    }

    private void feedback(String name) {
        loop.complete(id(name), TASK_HANDLE, HANDLER, Map.of("handleOutcome", "FEEDBACK", "feedback", "已修复"));
    }

    private void check(String name, boolean passed) {
        loop.complete(id(name), TASK_CHECK, "wangwei", passed ? Map.of("checkResult", "PASSED")
                : Map.of("checkResult", "FAILED", "comment", "仍不亮"));
    }

    private void callback(String name, String satisfaction) {
        loop.complete(id(name), TASK_CALLBACK, "lina", satisfaction.equals("DISSATISFIED")
                ? Map.of("satisfaction", satisfaction, "dissatisfactionReason", "修得太慢") : Map.of("satisfaction", satisfaction));
    }

    /** Drives the whole history in time order; the engine clock ends on Tuesday 3 November 2026, 09:30. */
    void drive() {
        // K: reported the day before the National Day holiday, handled on time across it (due Saturday 10 October, a working day)
        at("2026-09-30T09:00"); citizenReport("K");
        at("2026-09-30T09:20"); verify("K");
        at("2026-09-30T09:40"); register("K");
        at("2026-09-30T10:00"); dispatch("K");
        at("2026-10-09T10:00"); feedback("K");
        at("2026-10-09T10:30"); check("K", true);
        at("2026-10-10T09:00"); callback("K", "SATISFIED");

        // A: on time all along; B: handled a day late (due Thursday 15th 10:15), dissatisfied, review refuses a rework
        at("2026-10-12T09:00"); gridWorkerReport("A"); citizenReport("B");
        at("2026-10-12T09:30"); register("A"); verify("B");
        at("2026-10-12T09:45"); dispatch("A");
        at("2026-10-12T10:00"); register("B");
        at("2026-10-12T10:15"); dispatch("B");
        // C: extension of 2 working days asked on Wednesday, approved: due moves from Friday 16th to Tuesday 20th 09:20
        at("2026-10-13T09:00"); gridWorkerReport("C");
        at("2026-10-13T09:10"); register("C");
        at("2026-10-13T09:20"); dispatch("C");
        at("2026-10-13T09:45"); feedback("A");
        at("2026-10-13T10:00"); check("A", true);
        // D: put on hold on Thursday 15th, still on hold when October ends (its due date, Monday 19th, passes meanwhile)
        at("2026-10-14T09:00"); gridWorkerReport("D");
        at("2026-10-14T09:10"); register("D");
        at("2026-10-14T09:20");
        loop.complete(id("C"), TASK_HANDLE, HANDLER, Map.of("handleOutcome", "EXTENSION", "extensionDays", 2, "extensionReason", "等待灯具"));
        dispatch("D");
        at("2026-10-14T09:40");
        loop.complete(id("C"), TASK_APPROVE_EXTENSION, "zhoujie", Map.of("extensionDecision", "APPROVED", "approvedDays", 2));
        // F: a duplicate of C (still open: only open cases take duplicates), merged; G: rejected at registration
        at("2026-10-15T09:00"); citizenReport("F"); gridWorkerReport("G");
        at("2026-10-15T09:05");
        loop.complete(id("G"), TASK_REGISTER, "lina", Map.of("registerDecision", "REJECT", "rejectReason", "不属于受理范围"));
        at("2026-10-15T09:10"); verify("F");
        at("2026-10-15T09:20");
        loop.complete(id("F"), TASK_REGISTER, "lina", Map.of("registerDecision", "DUPLICATE",
                "duplicateOf", cases.get(id("C")).caseNumber()));
        loop.complete(id("D"), TASK_HANDLE, HANDLER, Map.of("handleOutcome", "HOLD", "holdReason", "需整体更换线路"));
        at("2026-10-15T09:30");
        loop.complete(id("D"), TASK_APPROVE_HOLD, "zhoujie", Map.of("holdDecision", "APPROVED"));
        // H: not confirmed on site; I: resolved on the spot by the grid worker
        at("2026-10-16T09:00"); citizenReport("H");
        ids.put("I", loop.reportSelfResolved("STREETLIGHT").id());
        at("2026-10-16T09:20"); register("I");
        at("2026-10-16T09:30");
        // the loop closes H as NOT_CONFIRMED (核实不属实)
        loop.complete(id("H"), TASK_VERIFY, "wangwei", Map.of("verifyResult", "NOT_CONFIRMED", "notConfirmedReason", "现场路灯正常"));
        at("2026-10-16T10:15"); feedback("B");
        at("2026-10-16T10:30"); check("B", true);
        at("2026-10-16T10:45"); callback("B", "DISSATISFIED");
        at("2026-10-16T11:00");
        loop.complete(id("B"), TASK_REVIEW_DISSATISFACTION, "zhangmin", Map.of("dissatisfactionDecision", "NOT_ACCEPTED"));
        // L: registered 20 minutes late (due 10:10), then quick; basically satisfied
        at("2026-10-19T09:00"); feedback("C"); citizenReport("L");
        at("2026-10-19T09:10"); verify("L");
        at("2026-10-19T10:00"); check("C", true);
        at("2026-10-19T10:30"); register("L");
        at("2026-10-19T10:40"); dispatch("L");
        at("2026-10-20T10:40"); feedback("L");
        at("2026-10-20T11:00"); check("L", true);
        at("2026-10-20T11:30"); callback("L", "BASICALLY_SATISFIED");
        // J: dispatched on Monday 26th, due Thursday 29th 09:20, not handled when October ends (handled late in November)
        at("2026-10-26T09:00"); gridWorkerReport("J");
        at("2026-10-26T09:10"); register("J");
        at("2026-10-26T09:20"); dispatch("J");
        // E: returned once, handled, check failed (rework), handled again and filed in November
        at("2026-10-28T09:00"); gridWorkerReport("E");
        at("2026-10-28T09:10"); register("E");
        at("2026-10-28T09:20"); dispatch("E");
        at("2026-10-28T10:00");
        loop.complete(id("E"), TASK_HANDLE, HANDLER, Map.of("handleOutcome", "RETURN", "returnReason", "需先断电"));
        at("2026-10-28T10:10"); dispatch("E");
        at("2026-10-29T10:10"); feedback("E");
        at("2026-10-29T11:00"); check("E", false);
        // November: E filed, D resumed, J handled late
        at("2026-11-02T09:00"); feedback("E");
        loop.complete(id("D"), TASK_ON_HOLD, HANDLER, Map.of("resumeNote", "线路已批复"));
        at("2026-11-02T10:00"); check("E", true);
        at("2026-11-03T09:00"); feedback("J");
        at("2026-11-03T09:30"); check("J", true);
    }

    /** Working hours of the handled cases, worked out by hand (dispatch to first check, working periods only). */
    static final double HOURS_A = 7.5;                 // Mon 12th 09:45 → Tue 13th 09:45
    static final double HOURS_B = 30;                  // Mon 12th 10:15 → Fri 16th 10:15: four working days
    static final double HOURS_C = 29 + 40 / 60.0;      // Tue 13th 09:20 → Mon 19th 09:00: 6h40 + 3 × 7.5 + 0h30
    static final double HOURS_E = 8 + 20 / 60.0;       // Wed 28th 09:20 → Thu 29th 10:10: 6h40 + 1h40
    static final double HOURS_K = 15;                  // Wed 30 Sep 10:00 → Fri 9 Oct 10:00: 6h + (holiday) 7.5 + 1.5
    static final double HOURS_L = 7.5;                 // Mon 19th 10:40 → Tue 20th 10:40

    /** October 2026 over the whole district: the twelve cases. */
    static void expectOctober(Evaluation.Row r) {
        expect(r, Map.ofEntries(
                Map.entry(Indicator.REPORTS, 11L),           // all but K (reported 30 September)
                Map.entry(Indicator.REGISTERED, 8L),         // A B C D E I J L
                Map.entry(Indicator.REJECTED, 1L),           // G
                Map.entry(Indicator.NOT_CONFIRMED, 1L),      // H
                Map.entry(Indicator.MERGED, 1L),             // F
                Map.entry(Indicator.SELF_RESOLVED, 1L),      // I
                Map.entry(Indicator.DISPATCHED, 7L),         // A B C D E J L (E's second dispatch does not count again)
                Map.entry(Indicator.RETURNED, 1L),           // E
                Map.entry(Indicator.EXTENDED, 1L),           // C
                Map.entry(Indicator.HELD, 1L),               // D
                Map.entry(Indicator.FILED, 6L),              // A B C I K L (E is filed in November)
                Map.entry(Indicator.FILED_ON_TIME, 5L),      // all but B
                Map.entry(Indicator.OVERDUE_STEPS, 3L),      // B's handling, L's registration, J's handling
                Map.entry(Indicator.REWORKED, 1L),           // E
                Map.entry(Indicator.SATISFIED, 1L),          // K
                Map.entry(Indicator.BASICALLY_SATISFIED, 1L), // L
                Map.entry(Indicator.DISSATISFIED, 1L)));     // B
        // due to be closed: handled A B C E K L (6) + self-resolved I + J overdue and unhandled = 8 (D on hold is not due)
        // handled 6 of 7 dispatched, on time 5 (B late); J overdue pending; registered on time 7 of 8 (L late)
        expectRates(r, Map.of(
                Indicator.CLOSE_RATE, 6 / 8.0,
                Indicator.ON_TIME_RATE, 5 / 8.0,
                Indicator.REWORK_RATE, 1 / 8.0,
                Indicator.HANDLE_RATE, 6 / 7.0,
                Indicator.ON_TIME_HANDLE_RATE, 5 / 7.0,
                Indicator.OVERDUE_PENDING_RATE, 1 / 7.0,
                Indicator.EXTENSION_RATE, 1 / 8.0,
                Indicator.ON_TIME_REGISTER_RATE, 7 / 8.0,
                Indicator.ACCURATE_REGISTER_RATE, 1.0,
                Indicator.SATISFACTION_RATE, (1 + 0.9 * 1) / 3.0));
        double mean = (HOURS_A + HOURS_B + HOURS_C + HOURS_E + HOURS_K + HOURS_L) / 6;
        assertThat(r.get(Indicator.MEAN_HANDLING_HOURS).doubleValue()).isCloseTo(mean, within(0.005));
        // nearest rank of six: ceil(0.9 × 6) = 6th, the longest
        assertThat(r.get(Indicator.P90_HANDLING_HOURS).doubleValue()).isCloseTo(HOURS_B, within(0.005));
        double score = 30 * 6 / 7.0 + 20 * 5 / 7.0 + 20 * (1 - 1 / 8.0) + 20 * (1 - 1 / 7.0) + 10 * (1 - 1 / 8.0);
        assertThat(r.get(Indicator.SCORE).doubleValue()).isCloseTo(score, within(0.005));
    }

    /**
     * October 2026 as the water department's handlers see it: the cases it leads (A B C D E J K L); F, G and H never
     * reached a department and I was resolved on the spot.
     */
    static void expectOctoberOfWater(Evaluation.Row r) {
        expect(r, Map.ofEntries(
                Map.entry(Indicator.REPORTS, 7L), Map.entry(Indicator.REGISTERED, 7L), Map.entry(Indicator.REJECTED, 0L),
                Map.entry(Indicator.NOT_CONFIRMED, 0L), Map.entry(Indicator.MERGED, 0L), Map.entry(Indicator.SELF_RESOLVED, 0L),
                Map.entry(Indicator.DISPATCHED, 7L), Map.entry(Indicator.RETURNED, 1L), Map.entry(Indicator.EXTENDED, 1L),
                Map.entry(Indicator.HELD, 1L), Map.entry(Indicator.FILED, 5L), Map.entry(Indicator.FILED_ON_TIME, 4L),
                Map.entry(Indicator.OVERDUE_STEPS, 3L), Map.entry(Indicator.REWORKED, 1L), Map.entry(Indicator.SATISFIED, 1L),
                Map.entry(Indicator.BASICALLY_SATISFIED, 1L), Map.entry(Indicator.DISSATISFIED, 1L)));
        // due to be closed: handled A B C E K L + J overdue = 7
        expectRates(r, Map.of(
                Indicator.CLOSE_RATE, 5 / 7.0,
                Indicator.ON_TIME_RATE, 4 / 7.0,
                Indicator.REWORK_RATE, 1 / 7.0,
                Indicator.HANDLE_RATE, 6 / 7.0,
                Indicator.ON_TIME_HANDLE_RATE, 5 / 7.0,
                Indicator.OVERDUE_PENDING_RATE, 1 / 7.0,
                Indicator.EXTENSION_RATE, 1 / 7.0,
                Indicator.ON_TIME_REGISTER_RATE, 6 / 7.0,
                Indicator.ACCURATE_REGISTER_RATE, 1.0,
                Indicator.SATISFACTION_RATE, 1.9 / 3.0));
        double score = 30 * 6 / 7.0 + 20 * 5 / 7.0 + 20 * 6 / 7.0 + 20 * 6 / 7.0 + 10 * 6 / 7.0;
        assertThat(r.get(Indicator.SCORE).doubleValue()).isCloseTo(score, within(0.005));
    }

    static void expect(Evaluation.Row r, Map<Indicator, Long> counts) {
        counts.forEach((i, n) -> assertThat(r.get(i)).as("%s of %s", i.key(), r.unit()).isEqualTo(n));
    }

    static void expectRates(Evaluation.Row r, Map<Indicator, Double> rates) {
        rates.forEach((i, v) -> assertThat(r.get(i)).as("%s of %s", i.key(), r.unit()).isNotNull()
                .satisfies(x -> assertThat(x.doubleValue()).as("%s of %s", i.key(), r.unit()).isCloseTo(v, within(1e-9))));
    }
}
