package io.gridloop.citizen;

import static io.gridloop.process.CaseLoop.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.gridloop.casefile.CaseFileService;
import io.gridloop.casefile.CaseRecord;
import io.gridloop.casefile.CaseStatus;
import io.gridloop.casefile.Channel;
import io.gridloop.casefile.TimelineEntry;
import io.gridloop.casefile.Urgency;
import io.gridloop.intake.Report;
import io.gridloop.intake.ReportService;
import io.gridloop.support.LoopDriver;
import io.gridloop.support.ProcessTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The citizen's own rating in the loop: a citizen report with an e-mail waits at Task_AwaitRating after the check and
 * mails a signed link; each new path of the BPMN (rated satisfied, rated dissatisfied to the dispatcher's review, no
 * rating in time to the callback) on the real engine, and the rating taken once.
 */
@ProcessTest
class CitizenRatingProcessTest {

    @Autowired
    LoopDriver loop;
    @Autowired
    ProcessEngine engine;
    @Autowired
    RuntimeService runtime;
    @Autowired
    CaseFileService cases;
    @Autowired
    io.gridloop.casefile.CaseTimeline caseTimeline;
    @Autowired
    ReportService reports;
    @Autowired
    CitizenRatings ratings;
    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void init() {
        AbstractAssertions.init(engine);
    }

    @AfterEach
    void clock() {
        loop.resetClock();
    }

    private ProcessInstance instance(CaseRecord c) {
        return runtime.createProcessInstanceQuery().processInstanceId(c.processInstanceId()).singleResult();
    }

