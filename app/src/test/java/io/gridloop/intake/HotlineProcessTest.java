package io.gridloop.intake;

import static io.gridloop.process.CaseLoop.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridloop.casefile.CaseFileService;
import io.gridloop.casefile.CaseRecord;
import io.gridloop.casefile.CaseStatus;
import io.gridloop.casefile.Channel;
import io.gridloop.casefile.Urgency;
import io.gridloop.inbox.InboxService;
import io.gridloop.metrics.Evaluation;
import io.gridloop.metrics.EvaluationService;
import io.gridloop.metrics.EvaluationUnit;
import io.gridloop.metrics.Indicator;
import io.gridloop.security.AccessScopes;
import io.gridloop.support.LoopDriver;
import io.gridloop.support.ProcessTest;
import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The intake's own paths of the case loop: a hotline call answered on the phone (即办) filed at once and never dispatched;
 * the caller's phone or an explicit anonymity; a public report near an open case of the same kind joining that case; the
 * reporters of merged reports told when the case is filed; and how the evaluation counts them (reports, not cases).
 */
@ProcessTest
class HotlineProcessTest {

    @Autowired
    ReportService reports;
    @Autowired
    LoopDriver loop;
    @Autowired
    CaseFileService cases;
    @Autowired
    io.gridloop.casefile.CaseTimeline caseTimeline;
    @Autowired
    InboxService inbox;
    @Autowired
    io.gridloop.inbox.InboxPages pages;
    @Autowired
    RuntimeService runtime;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    EvaluationService evaluation;
    @Autowired
    AccessScopes scopes;
    @Autowired
    Clock clock;

    @AfterEach
    void clock() {
        loop.resetClock();
    }

    private static Report call(String phone, Boolean anonymous, String answer) {
        return new Report(Channel.HOTLINE, Urgency.NORMAL, null, "STREETLIGHT", "S01C02G01", null, null, null, "来电咨询路灯维修的报修渠道",
                "王女士", phone, null, false, List.of(), anonymous, answer);
    }

