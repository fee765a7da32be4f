package io.gridloop.metrics;

import static io.gridloop.metrics.EvaluationHistory.t;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridloop.casefile.CaseFileService;
import io.gridloop.process.CaseLoop;
import io.gridloop.deadline.WorkingTime;
import io.gridloop.intake.ReportService;
import io.gridloop.security.AccessScope;
import io.gridloop.security.AccessScopes;
import io.gridloop.support.LoopDriver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * Every indicator of the evaluation on a hand-made history driven through the real engine on H2 ({@link EvaluationHistory}),
 * by the service and by the JSON API, with the scope of who asks.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(LoopDriver.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EvaluationServiceTest {

    static final LocalDate OCT_1 = LocalDate.of(2026, 10, 1);
    static final LocalDate OCT_31 = LocalDate.of(2026, 10, 31);
    static final AccessScope DISTRICT = AccessScope.of("admin", List.of("camunda-admin"), Set.of());

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    LoopDriver loop;
    @Autowired
    ReportService reports;
    @Autowired
    CaseFileService cases;
    @Autowired
    RuntimeService runtime;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    EvaluationService evaluation;
    @Autowired
    AccessScopes scopes;
    @Autowired
    WorkingTime workingTime;
    @LocalServerPort
    int port;

    EvaluationHistory history;

    @BeforeAll
    void driveTheHistory() {
        history = new EvaluationHistory(loop, reports, cases, runtime, jdbc);
        try {
            history.drive();
        } finally {
            loop.resetClock();
        }
    }

    @AfterEach
    void clock() {
        loop.resetClock();
    }

    private Evaluation october(EvaluationUnit unit, AccessScope scope) {
        return evaluation.evaluate(OCT_1, OCT_31, unit, scope, Locale.CHINESE);
    }

    @Test
    void theDistrictInOctoberGivesEveryIndicatorAsWorkedOutByHand() {
        Evaluation e = october(EvaluationUnit.DISTRICT, DISTRICT);
        assertThat(e.rows()).extracting(Evaluation.Row::unit).containsExactly("DISTRICT");
        EvaluationHistory.expectOctober(e.rows().get(0));
        EvaluationHistory.expectOctober(e.total());
    }

    @Test
    void streetsSplitTheDistrictByWhereTheCaseIsAndAddUpToIt() {
        Evaluation e = october(EvaluationUnit.STREET, DISTRICT);
        Evaluation.Row s01 = row(e, "S01");
        Evaluation.Row s02 = row(e, "S02");
        // S01: A C D E G I J (the grid worker's cases); S02: B F H K L (the citizens')
        EvaluationHistory.expect(s01, Map.of(Indicator.REPORTS, 7L, Indicator.REGISTERED, 6L, Indicator.REJECTED, 1L,
                Indicator.SELF_RESOLVED, 1L, Indicator.DISPATCHED, 5L, Indicator.FILED, 3L, Indicator.FILED_ON_TIME, 3L,
                Indicator.OVERDUE_STEPS, 1L, Indicator.REWORKED, 1L, Indicator.HELD, 1L));
        EvaluationHistory.expectRates(s01, Map.of(Indicator.CLOSE_RATE, 3 / 5.0, Indicator.HANDLE_RATE, 3 / 5.0,
                Indicator.OVERDUE_PENDING_RATE, 1 / 5.0, Indicator.ON_TIME_REGISTER_RATE, 1.0));
        assertThat(s01.get(Indicator.SATISFACTION_RATE)).as("no callback in S01: no denominator").isNull();
        EvaluationHistory.expect(s02, Map.of(Indicator.REPORTS, 4L, Indicator.REGISTERED, 2L, Indicator.MERGED, 1L,
                Indicator.NOT_CONFIRMED, 1L, Indicator.DISPATCHED, 2L, Indicator.FILED, 3L, Indicator.FILED_ON_TIME, 2L,
                Indicator.OVERDUE_STEPS, 2L, Indicator.SATISFIED, 1L, Indicator.DISSATISFIED, 1L));
        // K was dispatched in September and handled in October: the event rule gives S02 three handled of two dispatched
        EvaluationHistory.expectRates(s02, Map.of(Indicator.HANDLE_RATE, 3 / 2.0, Indicator.ON_TIME_RATE, 2 / 3.0,
                Indicator.OVERDUE_PENDING_RATE, 0.0, Indicator.ON_TIME_REGISTER_RATE, 1 / 2.0));
        Evaluation.Row s03 = row(e, "S03");
        assertThat(s03.get(Indicator.REPORTS)).isEqualTo(0L);
        assertThat(s03.get(Indicator.CLOSE_RATE)).isNull();
        assertThat(s03.get(Indicator.SCORE)).as("nothing to score").isNull();
        EvaluationHistory.expectOctober(e.total());
    }

    @Test
    void departmentsCountTheCasesTheyLead() {
        Evaluation e = october(EvaluationUnit.DEPARTMENT, DISTRICT);
        EvaluationHistory.expectOctoberOfWater(row(e, EvaluationHistory.DEPARTMENT));
        assertThat(row(e, "roads").get(Indicator.DISPATCHED)).isEqualTo(0L);
        assertThat(row(e, EvaluationHistory.DEPARTMENT).name()).isEqualTo("水务局");
    }

    @Test
    void gridWorkersCountTheCasesTheyReported() {
        Evaluation e = october(EvaluationUnit.GRID_WORKER, DISTRICT);
        assertThat(e.rows()).extracting(Evaluation.Row::unit).containsExactly("wangwei");
        Evaluation.Row w = e.rows().get(0);
        assertThat(w.name()).isEqualTo("王伟");
        EvaluationHistory.expect(w, Map.of(Indicator.REPORTS, 7L, Indicator.REJECTED, 1L, Indicator.SELF_RESOLVED, 1L));
        assertThat(october(EvaluationUnit.GRID, DISTRICT).rows()).extracting(Evaluation.Row::unit).contains("S01C01G01", "S03C01G01");
    }

    @Test
    void novemberCountsWhatHappenedInNovemberJudgedAsOfNow() {
        // Tuesday 3 November 12:00: J was handled late this morning, E filed yesterday, D back in handling (due Wed 4th 08:50)
        ClockUtil.setCurrentTime(Date.from(t("2026-11-03T12:00")));
        Evaluation e = evaluation.evaluate(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30), EvaluationUnit.DEPARTMENT,
                DISTRICT, Locale.CHINESE);
        Evaluation.Row water = row(e, EvaluationHistory.DEPARTMENT);
        EvaluationHistory.expect(water, Map.of(Indicator.REPORTS, 0L, Indicator.DISPATCHED, 0L, Indicator.FILED, 2L,
                Indicator.FILED_ON_TIME, 1L, Indicator.OVERDUE_STEPS, 0L, Indicator.REWORKED, 0L, Indicator.HELD, 0L));
        // due to be closed: J alone (handled in November); E was handled in October; D is within its new limit
        EvaluationHistory.expectRates(water, Map.of(Indicator.CLOSE_RATE, 2.0, Indicator.ON_TIME_RATE, 1.0, Indicator.REWORK_RATE, 0.0));
        assertThat(water.get(Indicator.HANDLE_RATE)).as("nothing dispatched in November").isNull();
        // J: Mon 26 Oct 09:20 → Tue 3 Nov 09:00: 6h40 + 4 × 7.5 + (weekend) 7.5 + 0h30
        assertThat(water.get(Indicator.MEAN_HANDLING_HOURS).doubleValue()).isCloseTo(44 + 40 / 60.0, within(0.005));
        // only the two rates with a denominator score, scaled to the whole: (20 × 1 + 10 × 1) × 100 / 30
        assertThat(water.get(Indicator.SCORE).doubleValue()).isEqualTo(100.0);
    }

    @Test
    void stepFactsFollowTheStepsOfACase() {
        long e = history.ids.get("E");
        List<Map<String, Object>> facts = jdbc.sql("""
                select step, department_code, grid_worker, on_time, outcome, rework, returned from gl_step_fact
                where case_id = :id order by started_at, id""").param("id", e).query().listOfRows();
        List<String> steps = new ArrayList<>();
        facts.forEach(f -> steps.add(f.get("step") + ":" + f.get("outcome") + (Boolean.TRUE.equals(f.get("rework")) ? ":rework" : "")
                + (Boolean.TRUE.equals(f.get("returned")) ? ":returned" : "") + ":" + f.get("on_time")));
        assertThat(steps).containsExactly("REGISTER:REGISTER:true", "DISPATCH:DONE:true", "HANDLE:RETURN:returned:true",
                "DISPATCH:DONE:true", "HANDLE:FEEDBACK:true", "CHECK:FAILED:true", "HANDLE:FEEDBACK:rework:true", "CHECK:PASSED:true");
        assertThat(facts).allSatisfy(f -> assertThat(f.get("grid_worker")).isEqualTo("wangwei"));
        assertThat(facts.get(2).get("department_code")).isEqualTo(EvaluationHistory.DEPARTMENT);

        // D's hold: Thursday 15 October 09:30 to Monday 2 November 09:00, in working time, on its ON_HOLD fact
        Long held = jdbc.sql("select working_seconds from gl_step_fact where case_id = :id and step = 'ON_HOLD'")
                .param("id", history.ids.get("D")).query(Long.class).single();
        assertThat(held).isEqualTo(workingTime.between(t("2026-10-15T09:30"), t("2026-11-02T09:00")).toSeconds());
        Integer days = jdbc.sql("select extension_days from gl_step_fact where case_id = :id and step = 'APPROVE_EXTENSION'")
                .param("id", history.ids.get("C")).query(Integer.class).single();
        assertThat(days).isEqualTo(2);
    }

    @Test
    void aStepRefusedInsideTheEngineLeavesNoFact() {
        long id = loop.reportByGridWorker("STREETLIGHT").id();
        String facts = "select count(*) from gl_step_fact where case_id = :id and finished_at is null";
        assertThat(jdbc.sql(facts).param("id", id).query(Long.class).single()).isEqualTo(1L);
        // the merge delegate refuses an unknown case number: the completion rolls back with the step's fact
        assertThatThrownBy(() -> loop.complete(id, CaseLoop.TASK_REGISTER, "lina",
                Map.of("registerDecision", "DUPLICATE", "duplicateOf", "1999-000001")))
                .isInstanceOf(io.gridloop.system.UserFacingException.class).hasMessage("error.duplicate.notFound");
        assertThat(jdbc.sql(facts).param("id", id).query(Long.class).single()).as("the registration step is still open").isEqualTo(1L);
        assertThat(jdbc.sql("select count(*) from gl_step_fact where case_id = :id").param("id", id).query(Long.class).single()).isEqualTo(1L);
    }

    @Test
    void theApiAnswersWithTheNamesOfTheIssueWithinTheCallersScope() throws Exception {
        HttpResponse<String> r = get("/api/evaluation?from=2026-10-01&to=2026-10-31&unit=DISTRICT", "wuqiang", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("from").asText()).isEqualTo("2026-10-01");
        assertThat(body.path("to").asText()).isEqualTo("2026-10-31");
        assertThat(body.path("unit").asText()).isEqualTo("DISTRICT");
        JsonNode row = body.path("rows").get(0);
        List<String> names = new ArrayList<>();
        row.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("unit", "name", "reports", "registered", "rejected", "notConfirmed", "merged",
                "selfResolved", "dispatched", "returned", "extended", "held", "filed", "filedOnTime", "overdueSteps", "reworked",
                "satisfied", "basicallySatisfied", "dissatisfied", "closeRate", "onTimeRate", "reworkRate", "handleRate",
                "onTimeHandleRate", "overduePendingRate", "extensionRate", "onTimeRegisterRate", "accurateRegisterRate",
                "satisfactionRate", "meanHandlingHours", "p90HandlingHours", "score", "weightedReports", "easyShare", "reReportRate");
        assertThat(row.path("reports").asLong()).isEqualTo(11);
        assertThat(row.path("closeRate").asDouble()).isEqualTo(0.75);
        assertThat(body.path("total").path("unit").asText()).isEqualTo(EvaluationService.TOTAL);
        assertThat(body.path("total").path("filed").asLong()).isEqualTo(6);

        // a street's supervisor sees their street; a department's handler their department
        JsonNode street = JSON.readTree(get("/api/evaluation?from=2026-10-01&to=2026-10-31&unit=STREET", "qianfeng", null).body());
        assertThat(street.path("rows").findValuesAsText("unit")).containsExactly("S01");
        assertThat(street.path("total").path("reports").asLong()).isEqualTo(7);
        JsonNode dept = JSON.readTree(get("/api/evaluation?from=2026-10-01&to=2026-10-31&unit=DEPARTMENT", "zhaolei", null).body());
        assertThat(dept.path("rows").findValuesAsText("unit")).containsExactly(EvaluationHistory.DEPARTMENT);
        assertThat(dept.path("total").path("reports").asLong()).isEqualTo(7);
        JsonNode other = JSON.readTree(get("/api/evaluation?from=2026-10-01&to=2026-10-31&unit=DISTRICT", "sunli", null).body());
        assertThat(other.path("total").path("reports").asLong()).as("roads led none of them").isEqualTo(0);
    }

    @Test
    void badParametersAreRefusedInWordsWith400() throws Exception {
        HttpResponse<String> unit = get("/api/evaluation?from=2026-10-01&to=2026-10-31&unit=CITY", "wuqiang", null);
        assertThat(unit.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(unit.body()).path("message").asText()).contains("评价对象“CITY”不存在");
        HttpResponse<String> en = get("/api/evaluation?from=2026-10-01&to=2026-10-31&unit=CITY", "wuqiang", "en");
        assertThat(JSON.readTree(en.body()).path("message").asText()).startsWith("There is no unit \"CITY\"");
        HttpResponse<String> date = get("/api/evaluation?from=2026-13-01&to=2026-10-31", "wuqiang", null);
        assertThat(date.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(date.body()).path("code").asText()).isEqualTo("error.evaluation.date");
        for (String far : List.of("from=2026-01-01&to=%2B999999999-12-31", "from=%2B10000-01-01&to=%2B10000-02-01",
                "from=0000-01-01&to=2026-10-31", "from=-0001-01-01&to=2026-10-31")) {
            HttpResponse<String> r = get("/api/evaluation?" + far + "&unit=DEPARTMENT", "wuqiang", null);
            assertThat(r.statusCode()).as(far + ": " + r.body()).isEqualTo(400);
            assertThat(JSON.readTree(r.body()).path("code").asText()).isEqualTo("error.evaluation.date");
        }
        HttpResponse<String> missing = get("/api/evaluation?to=2026-10-31", "wuqiang", "en");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(missing.body()).path("message").asText()).isEqualTo("Give the date from (as YYYY-MM-DD)");
        HttpResponse<String> backwards = get("/api/evaluation?from=2026-10-31&to=2026-10-01", "wuqiang", null);
        assertThat(backwards.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(backwards.body()).path("code").asText()).isEqualTo("error.evaluation.period");
    }

    @Test
    void csvAndExcelExportsGiveTheRowsOfTheApi() throws Exception {
        String query = "?from=2026-10-01&to=2026-10-31&unit=STREET";
        JsonNode api = JSON.readTree(get("/api/evaluation" + query, "wuqiang", null).body());
        List<JsonNode> expected = new ArrayList<>();
        api.path("rows").forEach(expected::add);
        expected.add(api.path("total"));

        HttpResponse<byte[]> csv = download("/api/evaluation.csv" + query, "wuqiang", null);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                d -> assertThat(d).contains("evaluation-street-2026-10-01-2026-10-31.csv"));
        String text = new String(csv.body(), StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF");
        List<org.apache.commons.csv.CSVRecord> records = org.apache.commons.csv.CSVFormat.DEFAULT
                .parse(new java.io.StringReader(text.substring(1))).getRecords();
        List<String> names = new ArrayList<>();
        expected.get(0).fieldNames().forEachRemaining(names::add);
        assertThat(records.get(0).toList()).isEqualTo(names);
        assertThat(records).hasSize(expected.size() + 1);
        for (int i = 0; i < expected.size(); i++) {
            JsonNode row = expected.get(i);
            org.apache.commons.csv.CSVRecord record = records.get(i + 1);
            for (int c = 0; c < names.size(); c++) {
                JsonNode v = row.path(names.get(c));
                assertThat(record.get(c)).as("%s of %s", names.get(c), row.path("unit").asText()).isEqualTo(v.isNull() ? "" : v.asText());
            }
        }

        HttpResponse<byte[]> xlsx = download("/api/evaluation.xlsx" + query, "wuqiang", "en");
        assertThat(xlsx.statusCode()).isEqualTo(200);
        Map<String, String> parts = new java.util.HashMap<>();
        // a streamed workbook: entries sized in their data descriptors, read through the central directory
        java.nio.file.Path file = java.nio.file.Files.createTempFile("evaluation", ".xlsx");
        try (var zip = new java.util.zip.ZipFile(java.nio.file.Files.write(file, xlsx.body()).toFile())) {
            for (var entries = zip.entries(); entries.hasMoreElements(); ) {
                var entry = entries.nextElement();
                parts.put(entry.getName(), new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8));
            }
        } finally {
            java.nio.file.Files.delete(file);
        }
        String sheet = parts.get("xl/worksheets/sheet1.xml");
        assertThat(sheet.split("<row ", -1)).as("a header, the rows and the total").hasSize(expected.size() + 2);
        assertThat(parts.get("xl/sharedStrings.xml")).contains("Close rate", "Total", "Filed / due to be closed.");

        HttpResponse<byte[]> refused = download("/api/evaluation.xlsx?from=2026-10-01&to=2026-10-31&unit=CITY", "wuqiang", null);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(new String(refused.body(), StandardCharsets.UTF_8)).contains("error.evaluation.unit");
    }

    private HttpResponse<byte[]> download(String path, String user, String language) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
        if (language != null) {
            b.header("Accept-Language", language);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void officialsWithoutFiguresToSeeAreRefused() {
        AccessScope nobody = AccessScope.of("visitor", List.of("visitors"), Set.of());
        assertThatThrownBy(() -> october(EvaluationUnit.STREET, nobody))
                .isInstanceOfSatisfying(EvaluationRequestException.class, e -> assertThat(e.httpStatus()).isEqualTo(403));
    }

    @Test
    void everyFigureHasItsLabelAndRuleInBothLanguages() {
        for (Indicator i : Indicator.values()) {
            for (Locale l : List.of(Locale.CHINESE, Locale.ENGLISH)) {
                assertThat(i.label(l)).as("%s label %s", i, l).doesNotStartWith("!");
                assertThat(i.rule(l)).as("%s rule %s", i, l).doesNotStartWith("!");
            }
        }
    }

    @Autowired
    EvaluationRankings rankings;
    @Autowired
    org.springframework.context.ApplicationContext ctx;

    @Test
    void streetsAndDepartmentsAreRankedByScoreWithThePlaceAndScoreOfThePreviousPeriod() {
        EvaluationRankings.Ranking r = rankings.rank(OCT_1, OCT_31, EvaluationUnit.STREET, DISTRICT, Locale.CHINESE);
        assertThat(r.previousFrom()).as("a whole month is compared with the month before").isEqualTo(LocalDate.of(2026, 9, 1));
        assertThat(r.previousTo()).isEqualTo(LocalDate.of(2026, 9, 30));
        Evaluation october = october(EvaluationUnit.STREET, DISTRICT);
        Evaluation september = evaluation.evaluate(LocalDate.of(2026, 9, 1), LocalDate.of(2026, 9, 30), EvaluationUnit.STREET, DISTRICT,
                Locale.CHINESE);
        double s01 = row(october, "S01").get(Indicator.SCORE).doubleValue();
        double s02 = row(october, "S02").get(Indicator.SCORE).doubleValue();
        assertThat(s01).isNotEqualTo(s02);
        assertThat(r.rows()).extracting(EvaluationRankings.Ranked::unit)
                .as("highest score first; S03 has nothing to score and comes last, unranked")
                .containsExactly(s01 > s02 ? "S01" : "S02", s01 > s02 ? "S02" : "S01", "S03");
        assertThat(r.rows()).extracting(EvaluationRankings.Ranked::rank).containsExactly(1, 2, null);
        for (EvaluationRankings.Ranked ranked : r.rows()) {
            Number before = row(september, ranked.unit()).get(Indicator.SCORE);
            assertThat(ranked.previousScore()).isEqualTo(before == null ? null : before.doubleValue());
            assertThat(ranked.change()).isEqualTo(before == null || ranked.score() == null ? null : ranked.score() - before.doubleValue());
        }
        // a handler's department ranks among what the department may see: its own row
        AccessScope water = scopes.of("zhaolei", List.of("dept-water"));
        assertThat(rankings.rank(OCT_1, OCT_31, EvaluationUnit.DEPARTMENT, water, Locale.CHINESE).rows())
                .extracting(EvaluationRankings.Ranked::unit).containsExactly("water");
    }

    @Test
    void thePreviousPeriodIsAsManyWholeMonthsOrAsManyDaysBefore() {
        assertThat(EvaluationRankings.previousPeriod(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 12, 31)))
                .containsExactly(LocalDate.of(2026, 7, 1), LocalDate.of(2026, 9, 30));
        assertThat(EvaluationRankings.previousPeriod(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31)))
                .containsExactly(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 28));
        assertThat(EvaluationRankings.previousPeriod(LocalDate.of(2026, 10, 12), LocalDate.of(2026, 10, 18)))
                .containsExactly(LocalDate.of(2026, 10, 5), LocalDate.of(2026, 10, 11));
    }

    @Test
    void theEvaluationPageShowsEveryFigureWithItsRuleTheRankingsAndTheFiles() {
        io.gridloop.support.KaribuUi.signIn(ctx, "wuqiang");
        try {
            com.vaadin.flow.component.UI.getCurrent().navigate(EvaluationView.class);
            EvaluationView view = com.github.mvysny.kaributesting.v10.LocatorJ._get(EvaluationView.class);
            view.from.setValue(OCT_1);
            view.to.setValue(OCT_31);
            view.unit.setValue(EvaluationUnit.STREET);
            view.show.click();
            Evaluation expected = october(EvaluationUnit.STREET, DISTRICT);
            assertThat(com.github.mvysny.kaributesting.v10.GridKt._fetch(view.table, 0, 100)).isEqualTo(expected.rows());
            assertThat(view.table.getColumnByKey(Indicator.FILED.key()).getFooterText())
                    .isEqualTo(expected.total().get(Indicator.FILED).toString());
            assertThat(view.table.getColumns()).extracting(c -> c.getKey())
                    .containsAll(Indicator.publishedFigures().stream().map(Indicator::key).toList());
            // every figure's rule beside it, with the period's total
            assertThat(com.github.mvysny.kaributesting.v10.GridKt._fetch(view.rules, 0, 100)).containsExactlyElementsOf(Indicator.publishedFigures());
            int close = Indicator.publishedFigures().indexOf(Indicator.CLOSE_RATE);
            assertThat(com.github.mvysny.kaributesting.v10.GridKt._getFormatted(view.rules, close, "rule"))
                    .isEqualTo(Indicator.CLOSE_RATE.rule(Locale.SIMPLIFIED_CHINESE));
            assertThat(com.github.mvysny.kaributesting.v10.GridKt._getFormatted(view.rules, close, "total"))
                    .isEqualTo(EvaluationView.format(Indicator.CLOSE_RATE, expected.total().get(Indicator.CLOSE_RATE)));
            assertThat(com.github.mvysny.kaributesting.v10.GridKt._fetch(view.streets, 0, 10))
                    .isEqualTo(rankings.rank(OCT_1, OCT_31, EvaluationUnit.STREET, DISTRICT, Locale.SIMPLIFIED_CHINESE).rows());
            assertThat(com.github.mvysny.kaributesting.v10.GridKt._fetch(view.departments, 0, 100)).extracting(EvaluationRankings.Ranked::unit)
                    .contains("water");
            assertThat(view.previous.getText()).contains("2026-09-01", "2026-09-30");
            assertThat(view.csv.getHref()).isNotBlank();
            assertThat(view.xlsx.getHref()).isNotBlank();
        } finally {
            io.gridloop.support.KaribuUi.signOut();
        }
    }

    @Test
    void theBoardAnswersAsJsonWithinTheCallersScope() throws Exception {
        HttpResponse<String> r = get("/api/board", "wuqiang", null);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode board = JSON.readTree(r.body());
        Board expected = boards.board(scopes.ofUser("wuqiang"), Locale.SIMPLIFIED_CHINESE);
        assertThat(board.path("counts").path("open").asLong()).isEqualTo(expected.counts().open());
        assertThat(board.path("counts").path("overdue").asLong()).isEqualTo(expected.counts().overdue());
        assertThat(board.path("cases").size()).isEqualTo(expected.cases().size());
        assertThat(board.path("grids").size()).isEqualTo(expected.grids().size());
        JsonNode trend = JSON.readTree(get("/api/board/trend?by=WEEK", "wuqiang", null).body());
        assertThat(trend.path("by").asText()).isEqualTo("WEEK");
        assertThat(trend.path("points").size()).isEqualTo(BoardService.TREND_WEEKS);
        HttpResponse<String> refused = get("/api/board/trend?by=YEAR", "wuqiang", "en");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("Unknown trend span YEAR");
        assertThat(get("/api/board", "wuqiang", null).statusCode()).isEqualTo(200);
        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/board")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    @Autowired
    BoardService boards;

    private static Evaluation.Row row(Evaluation e, String unit) {
        return e.rows().stream().filter(r -> r.unit().equals(unit)).findFirst().orElseThrow(() -> new AssertionError("no row " + unit));
    }

    private HttpResponse<String> get(String path, String user, String language) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
        if (language != null) {
            b.header("Accept-Language", language);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
