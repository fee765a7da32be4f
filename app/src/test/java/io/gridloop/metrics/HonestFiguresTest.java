package io.gridloop.metrics;

import static io.gridloop.metrics.HonestHistory.SEP_1;
import static io.gridloop.metrics.HonestHistory.SEP_30;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.gridloop.intake.ReportService;
import io.gridloop.notify.OutboxSender;
import io.gridloop.security.AccessScope;
import io.gridloop.security.AccessScopes;
import io.gridloop.support.LoopDriver;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The honest figures (reports weighted by difficulty, easy shares, re-reported self-resolved cases), blind spots,
 * high-frequency problems and repeat places on a hand-made history ({@link HonestHistory}) driven through the real intake
 * and engine on H2; the difficulty table redeployed; the monthly report queued through the outbox and mailed to a real
 * SMTP server (GreenMail) with its workbook. Re-reports are looked for within 80 m here (a setting; 100 m by default).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(LoopDriver.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HonestFiguresTest {

    static final AccessScope DISTRICT = EvaluationServiceTest.DISTRICT;
    static final int PORT = freePort();
    static final GreenMail SMTP = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    private static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        r.add("spring.mail.host", () -> "127.0.0.1");
        r.add("spring.mail.port", () -> PORT);
        r.add("gridloop.mail.poll", () -> "PT1H");
        r.add("gridloop.evaluation.re-report-meters", () -> "80");
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Autowired
    LoopDriver loop;
    @Autowired
    ReportService reports;
    @Autowired
    EvaluationService evaluation;
    @Autowired
    DistrictProblems problems;
    @Autowired
    MonthlyReports monthly;
    @Autowired
    OutboxSender sender;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    RepositoryService repository;
    @Autowired
    AccessScopes scopes;
    @Autowired
    ApplicationContext ctx;
    @LocalServerPort
    int port;

    HonestHistory history;

    @BeforeAll
    void driveTheHistory() {
        SMTP.start();
        history = new HonestHistory(loop, reports);
        try {
            history.drive();
        } finally {
            loop.resetClock();
        }
    }

    @AfterAll
    void stop() {
        SMTP.stop();
    }

    @AfterEach
    void clock() {
        loop.resetClock();
    }

    private Evaluation september(EvaluationUnit unit) {
        return evaluation.evaluate(SEP_1, SEP_30, unit, DISTRICT, Locale.CHINESE);
    }

    @Test
    void reportsAreWeightedByDifficultyWithTheEasyShareAndTheReReportedSelfResolvedCases() {
        Evaluation district = september(EvaluationUnit.DISTRICT);
        HonestHistory.expectSeptember(district.rows().get(0));
        HonestHistory.expectSeptember(district.total());
        HonestHistory.expectGridWorkers(september(EvaluationUnit.GRID_WORKER));
        // August: a1 rubbish 1 + a2, a3 manholes 3 + 3
        Evaluation august = evaluation.evaluate(LocalDate.of(2026, 8, 1), LocalDate.of(2026, 8, 31), EvaluationUnit.DISTRICT, DISTRICT,
                Locale.CHINESE);
        assertThat(august.total().get(Indicator.WEIGHTED_REPORTS).doubleValue()).isCloseTo(7.0, within(1e-9));
        assertThat(august.total().get(Indicator.EASY_SHARE).doubleValue()).isCloseTo(1 / 3.0, within(1e-9));
        assertThat(august.total().get(Indicator.RE_REPORT_RATE)).as("nothing self-resolved in August").isNull();
    }

    @Test
    void redeployingTheDifficultyTableChangesTheFigure() throws Exception {
        String table;
        try (var in = getClass().getResourceAsStream("/processes/difficultyWeights.dmn")) {
            table = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // a process owner raises the hard tier from 5 to 8 in Modeler and deploys
        String changed = table.replace("<text>5</text>", "<text>8</text>");
        assertThat(changed).isNotEqualTo(table);
        try {
            repository.createDeployment().name("difficulty changed").addString("difficultyWeights.dmn", changed).deploy();
            // the two fire exits (c3, 李华's l1) now weigh 8 each: 27 + 2 × 3
            assertThat(september(EvaluationUnit.DISTRICT).total().get(Indicator.WEIGHTED_REPORTS).doubleValue()).isCloseTo(33.0, within(1e-9));
            assertThat(HonestHistory.row(september(EvaluationUnit.GRID_WORKER), "lihua").get(Indicator.WEIGHTED_REPORTS).doubleValue())
                    .isCloseTo(8.0, within(1e-9));
            assertThat(problems.problems(SEP_1, SEP_30, DISTRICT, Locale.CHINESE).blindSpots().get(0).difficultyWeight()).isEqualTo(8.0);
        } finally {
            repository.createDeployment().name("difficulty as shipped").addString("difficultyWeights.dmn", table).deploy();
        }
        assertThat(september(EvaluationUnit.DISTRICT).total().get(Indicator.WEIGHTED_REPORTS).doubleValue()).isCloseTo(27.0, within(1e-9));
    }

    @Test
    void blindSpotsHighFrequencyProblemsAndRepeatPlacesAsWorkedOutByHand() {
        history.expectProblems(problems.problems(SEP_1, SEP_30, DISTRICT, Locale.CHINESE));
        DistrictProblems.BlindSpot first = problems.problems(SEP_1, SEP_30, DISTRICT, Locale.ENGLISH).blindSpots().get(0);
        assertThat(first.subcategoryName()).isEqualTo("Fire exit blocked");
        // the supervisor of street S03 sees S03 alone: 李华 reports there, nobody else did
        DistrictProblems.Problems s03 = problems.problems(SEP_1, SEP_30, scopes.ofUser("hejun"), Locale.CHINESE);
        assertThat(s03.blindSpots()).isEmpty();
        assertThat(s03.frequentSubcategories()).extracting(DistrictProblems.FrequentSubcategory::subcategory)
                .containsExactly("FIRE_EXIT_BLOCKED");
        assertThat(s03.repeatPlaces()).isEmpty();
    }

    @Test
    void theApiAndItsExportsGiveTheSameProblemsWithinTheCallersScope() throws Exception {
        HttpResponse<String> r = get("/api/evaluation/problems?from=2026-09-01&to=2026-09-30", "wuqiang", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("blindSpots").findValuesAsText("subcategory")).containsExactly("FIRE_EXIT_BLOCKED", "MANHOLE", "ROAD_DIRTY");
        assertThat(body.path("repeatPlaces").get(0).path("cases").size()).isEqualTo(3);
        assertThat(body.path("repeatPlaces").get(0).path("firstReported").asText()).isEqualTo("2026-08-10");
        assertThat(body.path("frequentPlaces").get(0).path("change").asLong()).isEqualTo(1);
        JsonNode api = JSON.readTree(get("/api/evaluation?from=2026-09-01&to=2026-09-30&unit=DISTRICT", "wuqiang", null).body());
        assertThat(api.path("total").path("weightedReports").asDouble()).isEqualTo(27.0);
        assertThat(api.path("total").path("easyShare").asDouble()).isEqualTo(0.5);

        HttpResponse<byte[]> csv = download("/api/evaluation/problems/repeatPlaces.csv?from=2026-09-01&to=2026-09-30", "wuqiang", null);
        assertThat(csv.statusCode()).isEqualTo(200);
        List<org.apache.commons.csv.CSVRecord> records = org.apache.commons.csv.CSVFormat.DEFAULT
                .parse(new java.io.StringReader(new String(csv.body(), StandardCharsets.UTF_8).substring(1))).getRecords();
        assertThat(records.get(0).toList()).isEqualTo(ProblemTable.REPEAT_PLACES.columns());
        assertThat(records).hasSize(3);
        assertThat(records.get(1).get(ProblemTable.REPEAT_PLACES.columns().indexOf("cases")))
                .isEqualTo(String.join(" ", history.cases("a1", "s1", "c2")));

        HttpResponse<byte[]> xlsx = download("/api/evaluation/problems.xlsx?from=2026-09-01&to=2026-09-30", "wuqiang", "en");
        assertThat(xlsx.statusCode()).isEqualTo(200);
        Map<String, String> parts = unzip(xlsx.body());
        assertThat(parts.get("xl/workbook.xml")).contains("Blind spots", "Repeat places");
        assertThat(parts.get("xl/sharedStrings.xml")).contains("Fire exit blocked", "Per grid: the subcategories");
        assertThat(parts).containsKeys("xl/worksheets/sheet1.xml", "xl/worksheets/sheet4.xml");

        HttpResponse<String> table = get("/api/evaluation/problems/hotspots.csv?from=2026-09-01&to=2026-09-30", "wuqiang", "en");
        assertThat(table.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(table.body()).path("message").asText()).startsWith("There is no table \"hotspots\"");
        HttpResponse<String> month = get("/api/evaluation/monthly-report.xlsx?month=2026-13", "wuqiang", null);
        assertThat(month.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(month.body()).path("message").asText()).contains("2026-13");
        HttpResponse<String> dates = get("/api/evaluation/problems?from=2026-09-30&to=2026-09-01", "wuqiang", null);
        assertThat(dates.statusCode()).isEqualTo(400);
        // years a date in the database cannot hold, or past the end of time: refused, not a 500
        for (String far : java.util.List.of("/api/evaluation/monthly-report.xlsx?month=%2B999999999-12",
                "/api/evaluation/monthly-report.xlsx?month=0000-01", "/api/evaluation/problems?from=2026-01-01&to=%2B999999999-12-31",
                "/api/evaluation/problems.xlsx?from=0000-01-01&to=2026-01-01")) {
            HttpResponse<String> refused = get(far, "wuqiang", null);
            assertThat(refused.statusCode()).as(far + ": " + refused.body()).isEqualTo(400);
        }
        // a street's supervisor: their street alone; someone with no figures to see: 403
        JsonNode s03 = JSON.readTree(get("/api/evaluation/problems?from=2026-09-01&to=2026-09-30", "hejun", null).body());
        assertThat(s03.path("blindSpots").size()).isZero();
        assertThat(get("/api/evaluation/problems?from=2026-09-01&to=2026-09-30", "owner", null).statusCode()).isEqualTo(200);
        HttpResponse<byte[]> report = download("/api/evaluation/monthly-report.xlsx?month=2026-09", "wuqiang", null);
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                d -> assertThat(d).contains("evaluation-report-2026-09.xlsx"));
        Map<String, String> workbook = unzip(report.body());
        assertThat(workbook.get("xl/workbook.xml")).contains("盲区", "职能部门排名", "街道排名", "反复发生地点");
        assertThat(workbook.get("xl/sharedStrings.xml")).contains("消防通道堵塞", "综合评价月度报告 2026-09");
    }

    @Test
    void theMonthlyReportIsQueuedOnceOnTheFirstWorkingDayAfterTheHolidayWithItsWorkbook() throws Exception {
        List<String> managers = List.of("wuqiang");
        // 1–7 October is the National Day holiday: Thursday 8 October is October's first working day
        assertThat(monthly.firstWorkingDay(YearMonth.of(2026, 10))).isEqualTo(LocalDate.of(2026, 10, 8));
        for (String day : List.of("2026-10-01T09:00", "2026-10-05T09:00", "2026-10-07T16:00")) {
            loop.at(HonestHistory.t(day));
            assertThat(monthly.queueDue()).as(day).isZero();
        }
        assertThat(outboxOf("monthly-report:2026-09")).isEmpty();
        loop.at(HonestHistory.t("2026-10-08T08:05"));
        assertThat(monthly.queueDue()).isEqualTo(managers.size());
        // the hour after, and a second node at the same time, queue nothing more
        loop.at(HonestHistory.t("2026-10-08T09:05"));
        assertThat(monthly.queueDue()).isZero();
        loop.at(HonestHistory.t("2026-10-09T09:05"));
        assertThat(monthly.queueDue()).isZero();
        List<Map<String, Object>> queued = outboxOf("monthly-report:2026-09");
        assertThat(queued).extracting(m -> m.get("recipient")).containsExactlyElementsOf(managers);
        String body = (String) queued.get(0).get("body");
        assertThat((String) queued.get(0).get("subject")).contains("月度报告", "2026-09");
        assertThat(body).contains("难度加权上报数: 27.00", "上报数: 12", "Reports weighted by difficulty: 27.00", "盲区: 3");

        while (sender.sendDue() > 0) {
            // everything queued by the history's steps goes too
        }
        MimeMessage mail = Arrays.stream(SMTP.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals("wuqiang@gridloop.local") && m.getSubject().contains("月度报告")
                        && m.getSubject().contains("2026-09");
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).findFirst().orElseThrow(() -> new AssertionError("no monthly report mailed to wuqiang"));
        Multipart parts = (Multipart) mail.getContent();
        Part attachment = null;
        for (int i = 0; i < parts.getCount(); i++) {
            if (Part.ATTACHMENT.equalsIgnoreCase(parts.getBodyPart(i).getDisposition())) {
                attachment = parts.getBodyPart(i);
            }
        }
        assertThat(attachment).as("the workbook is attached").isNotNull();
        assertThat(attachment.getFileName()).isEqualTo("evaluation-report-2026-09.xlsx");
        Map<String, String> workbook = unzip(attachment.getInputStream().readAllBytes());
        assertThat(workbook.get("xl/workbook.xml")).contains("概要", "盲区", "反复发生地点");
        assertThat(workbook.get("xl/sharedStrings.xml")).contains("综合评价月度报告 2026-09", "消防通道堵塞", "王伟",
                history.caseNumbers.get("c4"));
    }

    @Test
    void twoNodesQueueingTheSameMonthAtOnceQueueItOnce() throws Exception {
        loop.at(HonestHistory.t("2026-09-01T08:05"));
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> node = () -> {
                start.await();
                return monthly.queue(YearMonth.of(2026, 8));
            };
            Future<Integer> a = nodes.submit(node);
            Future<Integer> b = nodes.submit(node);
            start.countDown();
            assertThat(a.get() + b.get()).isEqualTo(1);
        } finally {
            nodes.shutdown();
        }
        assertThat(outboxOf("monthly-report:2026-08")).hasSize(1);
        assertThat(jdbc.sql("select count(*) from gl_outbox_file where file_key = 'monthly-report:2026-08'").query(Long.class).single())
                .isEqualTo(1L);
    }

    @Test
    void theEvaluationPageShowsTheProblemsWithTheirRulesAndOffersTheMonthlyReport() {
        io.gridloop.support.KaribuUi.signIn(ctx, "wuqiang");
        try {
            com.vaadin.flow.component.UI.getCurrent().navigate(EvaluationView.class);
            EvaluationView view = com.github.mvysny.kaributesting.v10.LocatorJ._get(EvaluationView.class);
            view.from.setValue(SEP_1);
            view.to.setValue(SEP_30);
            view.unit.setValue(EvaluationUnit.GRID_WORKER);
            view.show.click();
            DistrictProblems.Problems expected = problems.problems(SEP_1, SEP_30, DISTRICT, Locale.SIMPLIFIED_CHINESE);
            for (ProblemTable t : ProblemTable.values()) {
                assertThat(com.github.mvysny.kaributesting.v10.GridKt._fetch(view.problemTables.get(t), 0, 100)).as(t.key())
                        .isEqualTo(t.rows(expected));
                assertThat(com.github.mvysny.kaributesting.v10.LocatorJ._get(com.vaadin.flow.component.html.Span.class,
                        s -> s.withId("evaluation-" + t.key() + "-rule")).getText()).isEqualTo(t.rule(Locale.SIMPLIFIED_CHINESE));
            }
            assertThat(com.github.mvysny.kaributesting.v10.GridKt._getFormatted(view.problemTables.get(ProblemTable.BLIND_SPOTS), 0,
                    "subcategoryName")).isEqualTo("消防通道堵塞");
            // the honest figures are columns of the evaluation, each with its rule
            Evaluation.Row wang = HonestHistory.row(view.shown(), "wangwei");
            assertThat(EvaluationView.format(Indicator.EASY_SHARE, wang.get(Indicator.EASY_SHARE))).isEqualTo("60.0%");
            assertThat(view.table.getColumnByKey("weightedReports")).isNotNull();
            assertThat(view.monthlyReport.getHref()).isNotBlank();
            assertThat(view.problemsXlsx.getHref()).isNotBlank();
        } finally {
            io.gridloop.support.KaribuUi.signOut();
        }
    }

    private List<Map<String, Object>> outboxOf(String eventKey) {
        return jdbc.sql("select recipient, subject, body, file_key from gl_outbox where event_key = :e order by recipient")
                .param("e", eventKey).query().listOfRows();
    }

    private static Map<String, String> unzip(byte[] bytes) throws Exception {
        Map<String, String> parts = new HashMap<>();
        java.nio.file.Path file = java.nio.file.Files.createTempFile("honest", ".xlsx");
        try (var zip = new java.util.zip.ZipFile(java.nio.file.Files.write(file, bytes).toFile())) {
            for (var entries = zip.entries(); entries.hasMoreElements(); ) {
                var entry = entries.nextElement();
                // the workbook writes characters beyond ASCII as numeric references (&#x738b;): read them back
                String xml = new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
                parts.put(entry.getName(), java.util.regex.Pattern.compile("&#x([0-9a-fA-F]+);").matcher(xml)
                        .replaceAll(m -> java.util.regex.Matcher.quoteReplacement(Character.toString(Integer.parseInt(m.group(1), 16)))));
            }
        } finally {
            java.nio.file.Files.delete(file);
        }
        return parts;
    }

    private HttpResponse<String> get(String path, String user, String language) throws Exception {
        return HttpClient.newHttpClient().send(request(path, user, language), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<byte[]> download(String path, String user, String language) throws Exception {
        return HttpClient.newHttpClient().send(request(path, user, language), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpRequest request(String path, String user, String language) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
        if (language != null) {
            b.header("Accept-Language", language);
        }
        return b.build();
    }
}
