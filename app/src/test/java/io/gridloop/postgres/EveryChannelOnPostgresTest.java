package io.gridloop.postgres;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static io.gridloop.process.CaseLoop.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.router.RouteParameters;
import io.gridloop.casefile.CaseFileService;
import io.gridloop.casefile.CaseRecord;
import io.gridloop.casefile.CaseStatus;
import io.gridloop.casefile.Channel;
import io.gridloop.casefile.Urgency;
import io.gridloop.citizen.CitizenLimits;
import io.gridloop.citizen.CitizenRatings;
import io.gridloop.citizen.CitizenRefusedException;
import io.gridloop.citizen.CitizenReport;
import io.gridloop.citizen.CitizenReports;
import io.gridloop.citizen.HumanCheck;
import io.gridloop.citizen.HumanCheckSolver;
import io.gridloop.citizen.RateView;
import io.gridloop.citizen.RatingForm;
import io.gridloop.duplicate.Duplicate;
import io.gridloop.duplicate.DuplicateSearch;
import io.gridloop.intake.Report;
import io.gridloop.intake.ReportRefusedException;
import io.gridloop.intake.ReportService;
import io.gridloop.open311.Open311Keys;
import io.gridloop.process.CaseVariables;
import io.gridloop.security.AccessScopes;
import io.gridloop.support.KaribuUi;
import io.gridloop.support.LoopDriver;
import io.gridloop.support.PostgresConfiguration;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * Every channel into the loop, end to end on PostgreSQL (the H2 tier runs the same doors in CitizenReportsTest,
 * CitizenPagesTest, HotlineProcessTest, Open311ApiTest, DuplicateSearchTest): a citizen's report through the citizens'
 * service with its human check and the rating through the rating link's page; a hotline call with the caller's phone and
 * a call answered on the phone (即办); an Open311 request posted and read back over HTTP; a duplicate found before
 * registration by the geo-cell query and merged; public reports (citizen page and Open311) joining an open case. Each test
 * works at a place and of a kind of its own, so that none joins another's case.
 */
