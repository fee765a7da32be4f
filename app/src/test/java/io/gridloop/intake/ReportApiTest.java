package io.gridloop.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridloop.casefile.CaseFileService;
import io.gridloop.casefile.CaseLoop;
import io.gridloop.support.LoopDriver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/** The JSON API's own behaviour: a report in, a step done, and every kind of bad input answered in words, nothing saved. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(LoopDriver.class)
class ReportApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;
    @Autowired
    CaseFileService cases;
    @Autowired
    LoopDriver loop;

    private HttpResponse<String> call(String method, String path, String user, String body, String language) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (language != null) {
            b.header("Accept-Language", language);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aGridWorkerReportsThroughTheApiAndTheCaseIsRegisteredThroughIt() throws Exception {
        String photo = Base64.getEncoder().encodeToString(LoopDriver.PNG);
        HttpResponse<String> r = call("POST", "/api/reports", "wangwei", """
                {"channel": "GRID_WORKER", "urgency": "NORMAL", "subcategoryCode": "MANHOLE", "gridCode": "S01C02G03",
                 "description": "井盖破损", "selfResolved": false, "photos": [{"fileName": "before.png", "content": "%s"}]}""".formatted(photo), null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode c = JSON.readTree(r.body());
        assertThat(r.headers().firstValue("Location")).contains("/api/cases/" + c.path("caseNumber").asText());
        long id = c.path("id").asLong();
        assertThat(cases.attachments(id)).hasSize(1);

        String task = loop.task(id, CaseLoop.TASK_REGISTER).taskId();
        HttpResponse<String> done = call("POST", "/api/tasks/" + task + "/complete", "lina", """
                {"values": {"registerDecision": "REGISTER"}}""", null);
        assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
        assertThat(cases.get(id).currentStep()).isEqualTo("DISPATCH");
        JsonNode file = JSON.readTree(call("GET", "/api/cases/" + c.path("caseNumber").asText(), "lina", null, null).body());
        assertThat(file.path("timeline").findValuesAsText("action")).containsExactly("REPORTED", "COMPLETED");
    }

    @Test
    void badInputIsAnsweredInWordsAndNothingIsSaved() throws Exception {
        int before = cases.search(new io.gridloop.casefile.CaseQuery(null, null, null, null, null, null, null, null, null, 500),
                io.gridloop.security.AccessScope.of("admin", java.util.List.of("camunda-admin"), java.util.Set.of())).size();
        HttpResponse<String> outside = call("POST", "/api/reports", "wangwei", """
                {"channel": "GRID_WORKER", "urgency": "NORMAL", "subcategoryCode": "MANHOLE", "gridCode": "S09C01G01",
                 "description": "", "selfResolved": false, "photos": []}""", null);
        assertThat(outside.statusCode()).isEqualTo(422);
        JsonNode body = JSON.readTree(outside.body());
        assertThat(body.path("fields").findValuesAsText("message")).contains("没有网格 S09C01G01", "请填写问题描述");

        HttpResponse<String> english = call("POST", "/api/reports", "wangwei", """
                {"channel": "GRID_WORKER", "urgency": "NORMAL", "gridCode": "S01C01G01", "description": "x", "selfResolved": false,
                 "photos": []}""", "en");
        assertThat(JSON.readTree(english.body()).path("fields").findValuesAsText("code")).contains("error.report.categoryMissing");
        assertThat(english.body()).doesNotContain("请选择");

        HttpResponse<String> malformed = call("POST", "/api/reports", "wangwei", "{\"urgency\": \"VERY\"", null);
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(malformed.body()).path("message").asText()).contains("请求内容无法识别");

        HttpResponse<String> handler = call("POST", "/api/reports", "sunli", "{}", null);
        assertThat(handler.statusCode()).as("handlers do not report").isEqualTo(403);

        var c = loop.reportByGridWorker("MANHOLE");
        String taskId = loop.task(c.id(), CaseLoop.TASK_REGISTER).taskId();
        HttpResponse<String> missing = call("POST", "/api/tasks/" + taskId + "/complete", "lina", "{\"values\": {}}", null);
        assertThat(missing.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(missing.body()).path("fields").findValuesAsText("field")).contains("registerDecision");
        assertThat(cases.get(c.id()).currentStep()).as("the step stays where it was").isEqualTo("REGISTER");

        int after = cases.search(new io.gridloop.casefile.CaseQuery(null, null, null, null, null, null, null, null, null, 500),
                io.gridloop.security.AccessScope.of("admin", java.util.List.of("camunda-admin"), java.util.Set.of())).size();
        assertThat(after).as("only the one good report above").isEqualTo(before + 1);
    }
}
