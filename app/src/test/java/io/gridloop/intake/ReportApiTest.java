package io.gridloop.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridloop.casefile.CaseFileService;
import io.gridloop.process.CaseLoop;
import io.gridloop.support.LoopDriver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
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
    io.gridloop.casefile.CaseTimeline caseTimeline;
    @Autowired
    io.gridloop.casefile.CaseSearch search;
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
        assertThat(caseTimeline.attachments(id)).hasSize(1);

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
        int before = search.search(new io.gridloop.casefile.CaseQuery(null, null, null, null, null, null, null, null, null, 500),
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

        int after = search.search(new io.gridloop.casefile.CaseQuery(null, null, null, null, null, null, null, null, null, 500),
                io.gridloop.security.AccessScope.of("admin", java.util.List.of("camunda-admin"), java.util.Set.of())).size();
        assertThat(after).as("only the one good report above").isEqualTo(before + 1);
    }

    private int allCases() {
        return search.search(new io.gridloop.casefile.CaseQuery(null, null, null, null, null, null, null, null, null, 500),
                io.gridloop.security.AccessScope.of("admin", java.util.List.of("camunda-admin"), java.util.Set.of())).size();
    }

    private JsonNode refused(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
        return JSON.readTree(r.body());
    }

    @Test
    void valuesLongerThanTheirColumnsAreRefusedFieldByFieldInTheCallersLanguage() throws Exception {
        int before = allCases();
        String body = """
                {"channel": "HOTLINE", "subcategoryCode": "MANHOLE", "gridCode": "S01C02G03", "description": "井盖破损",
                 "address": "%s", "reporterName": "%s", "reporterPhone": "%s", "reporterEmail": "%s@x.example",
                 "photos": [{"fileName": "%s.png", "content": "%s"}]}""".formatted("路".repeat(401), "名".repeat(101), "1".repeat(41),
                "a".repeat(191), "p".repeat(197), Base64.getEncoder().encodeToString(LoopDriver.PNG));
        JsonNode zh = refused(call("POST", "/api/reports", "lina", body, null));
        assertThat(zh.path("fields").findValuesAsText("field")).contains("address", "reporterName", "reporterPhone", "reporterEmail",
                "photos");
        assertThat(zh.path("fields").findValuesAsText("message")).contains("地址最多 400 个字", "反映人姓名最多 100 个字",
                "联系电话最多 40 个字", "电子邮箱最多 200 个字");
        JsonNode en = refused(call("POST", "/api/reports", "lina", body, "en"));
        assertThat(en.path("fields").findValuesAsText("message")).contains("The address may have at most 400 characters")
                .anySatisfy(m -> assertThat(m).startsWith("File name ").endsWith("at most 200 characters"));
        assertThat(allCases()).isEqualTo(before);
    }

    @Test
    void aMissingPhotoAPointOffTheGlobeAndAForeignChannelAreRefusedInWords() throws Exception {
        int before = allCases();
        assertThat(refused(call("POST", "/api/reports", "lina", """
                {"subcategoryCode": "MANHOLE", "gridCode": "S01C02G03", "description": "井盖破损", "callerAnonymous": true,
                 "photos": [null]}""", "en"))
                .path("fields").findValuesAsText("code")).containsExactly("error.photo.missing");
        for (String point : List.of("\"latitude\": 999, \"longitude\": 116.34", "\"latitude\": \"NaN\", \"longitude\": 116.34",
                "\"latitude\": 1e400, \"longitude\": 116.34")) {
            for (String grid : List.of("", "\"gridCode\": \"S01C01G01\", ")) {
                JsonNode body = refused(call("POST", "/api/reports", "lina", """
                        {%s%s, "subcategoryCode": "MANHOLE", "description": "井盖破损"}""".formatted(grid, point), null));
                assertThat(body.path("fields").findValuesAsText("message")).as(grid + point).contains("经纬度无效:经度须在 -180 到 180 之间,纬度须在 -90 到 90 之间");
            }
        }
        JsonNode hotline = refused(call("POST", "/api/reports", "wangwei", """
                {"channel": "HOTLINE", "subcategoryCode": "MANHOLE", "gridCode": "S01C02G03", "description": "井盖破损"}""", "en"));
        assertThat(hotline.path("fields").findValuesAsText("message")).contains("A grid worker's report comes through the grid worker channel only");
        assertThat(allCases()).isEqualTo(before);
    }

    @Test
    void aMissingFileListOrFileOnATaskIsRefusedInWords() throws Exception {
        var c = loop.reportByGridWorker("MANHOLE");
        String taskId = loop.task(c.id(), CaseLoop.TASK_REGISTER).taskId();
        for (String files : List.of("{\"x\": null}", "{\"x\": [null]}")) {
            JsonNode body = refused(call("POST", "/api/tasks/" + taskId + "/complete", "lina", """
                    {"values": {"registerDecision": "REGISTER"}, "files": %s}""".formatted(files), "en"));
            assertThat(body.path("fields").findValuesAsText("message")).containsExactly("File 1 has no content");
        }
        assertThat(cases.get(c.id()).currentStep()).isEqualTo("REGISTER");
    }
}