@Tag("postgres")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import({PostgresConfiguration.class, LoopDriver.class})
@DirtiesContext
class EveryChannelOnPostgresTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext ctx;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    LoopDriver loop;
    @Autowired
    CaseFileService cases;
    @Autowired
    io.gridloop.casefile.CaseTimeline timeline;
    @Autowired
    ReportService reports;
    @Autowired
    CitizenReports citizens;
    @Autowired
    HumanCheck check;
    @Autowired
    CitizenLimits limits;
    @Autowired
    CitizenRatings ratings;
    @Autowired
    DuplicateSearch duplicates;
    @Autowired
    AccessScopes scopes;
    @Autowired
    Open311Keys keys;
    @Autowired
    RuntimeService runtime;

    @BeforeEach
    void onPostgres() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
        }
        HumanCheckSolver.forgetLimits(limits);
    }

    @AfterEach
    void leave() {
        KaribuUi.signOut();
        loop.resetClock();
    }

    private long caseCount() {
        return jdbc.sql("select count(*) from gl_case").query(Long.class).single();
    }

    private CitizenReport citizenReport(String subcategory, double lng, double lat, String description, String email, boolean right) {
        HumanCheck.Challenge c = check.issue();
        String answer = right ? HumanCheckSolver.solve(check, c.token()) : HumanCheckSolver.wrong(check, c.token());
        return new CitizenReport(subcategory, lng, lat, null, null, description, List.of(new Report.Photo("photo.png", LoopDriver.PNG)),
                null, null, email, c.token(), answer);
    }

    private static String gridWorkerOf(CaseRecord c) {
        return "S03".equals(c.streetCode()) ? "lihua" : "wangwei";
    }

    // ---- citizens (随手拍)

    @Test
    void aCitizensReportWithTheHumanCheckAndTheRatingThroughTheRatingLink() {
        double lng = 116.3745;
        double lat = 39.9275;
        long before = caseCount();
        assertThatThrownBy(() -> citizens.submit(citizenReport("STREETLIGHT", lng, lat, "路灯不亮", "pg@example.org", false), "203.0.113.50"))
                .isInstanceOfSatisfying(CitizenRefusedException.class, e -> assertThat(e.messageKey()).isEqualTo("error.citizen.check.wrong"));
        assertThat(caseCount()).as("a wrong sum stores nothing").isEqualTo(before);

        CitizenReports.Receipt receipt = citizens.submit(citizenReport("STREETLIGHT", lng, lat, "路灯不亮", "pg@example.org", true),
                "203.0.113.50");
        assertThat(receipt.alreadyHandled()).isEmpty();
        CaseRecord c = cases.findByTrackingCode(receipt.trackingCode()).orElseThrow();
        assertThat(c.caseNumber()).isEqualTo(receipt.caseNumber());
        assertThat(c.channel()).isEqualTo(Channel.CITIZEN);
        assertThat(c.reportedBy()).isEqualTo(CitizenReports.DOOR);
        assertThat(c.status()).as("verified on site first").isEqualTo(CaseStatus.VERIFYING);
        assertThat(timeline.attachments(c.id())).hasSize(1);

        String worker = gridWorkerOf(c);
        loop.complete(c.id(), TASK_VERIFY, worker, Map.of("verifyResult", "CONFIRMED"));
        loop.complete(c.id(), TASK_REGISTER, "lina", Map.of("registerDecision", "REGISTER"));
        loop.complete(c.id(), TASK_DISPATCH, "zhangmin", Map.of("department", "roads", "coDepartments", List.of()));
        loop.complete(c.id(), TASK_HANDLE, "sunli", Map.of("handleOutcome", "FEEDBACK", "feedback", "已更换灯具"));
        loop.complete(c.id(), TASK_CHECK, worker, Map.of("checkResult", "PASSED"));
        assertThat(ratings.awaits(cases.get(c.id()))).as("waits for its citizen's rating").isTrue();
        String link = jdbc.sql("select link from gl_outbox where event_key = :e").param("e", "rate:" + c.id()).query(String.class).single();
        String token = link.substring(link.indexOf("/rate/") + "/rate/".length());

        // the rating door: the mailed link's page, nobody signed in
        KaribuUi.anonymous(ctx);
        UI.getCurrent().navigate(RateView.class, new RouteParameters("token", token));
        _get(RatingForm.class);
        @SuppressWarnings("unchecked")
        RadioButtonGroup<String> rating = _get(RadioButtonGroup.class, s -> s.withId("rating"));
        rating.setValue("BASICALLY_SATISFIED");
        _get(Button.class, s -> s.withId("rating-send")).click();
        assertThat(_get(Paragraph.class, s -> s.withId("rating-done")).getText()).contains("感谢");

        CaseRecord filed = cases.get(c.id());
        assertThat(filed.status()).isEqualTo(CaseStatus.FILED);
        assertThat(filed.satisfaction()).isEqualTo("BASICALLY_SATISFIED");
        assertThat(ratings.ratingOf(c.id())).contains("BASICALLY_SATISFIED");
        assertThat(jdbc.sql("select via from gl_citizen_rating where case_id = :id").param("id", c.id()).query(String.class).single())
                .isEqualTo("LINK");

        // once
        UI.getCurrent().navigate(RateView.class, new RouteParameters("token", token));
        assertThat(_find(RatingForm.class)).isEmpty();
        assertThat(_get(Paragraph.class, s -> s.withId("rating-refused")).getText()).contains("已评价过");
    }

    // ---- the hotline (12345)

    private static Report call(double lng, double lat, String phone, Boolean anonymous, String answer) {
        return new Report(Channel.HOTLINE, Urgency.NORMAL, null, "STREETLIGHT", null, lng, lat, null, "来电反映路灯不亮", "王女士", phone,
                null, false, List.of(), anonymous, answer);
    }

    @Test
    void aHotlineCallWithTheCallersPhoneAndACallAnsweredOnThePhone() {
        double lng = 116.3505;
        double lat = 39.9315;
        long before = caseCount();
        assertThatThrownBy(() -> reports.report(call(lng, lat, null, null, null), "lina"))
                .isInstanceOfSatisfying(ReportRefusedException.class, e -> assertThat(e.problems())
                        .extracting(ReportRefusedException.Problem::messageKey).containsExactly("error.report.callerPhoneOrAnonymous"));
        assertThat(caseCount()).isEqualTo(before);

        CaseRecord c = reports.report(call(lng, lat, "139 1111 2222", null, null), "lina");
        assertThat(c.channel()).isEqualTo(Channel.HOTLINE);
        assertThat(c.reporterPhone()).isEqualTo("139 1111 2222");
        assertThat(c.status()).isEqualTo(CaseStatus.VERIFYING);
        // the operator's next call from the same number: the caller's earlier case and the open case at the place
        assertThat(reports.callerHistory("13911112222", "lina")).extracting(CaseRecord::caseNumber).contains(c.caseNumber());
        assertThat(reports.openCasesNear(lng + 0.0002, lat, "路灯", "lina")).extracting(d -> d.openCase().caseNumber())
                .contains(c.caseNumber());
        String worker = gridWorkerOf(c);
        loop.complete(c.id(), TASK_VERIFY, worker, Map.of("verifyResult", "CONFIRMED"));
        assertThat(cases.get(c.id()).status()).isEqualTo(CaseStatus.REGISTERING);

        CaseRecord answered = reports.report(call(lng, lat, null, true, "已告知报修渠道和处理时限"), "lina");
        assertThat(answered.status()).isEqualTo(CaseStatus.ANSWERED_ON_CALL);
        assertThat(answered.closedAt()).isNotNull();
        assertThat(answered.reporterPhone()).isNull();
        assertThat(answered.departmentCode()).as("never dispatched").isNull();
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(answered.processInstanceId()).count()).isZero();
        assertThat(timeline.timeline(answered.id())).extracting(e -> e.action()).containsExactly("REPORTED", "ANSWERED_ON_CALL");
        assertThat(timeline.timeline(answered.id()).get(1).comment()).isEqualTo("已告知报修渠道和处理时限");
    }

    // ---- Open311 GeoReport v2

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/open311/v2/" + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(Map<String, String> form) throws Exception {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/open311/v2/requests.json"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String open311Key() {
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken("admin", null, List.of()));
        try {
            return keys.issue("全渠道测试").secret();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    @Test
    void anOpen311RequestPostedAndReadBack() throws Exception {
        String key = open311Key();
        HttpResponse<String> created = post(Map.of("api_key", key, "service_code", "BENCH", "lat", "39.9400", "long", "116.3600",
                "description", "长椅断了一条腿", "email", "app@example.org"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = JSON.readTree(created.body()).get(0).path("service_request_id").asText();
        CaseRecord c = cases.findByNumber(id).orElseThrow();
        assertThat(c.channel()).isEqualTo(Channel.CITIZEN);
        assertThat(c.status()).isEqualTo(CaseStatus.VERIFYING);
        assertThat(c.reportedBy()).startsWith("open311-");

        JsonNode one = JSON.readTree(get("requests/" + id + ".json?api_key=" + key).body()).get(0);
        assertThat(one.path("service_code").asText()).isEqualTo("BENCH");
        assertThat(one.path("status").asText()).isEqualTo("open");
        assertThat(JSON.readTree(get("requests.json?api_key=" + key + "&service_code=BENCH&status=open").body()).findValuesAsText("service_request_id"))
                .contains(id);
        assertThat(get("requests/" + id + ".json").statusCode()).as("GridLoop's requests are read with a key").isEqualTo(403);
        assertThat(get("requests/" + id + ".xml?api_key=" + key).body()).contains("<service_request_id>" + id + "</service_request_id>");

        // worked to the end in GridLoop, the client reads it closed
        String worker = gridWorkerOf(c);
        loop.complete(c.id(), TASK_VERIFY, worker, Map.of("verifyResult", "NOT_CONFIRMED", "notConfirmedReason", "现场长椅完好"));
        assertThat(JSON.readTree(get("requests/" + id + ".json?api_key=" + key).body()).get(0).path("status").asText()).isEqualTo("closed");
        assertThat(JSON.readTree(get("requests.json?api_key=" + key + "&status=closed&service_request_id=" + id).body()).findValuesAsText("service_request_id"))
                .containsExactly(id);
    }

    // ---- duplicates before registration (立案)

    private Report pointReport(Channel channel, String subcategory, double lng, double lat, String description) {
        return new Report(channel, Urgency.NORMAL, null, subcategory, null, lng, lat, null, description, "市民乙", "13700000000", null,
                false, List.of());
    }

    @Test
    void aDuplicateIsFoundBeforeRegistrationByItsGeoCellAndMerged() {
        double lng = 116.3415;
        double lat = 39.9450;
        CaseRecord first = reports.report(pointReport(Channel.GRID_WORKER, "ROAD_DAMAGE", lng, lat, "路面塌陷一处,约一米见方"), "wangwei");
        assertThat(first.status()).isEqualTo(CaseStatus.REGISTERING);
        // the same problem by phone, 30 m away, and another of the same kind 300 m away
        CaseRecord second = reports.report(pointReport(Channel.HOTLINE, "ROAD_DAMAGE", lng + 0.00035, lat, "路面塌陷,约一米见方"), "lina");
        CaseRecord far = reports.report(pointReport(Channel.HOTLINE, "ROAD_DAMAGE", lng, lat + 0.0027, "路面塌陷"), "lina");
        assertThat(jdbc.sql("select count(*) from gl_case where geo_cell is not null and id in (:ids)")
                .param("ids", List.of(first.id(), second.id(), far.id())).query(Long.class).single()).as("cells stored").isEqualTo(3);
        loop.complete(second.id(), TASK_VERIFY, "wangwei", Map.of("verifyResult", "CONFIRMED"));

        CaseRecord report = cases.get(second.id());
        List<Duplicate> found = duplicates.of(report, scopes.ofUser("lina"));
        assertThat(found).extracting(d -> d.openCase().caseNumber()).contains(first.caseNumber()).doesNotContain(far.caseNumber());
        Duplicate likely = found.stream().filter(d -> d.openCase().id() == first.id()).findFirst().orElseThrow();
        assertThat(likely.metres()).isBetween(20.0, 40.0);
        assertThat(likely.similarity()).isGreaterThan(0.5);

        // merged at registration: the register task completed as a duplicate of the case found
        loop.complete(second.id(), TASK_REGISTER, "lina", Map.of(CaseVariables.REGISTER_DECISION, "DUPLICATE",
                CaseVariables.DUPLICATE_OF, first.caseNumber()));
        CaseRecord merged = cases.get(second.id());
        assertThat(merged.status()).isEqualTo(CaseStatus.MERGED);
        assertThat(merged.mergedInto()).isEqualTo(first.caseNumber());
        assertThat(cases.mergedInto(first.caseNumber())).extracting(CaseRecord::id).containsExactly(second.id());
        assertThat(duplicates.of(cases.get(far.id()), scopes.ofUser("lina"))).extracting(d -> d.openCase().id())
                .as("a merged report is no longer open").doesNotContain(second.id());
        assertThat(cases.get(first.id()).status()).as("the case goes on").isEqualTo(CaseStatus.REGISTERING);
    }

    // ---- public reports joining an open case

    @Test
    void publicReportsNearAnOpenCaseOfTheSameKindJoinIt() throws Exception {
        double lng = 116.3560;
        double lat = 39.9200;
        CitizenReports.Receipt open = citizens.submit(citizenReport("MANHOLE", lng, lat, "井盖缺失", null, true), "203.0.113.60");
        assertThat(open.alreadyHandled()).isEmpty();
        CaseRecord openCase = cases.findByTrackingCode(open.trackingCode()).orElseThrow();

        // a second citizen, 25 m away: told it is already handled (that case's number) and added to its reporters
        CitizenReports.Receipt citizen = citizens.submit(citizenReport("MANHOLE", lng + 0.0002, lat + 0.0001, "井盖没了", null, true),
                "203.0.113.61");
        assertThat(citizen.alreadyHandled()).contains(openCase.caseNumber());
        CaseRecord joined = cases.findByTrackingCode(citizen.trackingCode()).orElseThrow();
        assertThat(joined.status()).isEqualTo(CaseStatus.MERGED);
        assertThat(joined.mergedInto()).isEqualTo(openCase.caseNumber());
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(joined.processInstanceId()).count()).as("nothing to work").isZero();

        // an Open311 client at the same place: its request is the open case
        HttpResponse<String> created = post(Map.of("api_key", open311Key(), "service_code", "MANHOLE", "lat", String.valueOf(lat),
                "long", String.valueOf(lng - 0.0002), "description", "manhole cover missing"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode answer = JSON.readTree(created.body()).get(0);
        assertThat(answer.path("service_request_id").asText()).isEqualTo(openCase.caseNumber());
        assertThat(answer.path("service_notice").asText()).contains(openCase.caseNumber());

        assertThat(cases.mergedInto(openCase.caseNumber())).as("both reporters on the open case").hasSize(2)
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(CaseStatus.MERGED));
        assertThat(timeline.timeline(openCase.id())).filteredOn(e -> "MERGED_IN".equals(e.action())).hasSize(2);
        assertThat(cases.get(openCase.id()).status()).isEqualTo(CaseStatus.VERIFYING);
    }
}