    /** Ended (production keeps no engine history: the end event is told by the status and timeline its delegate wrote). */
    private void assertEnded(CaseRecord c, String endEvent) {
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(c.processInstanceId()).count()).as("ended at " + endEvent)
                .isZero();
    }

    private Map<Indicator, Long> today() {
        LocalDate day = LocalDate.now(clock);
        Evaluation e = evaluation.evaluate(day, day, EvaluationUnit.DISTRICT, scopes.ofUser("zhoujie"), Locale.ROOT);
        Map<Indicator, Long> m = new EnumMap<>(Indicator.class);
        for (Indicator i : Indicator.values()) {
            if (i.kind() == Indicator.Kind.COUNT) {
                m.put(i, e.total().get(i).longValue());
            }
        }
        return m;
    }

    private static Map<Indicator, Long> change(Map<Indicator, Long> before, Map<Indicator, Long> after) {
        Map<Indicator, Long> d = new EnumMap<>(Indicator.class);
        after.forEach((k, v) -> {
            if (v - before.get(k) != 0) {
                d.put(k, v - before.get(k));
            }
        });
        return d;
    }

    @Test
    void aCallAnsweredOnThePhoneIsFiledAtOnceWithItsAnswerAndCountsAsAReportOnly() {
        Map<Indicator, Long> before = today();
        CaseRecord c = reports.report(call("13911112222", null, "已告知报修电话及处理时限"), "lina");
        assertThat(c.status()).isEqualTo(CaseStatus.ANSWERED_ON_CALL);
        assertThat(c.status().isClosed()).isTrue();
        assertThat(c.closedAt()).isNotNull();
        assertThat(c.registeredAt()).isNull();
        assertThat(c.departmentCode()).as("never dispatched").isNull();
        assertEnded(c, END_ANSWERED_ON_CALL);
        assertThat(caseTimeline.timeline(c.id())).as("no step of the loop").extracting(e -> e.action())
                .containsOnly("REPORTED", "ANSWERED_ON_CALL");
        assertThat(pages.openTasksOfCase(c.id())).isEmpty();
        assertThat(caseTimeline.timeline(c.id())).last().satisfies(e -> {
            assertThat(e.action()).isEqualTo("ANSWERED_ON_CALL");
            assertThat(e.comment()).isEqualTo("已告知报修电话及处理时限");
        });
        assertThat(change(before, today())).as("a report, nothing else").isEqualTo(Map.of(Indicator.REPORTS, 1L));
    }

    @Test
    void theOperatorRecordsTheCallersPhoneOrThatTheCallerStaysAnonymousAndEveryDoorAsksIt() {
        long before = jdbc.sql("select count(*) from gl_case").query(Long.class).single();
        assertThatThrownBy(() -> reports.report(call(null, null, null), "lina"))
                .isInstanceOfSatisfying(ReportRefusedException.class, e -> assertThat(e.problems())
                        .extracting(ReportRefusedException.Problem::messageKey).containsExactly("error.report.callerPhoneOrAnonymous"));
        assertThatThrownBy(() -> reports.report(call(" ", false, null), "lina")).isInstanceOf(ReportRefusedException.class);
        assertThatThrownBy(() -> reports.report(call("13911112222", true, null), "lina"))
                .isInstanceOfSatisfying(ReportRefusedException.class, e -> assertThat(e.problems())
                        .extracting(ReportRefusedException.Problem::messageKey).containsExactly("error.report.anonymousWithPhone"));
        // 即办 is the hotline's: a citizen report through the same door cannot be "answered on the call"
        Report citizen = new Report(Channel.CITIZEN, Urgency.NORMAL, null, "STREETLIGHT", "S01C02G01", null, null, null, "路灯不亮",
                null, null, null, false, List.of(), null, "已答复");
        assertThatThrownBy(() -> reports.report(citizen, "lina"))
                .isInstanceOfSatisfying(ReportRefusedException.class, e -> assertThat(e.problems())
                        .extracting(ReportRefusedException.Problem::messageKey).containsExactly("error.report.answerHotlineOnly"));
        assertThat(jdbc.sql("select count(*) from gl_case").query(Long.class).single()).as("nothing saved").isEqualTo(before);

        CaseRecord anonymous = reports.report(call(null, true, null), "lina");
        assertThat(anonymous.reporterPhone()).isNull();
        assertThat(anonymous.status()).as("verified on site like every hotline report").isEqualTo(CaseStatus.VERIFYING);
    }

    private Report publicReport(String subcategory, double lng, double lat, String email) {
        return new Report(Channel.CITIZEN, Urgency.NORMAL, null, subcategory, null, lng, lat, null, "井盖缺失,夜里有人差点踩空",
                null, null, email, false, List.of());
    }

    @Test
    void aPublicReportNearAnOpenCaseOfTheSameKindJoinsItAndItsReporterHearsWhenTheCaseIsFiled() {
        double lng = 116.3505;
        double lat = 39.9315;
        ReportService.PublicReport first = reports.reportFromPublicJoiningOpenCase(publicReport("MANHOLE", lng, lat, null), "open311-1");
        assertThat(first.alreadyHandled()).isEmpty();
        CaseRecord open = first.report();
        assertThat(open.status()).isEqualTo(CaseStatus.VERIFYING);

        Map<Indicator, Long> before = today();
        ReportService.PublicReport second = reports.reportFromPublicJoiningOpenCase(
                publicReport("MANHOLE", lng + 0.0003, lat + 0.0002, "second@example.org"), "open311-1");
        assertThat(second.alreadyHandled()).get().extracting(CaseRecord::caseNumber).isEqualTo(open.caseNumber());
        CaseRecord joined = second.report();
        assertThat(joined.status()).isEqualTo(CaseStatus.MERGED);
        assertThat(joined.mergedInto()).isEqualTo(open.caseNumber());
        assertEnded(joined, END_JOINED_OPEN_CASE);
        assertThat(caseTimeline.timeline(open.id())).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("MERGED_IN");
            assertThat(e.decision()).isEqualTo(joined.caseNumber());
        });
        assertThat(change(before, today())).as("a report merged: no new case to work")
                .isEqualTo(Map.of(Indicator.REPORTS, 1L, Indicator.MERGED, 1L));

        // another kind at the same place is a case of its own; so is the same kind farther than 100 m
        assertThat(reports.reportFromPublicJoiningOpenCase(publicReport("STREETLIGHT", lng, lat, null), "open311-1").alreadyHandled())
                .isEmpty();
        assertThat(reports.reportFromPublicJoiningOpenCase(publicReport("MANHOLE", lng + 0.002, lat, null), "open311-1").alreadyHandled())
                .isEmpty();

        // the open case is worked to the end: the merged report's reporter hears it, about their own report
        loop.complete(open.id(), TASK_VERIFY, "wangwei", Map.of("verifyResult", "CONFIRMED"));
        loop.complete(open.id(), TASK_REGISTER, "lina", Map.of("registerDecision", "REGISTER"));
        loop.complete(open.id(), TASK_DISPATCH, "zhangmin", Map.of("department", "roads", "coDepartments", List.of()));
        loop.complete(open.id(), TASK_HANDLE, "sunli", Map.of("handleOutcome", "FEEDBACK", "feedback", "已更换井盖"));
        assertThat(jdbc.sql("select count(*) from gl_outbox where recipient = 'mailto:second@example.org'").query(Long.class).single())
                .as("not before the case is filed").isZero();
        loop.complete(open.id(), TASK_CHECK, "wangwei", Map.of("checkResult", "PASSED"));
        loop.complete(open.id(), TASK_CALLBACK, "lina", Map.of("satisfaction", "SATISFIED"));
        assertThat(cases.get(open.id()).status()).isEqualTo(CaseStatus.FILED);
        assertThat(jdbc.sql("select subject || ' ' || body from gl_outbox where recipient = 'mailto:second@example.org'")
                .query(String.class).list()).singleElement()
                .satisfies(mail -> assertThat(mail).contains(joined.caseNumber(), open.caseNumber(), "已并入"));
    }
}