    private void assertFiled(CaseRecord c) {
        // production keeps no engine history: filed is the status only the filing delegate writes, and the instance ended
        assertThat(cases.get(c.id()).status()).as("ended at " + END_FILED).isEqualTo(CaseStatus.FILED);
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(c.processInstanceId()).count()).isZero();
    }

    /** A citizen's report with an e-mail, worked up to the passed check. */
    private CaseRecord checked(String email) {
        CaseRecord c = reports.reportFromPublic(new Report(Channel.CITIZEN, Urgency.NORMAL, null, "STREETLIGHT", null, 116.3745,
                39.9275, null, "路灯不亮", "李四", null, email, false, List.of()), CitizenReports.DOOR);
        String worker = "S03".equals(c.streetCode()) ? "lihua" : "wangwei";
        loop.complete(c.id(), TASK_VERIFY, worker, Map.of("verifyResult", "CONFIRMED"));
        loop.complete(c.id(), TASK_REGISTER, "lina", Map.of("registerDecision", "REGISTER"));
        loop.complete(c.id(), TASK_DISPATCH, "zhangmin", Map.of("department", "roads", "coDepartments", List.of()));
        loop.complete(c.id(), TASK_HANDLE, "sunli", Map.of("handleOutcome", "FEEDBACK", "feedback", "已修复"));
        loop.complete(c.id(), TASK_CHECK, worker, Map.of("checkResult", "PASSED"));
        return cases.get(c.id());
    }

    private String mailedToken(CaseRecord c) {
        String link = jdbc.sql("select link from gl_outbox where event_key = :e").param("e", "rate:" + c.id())
                .query(String.class).single();
        assertThat(link).contains("/rate/");
        return link.substring(link.indexOf("/rate/") + "/rate/".length());
    }

    @Test
    void aCitizenWithAnEmailRatesFromTheTrackingPageAndTheCaseIsFiled() {
        CaseRecord c = checked("lisi@example.org");
        assertThat(instance(c)).isWaitingAt(TASK_AWAIT_RATING);
        assertThat(c.status()).as("回访 while the citizen rates").isEqualTo(CaseStatus.CALLBACK);
        assertThat(ratings.awaits(c)).isTrue();
        String body = jdbc.sql("select body from gl_outbox where event_key = :e").param("e", "rate:" + c.id())
                .query(String.class).single();
        assertThat(body).contains("请点击下面的链接评价", c.caseNumber());
        assertThat(ratings.byToken(mailedToken(c))).map(CaseRecord::id).contains(c.id());

        ratings.rate(c, "BASICALLY_SATISFIED", "修得挺快", CitizenRatings.Via.TRACK);
        assertFiled(c);
        assertThat(cases.get(c.id()).satisfaction()).isEqualTo("BASICALLY_SATISFIED");
        assertThat(caseTimeline.timeline(c.id())).extracting(TimelineEntry::action).contains("RATING_ASKED", "CITIZEN_RATED", "FILED");
        assertThat(ratings.ratingOf(c.id())).contains("BASICALLY_SATISFIED");
        assertThat(jdbc.sql("select outcome from gl_step_fact where case_id = :id and step = 'CALLBACK' and finished_at is not null")
                .param("id", c.id()).query(String.class).list()).as("counted as the callback's answer").containsExactly("BASICALLY_SATISFIED");

        // once: the link and the tracking page refuse a second rating
        assertThatThrownBy(() -> ratings.rate(cases.get(c.id()), "DISSATISFIED", "再评一次", CitizenRatings.Via.LINK))
                .isInstanceOfSatisfying(CitizenRefusedException.class, e -> {
                    assertThat(e.messageKey()).isEqualTo("error.rating.done");
                    assertThat(e.httpStatus()).isEqualTo(409);
                });
    }

    @Test
    void aDissatisfiedRatingFromTheMailedLinkGoesToTheDispatchersReviewAndTheReworkIsCalledBack() {
        CaseRecord c = checked("lisi2@example.org");
        String token = mailedToken(c);
        CaseRecord byLink = ratings.byToken(token).orElseThrow();
        assertThatThrownBy(() -> ratings.rate(byLink, "DISSATISFIED", "  ", CitizenRatings.Via.LINK))
                .hasMessage("error.rating.reasonNeeded");
        assertThatThrownBy(() -> ratings.rate(byLink, "MEH", null, CitizenRatings.Via.LINK)).hasMessage("error.rating.choose");
        assertThat(instance(c)).as("a refused rating moves nothing").isWaitingAt(TASK_AWAIT_RATING);

        ratings.rate(byLink, "DISSATISFIED", "路灯晚上还是不亮", CitizenRatings.Via.LINK);
        assertThat(instance(c)).isWaitingAt(TASK_REVIEW_DISSATISFACTION);
        assertThat(runtime.getVariable(c.processInstanceId(), "dissatisfactionReason")).isEqualTo("路灯晚上还是不亮");
        // the same link again: used
        assertThatThrownBy(() -> ratings.rate(ratings.byToken(token).orElseThrow(), "SATISFIED", null, CitizenRatings.Via.LINK))
                .hasMessage("error.rating.done");

        loop.complete(c.id(), TASK_REVIEW_DISSATISFACTION, "zhangmin", Map.of("dissatisfactionDecision", "ACCEPTED"));
        assertThat(instance(c)).isWaitingAt(TASK_HANDLE);
        assertThat(cases.get(c.id()).reworkCount()).isEqualTo(1);
        loop.complete(c.id(), TASK_HANDLE, "sunli", Map.of("handleOutcome", "FEEDBACK", "feedback", "更换了灯具"));
        loop.complete(c.id(), TASK_CHECK, "S03".equals(c.streetCode()) ? "lihua" : "wangwei", Map.of("checkResult", "PASSED"));
        // rated once: after the rework the callback asks
        assertThat(instance(c)).isWaitingAt(TASK_CALLBACK);
        loop.complete(c.id(), TASK_CALLBACK, "lina", Map.of("satisfaction", "SATISFIED"));
        assertFiled(c);
    }

    @Test
    void aDissatisfiedRatingWhoseReasonIsNotAcceptedIsFiled() {
        CaseRecord c = checked("lisi3@example.org");
        ratings.rate(c, "DISSATISFIED", "希望换成新款路灯", CitizenRatings.Via.TRACK);
        loop.complete(c.id(), TASK_REVIEW_DISSATISFACTION, "zhangmin", Map.of("dissatisfactionDecision", "NOT_ACCEPTED"));
        assertFiled(c);
        assertThat(cases.get(c.id()).satisfaction()).isEqualTo("DISSATISFIED");
    }

    @Test
    void withoutARatingInTimeTheCallbackAsks() {
        loop.at(LoopDriver.MONDAY_0900);
        CaseRecord c = checked("lisi4@example.org");
        assertThat(instance(c)).isWaitingAt(TASK_AWAIT_RATING);
        loop.advance(Duration.ofDays(2));
        assertThat(instance(c)).as("two working days: still the citizen's").isWaitingAt(TASK_AWAIT_RATING);
        loop.advance(Duration.ofDays(2));
        assertThat(instance(c)).isWaitingAt(TASK_CALLBACK);
        assertThat(cases.get(c.id()).candidateGroup()).isEqualTo("intake");
        assertThatThrownBy(() -> ratings.rate(cases.get(c.id()), "SATISFIED", null, CitizenRatings.Via.LINK))
                .hasMessage("error.rating.notAwaiting");
        loop.complete(c.id(), TASK_CALLBACK, "lina", Map.of("satisfaction", "SATISFIED"));
        assertFiled(c);
    }

    @Test
    void citizensWithoutAnEmailAreCalledBackAsBefore() {
        CaseRecord c = checked(null);
        assertThat(instance(c)).isWaitingAt(TASK_CALLBACK);
        assertThat(ratings.awaits(c)).isFalse();
        assertThat(jdbc.sql("select count(*) from gl_outbox where event_key = :e").param("e", "rate:" + c.id())
                .query(Long.class).single()).isZero();
    }

    @Test
    void aForgedExpiredOrForeignLinkNamesNoCase() {
        CaseRecord c = checked("lisi5@example.org");
        String token = mailedToken(c);
        String[] p = token.split("\\.");
        assertThat(ratings.byToken(p[0] + "." + p[1] + "." + p[2].substring(1) + "A")).isEmpty();
        assertThat(ratings.byToken((Long.parseLong(p[0]) - 1) + "." + p[1] + "." + p[2])).as("another case's number").isEmpty();
        assertThat(ratings.byToken(p[0] + "." + (Long.parseLong(p[1]) + 1) + "." + p[2])).as("a longer life").isEmpty();
        assertThat(ratings.byToken("x")).isEmpty();
        assertThat(ratings.byToken(null)).isEmpty();
        loop.at(java.time.Instant.now().plus(Duration.ofDays(31)));
        assertThat(ratings.byToken(token)).as("expired").isEmpty();
    }
}
