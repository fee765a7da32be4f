package io.gridloop.open311;

import static io.gridloop.process.CaseLoop.TASK_DISPATCH;
import static io.gridloop.process.CaseLoop.TASK_REGISTER;
import static io.gridloop.process.CaseLoop.TASK_VERIFY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridloop.casefile.CaseFileService;
import io.gridloop.casefile.CaseRecord;
import io.gridloop.casefile.CaseStatus;
import io.gridloop.casefile.Channel;
import io.gridloop.grid.ReferenceData;
import io.gridloop.inbox.InboxQuery;
import io.gridloop.inbox.InboxService;
import io.gridloop.support.LoopDriver;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.ActiveProfiles;
import org.w3c.dom.Document;

/**
 * Open311 GeoReport v2 over HTTP against the running app: every endpoint in JSON and XML, a request that becomes a
 * citizen case awaiting on-site verification, the loop read back as open/closed, and every refusal in Open311's error
 * format with its status, nothing stored and no case number used up.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(LoopDriver.class)
class Open311ApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = Open311DemoKey.KEY;
    /** Inside grid S03C02G02 (lihua's). */
    private static final String LAT = "39.9275";
    private static final String LONG = "116.3745";
    /**
     * Each good request stands 167 m north of the one before, within the grid (13 places, then again from the south): a
     * request near an open case of the same kind would join that case instead of opening its own.
     */
    private static final java.util.concurrent.atomic.AtomicInteger PLACES = new java.util.concurrent.atomic.AtomicInteger();
    private static volatile String lastLat = LAT;

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;
    @Autowired
    CaseFileService cases;
    @Autowired
    io.gridloop.casefile.CaseTimeline caseTimeline;
    @Autowired
    LoopDriver loop;
    @Autowired
    InboxService inbox;
    @Autowired
    io.gridloop.inbox.InboxPages pages;
    @Autowired
    Open311Keys keys;
    @Autowired
    ReferenceData reference;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    org.springframework.context.ApplicationContext ctx;

    @BeforeEach
    void realTime() {
        loop.resetClock();
    }

    @AfterEach
    void nobody() {
        io.gridloop.support.KaribuUi.signOut();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return get(path, null);
    }

    private HttpResponse<String> get(String path, String language) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/open311/v2/" + path)).GET();
        if (language != null) {
            b.header("Accept-Language", language);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String format, Map<String, String> form, String language) throws Exception {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/open311/v2/requests." + format))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (language != null) {
            b.header("Accept-Language", language);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> goodRequest() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("api_key", KEY);
        form.put("service_code", "MANHOLE");
        lastLat = String.format(java.util.Locale.ROOT, "%.4f", 39.9215 + 0.0015 * (PLACES.getAndIncrement() % 13));
        form.put("lat", lastLat);
        form.put("long", LONG);
        form.put("address_string", "金融街 8 号门前");
        form.put("description", "井盖缺失,夜间行人有坠落危险");
        form.put("email", "citizen@example.org");
        form.put("phone", "13800000001");
        form.put("first_name", "小明");
        form.put("last_name", "张");
        return form;
    }

    private static Map<String, String> with(Map<String, String> form, String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(form);
        if (value == null) {
            copy.remove(key);
        } else {
            copy.put(key, value);
        }
        return copy;
    }

    private static Document xml(String body) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static String text(Document d, String tag) {
        return d.getElementsByTagName(tag).getLength() == 0 ? null : d.getElementsByTagName(tag).item(0).getTextContent();
    }

    private String postCase() throws Exception {
        HttpResponse<String> r = post("json", goodRequest(), null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return JSON.readTree(r.body()).get(0).path("service_request_id").asText();
    }

    @Test
    void discoveryServicesAndDefinitionsInJsonAndXml() throws Exception {
        HttpResponse<String> d = get("discovery.json");
        assertThat(d.statusCode()).isEqualTo(200);
        assertThat(d.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode endpoint = JSON.readTree(d.body()).path("endpoints").get(0);
        assertThat(endpoint.path("specification").asText()).isEqualTo("http://wiki.open311.org/GeoReport_v2");
        assertThat(endpoint.path("url").asText()).isEqualTo("http://localhost:" + port + "/open311/v2");
        assertThat(endpoint.path("formats").findValuesAsText("formats")).isEmpty();
        assertThat(JSON.convertValue(endpoint.path("formats"), List.class)).containsExactly("application/json", "text/xml");
        Document dx = xml(get("discovery.xml").body());
        assertThat(dx.getDocumentElement().getNodeName()).isEqualTo("discovery");
        assertThat(dx.getElementsByTagName("format").getLength()).isEqualTo(2);
        assertThat(text(dx, "url")).isEqualTo("http://localhost:" + port + "/open311/v2");

        JsonNode services = JSON.readTree(get("services.json").body());
        int subcategories = reference.categories().stream().mapToInt(c -> c.subcategories().size()).sum();
        assertThat(services).hasSize(subcategories);
        assertThat(services).filteredOn(s -> s.path("service_code").asText().equals("MANHOLE")).as("MANHOLE among the services")
                .hasSize(1);
        JsonNode manhole = services.findParents("service_code").stream()
                .filter(s -> s.path("service_code").asText().equals("MANHOLE")).findFirst().orElseThrow();
        assertThat(manhole.path("service_name").asText()).isEqualTo("井盖缺失破损");
        assertThat(manhole.path("group").asText()).isEqualTo("公用设施");
        assertThat(manhole.path("type").asText()).isEqualTo("realtime");
        assertThat(manhole.path("metadata").asBoolean(true)).isFalse();
        assertThat(manhole.path("keywords").asText()).contains("井盖缺失破损", "Manhole cover");
        assertThat(JSON.readTree(get("services.json", "en").body()).get(0).path("service_name").asText())
                .as("English when asked").isEqualTo("Manhole cover missing or broken");

        HttpResponse<String> sx = get("services.xml");
        assertThat(sx.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/xml"));
        Document servicesXml = xml(sx.body());
        assertThat(servicesXml.getDocumentElement().getNodeName()).isEqualTo("services");
        assertThat(servicesXml.getElementsByTagName("service").getLength()).isEqualTo(subcategories);
        assertThat(text(servicesXml, "service_name")).isEqualTo("井盖缺失破损");

        JsonNode definition = JSON.readTree(get("services/MANHOLE.json").body());
        assertThat(definition.path("service_code").asText()).isEqualTo("MANHOLE");
        assertThat(definition.path("attributes").isArray()).isTrue();
        Document dxml = xml(get("services/MANHOLE.xml").body());
        assertThat(dxml.getDocumentElement().getNodeName()).isEqualTo("service_definition");
        assertThat(text(dxml, "service_code")).isEqualTo("MANHOLE");

        HttpResponse<String> unknown = get("services/NOPE.json");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).get(0).path("code").asInt()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).get(0).path("description").asText()).isEqualTo("没有服务代码 NOPE");
        HttpResponse<String> unknownXml = get("services/NOPE.xml", "en");
        assertThat(unknownXml.statusCode()).isEqualTo(404);
        Document ex = xml(unknownXml.body());
        assertThat(ex.getDocumentElement().getNodeName()).isEqualTo("errors");
        assertThat(text(ex, "code")).isEqualTo("404");
        assertThat(text(ex, "description")).isEqualTo("There is no service code NOPE");
        assertThat(get("services.csv").statusCode()).as("only json and xml").isEqualTo(404);
    }

    @Test
    void aPostedRequestIsACitizenCaseInTheGridWorkersInboxForVerification() throws Exception {
        HttpResponse<String> r = post("json", with(goodRequest(), "media_url", "http://example.org/photo.jpg"), null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode answer = JSON.readTree(r.body());
        assertThat(answer).hasSize(1);
        String id = answer.get(0).path("service_request_id").asText();
        CaseRecord c = cases.findByNumber(id).orElseThrow();
        assertThat(c.channel()).isEqualTo(Channel.CITIZEN);
        assertThat(c.status()).isEqualTo(CaseStatus.VERIFYING);
        assertThat(c.gridCode()).isEqualTo("S03C02G02");
        assertThat(c.subcategoryCode()).isEqualTo("MANHOLE");
        assertThat(c.reporterName()).isEqualTo("张小明");
        assertThat(c.reporterPhone()).isEqualTo("13800000001");
        assertThat(c.reporterEmail()).isEqualTo("citizen@example.org");
        assertThat(c.address()).isEqualTo("金融街 8 号门前");
        assertThat(caseTimeline.attachments(c.id())).as("media_url is not fetched").isEmpty();
        String notice = answer.get(0).path("service_notice").asText();
        assertThat(notice).contains(id, c.trackingCode(), "http://localhost:" + port + "/track/" + c.trackingCode(), "media_url");
        assertThat(answer.get(0).has("token")).isFalse();

        // the grid's worker finds it among the verifications to do
        List<io.gridloop.inbox.InboxTask> lihuas = pages.page("lihua", loop.groups("lihua"), InboxQuery.firstPage(InboxQuery.Scope.ALL).page(0, 500));
        assertThat(lihuas).anySatisfy(t -> {
            assertThat(t.caseId()).isEqualTo(c.id());
            assertThat(t.taskKey()).isEqualTo(TASK_VERIFY);
        });

        // and in XML
        HttpResponse<String> x = post("xml", goodRequest(), null);
        assertThat(x.statusCode()).as(x.body()).isEqualTo(201);
        Document doc = xml(x.body());
        assertThat(doc.getDocumentElement().getNodeName()).isEqualTo("service_requests");
        assertThat(doc.getElementsByTagName("request").getLength()).isEqualTo(1);
        assertThat(cases.findByNumber(text(doc, "service_request_id"))).hasValueSatisfying(
                k -> assertThat(k.channel()).isEqualTo(Channel.CITIZEN));
    }

    @Test
    void theLoopReadsAsOpenOrClosedWithPlainNotesAndNoPersonalData() throws Exception {
        String id = postCase();
        String lat = lastLat;
        long caseId = cases.findByNumber(id).orElseThrow().id();
        JsonNode one = JSON.readTree(get("requests/" + id + ".json?api_key=" + KEY).body()).get(0);
        assertThat(one.path("service_request_id").asText()).isEqualTo(id);
        assertThat(one.path("status").asText()).isEqualTo("open");
        assertThat(one.path("status_notes").asText()).isEqualTo("受理中,待网格员现场核实");
        assertThat(one.path("service_code").asText()).isEqualTo("MANHOLE");
        assertThat(one.path("service_name").asText()).isEqualTo("井盖缺失破损");
        assertThat(one.path("description").asText()).isEqualTo("井盖缺失,夜间行人有坠落危险");
        assertThat(one.path("address").asText()).isEqualTo("金融街 8 号门前");
        assertThat(one.path("lat").asDouble()).isEqualTo(Double.parseDouble(lat));
        assertThat(one.path("long").asDouble()).isEqualTo(Double.parseDouble(LONG));
        assertThat(one.path("agency_responsible").isNull()).isTrue();
        OffsetDateTime requested = OffsetDateTime.parse(one.path("requested_datetime").asText());
        assertThat(one.path("requested_datetime").asText()).endsWith("+08:00");
        assertThat(OffsetDateTime.parse(one.path("updated_datetime").asText())).isAfterOrEqualTo(requested);
        assertThat(one.toString()).as("no reporter's contact, no photo URL")
                .doesNotContain("13800000001", "citizen@example.org", "小明", "media_url");

        // verified, registered, dispatched: the lead department answers for it, no official is named
        loop.complete(caseId, TASK_VERIFY, "lihua", Map.of("verifyResult", "CONFIRMED", "comment", "属实"));
        assertThat(JSON.readTree(get("requests/" + id + ".json?api_key=" + KEY).body()).get(0).path("status_notes").asText())
                .isEqualTo("受理中,待立案");
        loop.complete(caseId, TASK_REGISTER, "lina", Map.of("registerDecision", "REGISTER"));
        loop.complete(caseId, TASK_DISPATCH, "zhangmin", Map.of("department", "roads", "coDepartments", List.of(), "comment", "请尽快处置"));
        JsonNode dispatched = JSON.readTree(get("requests/" + id + ".json?api_key=" + KEY).body()).get(0);
        assertThat(dispatched.path("status").asText()).isEqualTo("open");
        assertThat(dispatched.path("agency_responsible").asText()).isEqualTo("市政市容管理委员会");
        assertThat(dispatched.path("status_notes").asText()).isEqualTo("已派遣至市政市容管理委员会,处置中");
        assertThat(dispatched.toString()).doesNotContain("孙丽", "sunli", "张敏", "zhangmin", "请尽快处置");
        JsonNode english = JSON.readTree(get("requests/" + id + ".json?api_key=" + KEY, "en").body()).get(0);
        assertThat(english.path("status_notes").asText()).isEqualTo("Dispatched to Roads and Municipal Works, being handled");

        Document x = xml(get("requests/" + id + ".xml?api_key=" + KEY).body());
        assertThat(x.getDocumentElement().getNodeName()).isEqualTo("service_requests");
        assertThat(text(x, "agency_responsible")).isEqualTo("市政市容管理委员会");
        assertThat(text(x, "status")).isEqualTo("open");

        // a report not registered is closed, with the reason in plain words
        String rejected = postCase();
        long rejectedId = cases.findByNumber(rejected).orElseThrow().id();
        loop.complete(rejectedId, TASK_VERIFY, "lihua", Map.of("verifyResult", "CONFIRMED", "comment", "属实"));
        loop.complete(rejectedId, TASK_REGISTER, "lina", Map.of("registerDecision", "REJECT", "rejectReason", "不属于受理范围"));
        JsonNode closed = JSON.readTree(get("requests/" + rejected + ".json?api_key=" + KEY).body()).get(0);
        assertThat(closed.path("status").asText()).isEqualTo("closed");
        assertThat(closed.path("status_notes").asText()).isEqualTo("不予立案");

        // the standard filters
        JsonNode both = JSON.readTree(get("requests.json?api_key=" + KEY + "&service_request_id=" + id + "," + rejected).body());
        assertThat(both.findValuesAsText("service_request_id")).containsExactlyInAnyOrder(id, rejected);
        JsonNode open = JSON.readTree(get("requests.json?api_key=" + KEY + "&status=open&service_code=MANHOLE").body());
        assertThat(open.findValuesAsText("service_request_id")).contains(id).doesNotContain(rejected);
        assertThat(open.findValuesAsText("status")).containsOnly("open");
        JsonNode closedOnes = JSON.readTree(get("requests.json?api_key=" + KEY + "&status=closed").body());
        assertThat(closedOnes.findValuesAsText("service_request_id")).contains(rejected).doesNotContain(id);
        JsonNode otherService = JSON.readTree(get("requests.json?api_key=" + KEY + "&service_code=STREETLIGHT").body());
        assertThat(otherService.findValuesAsText("service_request_id")).doesNotContain(id, rejected);
        String from = URLEncoder.encode(requested.minusMinutes(1).toString(), StandardCharsets.UTF_8);
        String to = URLEncoder.encode(requested.plusDays(1).toString(), StandardCharsets.UTF_8);
        assertThat(JSON.readTree(get("requests.json?api_key=" + KEY + "&start_date=" + from + "&end_date=" + to).body())
                .findValuesAsText("service_request_id")).contains(id, rejected);
        String later = URLEncoder.encode(requested.plusDays(1).toString(), StandardCharsets.UTF_8);
        assertThat(JSON.readTree(get("requests.json?api_key=" + KEY + "&start_date=" + later).body())
                .findValuesAsText("service_request_id")).doesNotContain(id, rejected);
        // the default: the last 90 days
        assertThat(JSON.readTree(get("requests.json?api_key=" + KEY).body()).findValuesAsText("service_request_id"))
                .contains(id, rejected);
        Document list = xml(get("requests.xml?api_key=" + KEY + "&service_request_id=" + id + "," + rejected).body());
        assertThat(list.getElementsByTagName("request").getLength()).isEqualTo(2);
    }

    @Test
    void badReadsAreRefusedInOpen311Terms() throws Exception {
        String id = postCase();
        assertThat(get("requests.json").statusCode()).as("reading needs a key").isEqualTo(403);
        assertThat(get("requests/" + id + ".json").statusCode()).isEqualTo(403);
        assertThat(get("requests/" + id + ".xml?api_key=wrong").statusCode()).isEqualTo(403);
        HttpResponse<String> unknown = get("requests/1999-999999.json?api_key=" + KEY);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).get(0).path("description").asText()).isEqualTo("没有服务请求 1999-999999");
        assertThat(get("requests/1999-999999.xml?api_key=" + KEY).statusCode()).isEqualTo(404);
        for (String bad : List.of("status=pending", "service_code=NOPE", "start_date=yesterday", "end_date=2026-13-01",
                "start_date=%2B999999999-12-31T00:00:00Z", "start_date=%2B999999999-12-31", "end_date=-999999999-01-01",
                "start_date=0000-01-01&end_date=0000-02-01",
                "start_date=2026-01-01&end_date=2026-06-01", "start_date=2026-06-01&end_date=2026-01-01",
                "service_request_id=" + java.util.stream.IntStream.rangeClosed(1, 300).mapToObj(i -> "2026-" + i)
                        .collect(Collectors.joining(",")))) {
            HttpResponse<String> r = get("requests.json?api_key=" + KEY + "&" + bad);
            assertThat(r.statusCode()).as(bad + ": " + r.body()).isEqualTo(400);
            assertThat(JSON.readTree(r.body()).get(0).path("code").asInt()).isEqualTo(400);
        }
        HttpResponse<String> xmlError = get("requests.xml?api_key=" + KEY + "&status=pending");
        assertThat(xmlError.statusCode()).isEqualTo(400);
        assertThat(text(xml(xmlError.body()), "code")).isEqualTo("400");
        assertThat(get("requests.json?api_key=" + KEY + "&start_date=2026-11-01T00:00:00+08:00").statusCode())
                .as("a '+' left unencoded").isEqualTo(200);
    }

    @Test
    void badRequestsAreRefusedWithTheStandardStatusesAndNothingIsStored() throws Exception {
        String before = postCase();
        int cases0 = jdbc.sql("select count(*) from gl_case").query(Integer.class).single();

        ApiKey revokedKey;
        String revoked;
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken("admin", null, List.of()));
        Open311Keys.IssuedKey issued = keys.issue("将被吊销的客户端");
        revoked = issued.secret();
        revokedKey = issued.key();
        keys.revoke(revokedKey.id());
        SecurityContextHolder.clearContext();

        Map<String, String> good = goodRequest();
        Map<String, Map<String, String>> forbidden = new LinkedHashMap<>();
        forbidden.put("no key", with(good, "api_key", null));
        forbidden.put("wrong key", with(good, "api_key", "not-a-key"));
        forbidden.put("revoked key", with(good, "api_key", revoked));
        for (var e : forbidden.entrySet()) {
            HttpResponse<String> r = post("json", e.getValue(), null);
            assertThat(r.statusCode()).as(e.getKey()).isEqualTo(403);
            assertThat(JSON.readTree(r.body()).get(0).path("description").asText()).isEqualTo("api_key 缺失、无效或已被吊销");
        }
        HttpResponse<String> forbiddenXml = post("xml", with(good, "api_key", null), "en");
        assertThat(forbiddenXml.statusCode()).isEqualTo(403);
        Document fx = xml(forbiddenXml.body());
        assertThat(fx.getDocumentElement().getNodeName()).isEqualTo("errors");
        assertThat(text(fx, "code")).isEqualTo("403");
        assertThat(text(fx, "description")).isEqualTo("api_key is missing, invalid or revoked");

        Map<String, Map<String, String>> bad = new LinkedHashMap<>();
        bad.put("unknown service_code", with(good, "service_code", "NOPE"));
        bad.put("no service_code", with(good, "service_code", null));
        bad.put("lat 999", with(good, "lat", "999"));
        bad.put("long -181", with(good, "long", "-181"));
        bad.put("lat not a number", with(good, "lat", "39,9"));
        bad.put("lat NaN", with(good, "lat", "NaN"));
        bad.put("outside the district", with(with(good, "lat", "0"), "long", "0"));
        bad.put("address only", with(with(good, "lat", null), "long", null));
        bad.put("no description", with(good, "description", null));
        bad.put("huge description", with(good, "description", "井".repeat(Open311Service.MAX_DESCRIPTION + 1)));
        bad.put("script in description", with(good, "description", "井盖<script>alert(1)</script>"));
        bad.put("markup in address", with(good, "address_string", "<img src=x onerror=alert(1)>"));
        bad.put("script in a name", with(good, "first_name", "<script>"));
        bad.put("javascript: url in text", with(good, "description", "点这里 javascript:alert(1)"));
        bad.put("control character", with(good, "description", "井盖\u0000缺失"));
        bad.put("bad e-mail", with(good, "email", "not-an-address"));
        bad.put("bad phone", with(good, "phone", "call me maybe"));
        bad.put("long name", with(good, "last_name", "张".repeat(51)));
        for (var e : bad.entrySet()) {
            HttpResponse<String> r = post("json", e.getValue(), null);
            assertThat(r.statusCode()).as(e.getKey() + ": " + r.body()).isEqualTo(400);
            JsonNode errors = JSON.readTree(r.body());
            assertThat(errors.isArray()).as(e.getKey()).isTrue();
            assertThat(errors.get(0).path("code").asInt()).isEqualTo(400);
            assertThat(errors.get(0).path("description").asText()).as(e.getKey()).isNotBlank().doesNotStartWith("!");
        }
        HttpResponse<String> english = post("xml", with(good, "lat", "999"), "en");
        assertThat(english.statusCode()).isEqualTo(400);
        assertThat(text(xml(english.body()), "description")).isEqualTo("lat is not a valid coordinate");
        HttpResponse<String> outside = post("json", with(with(good, "lat", "0"), "long", "0"), null);
        assertThat(JSON.readTree(outside.body()).findValuesAsText("description")).as("intake's own words").isNotEmpty();

        // a body far beyond any field's limit
        HttpResponse<String> oversize = post("json", with(good, "description", "x".repeat(3 * 1024 * 1024)), null);
        assertThat(oversize.statusCode()).as(oversize.body()).isEqualTo(413);
        assertThat(JSON.readTree(oversize.body()).get(0).path("description").asText()).isEqualTo("请求内容过大,无法读取");

        assertThat(jdbc.sql("select count(*) from gl_case").query(Integer.class).single()).as("nothing stored").isEqualTo(cases0);
        String after = postCase();
        assertThat(sequence(after)).as("no case number used up").isEqualTo(sequence(before) + 1);
    }

    private static long sequence(String caseNumber) {
        return Long.parseLong(caseNumber.substring(caseNumber.indexOf('-') + 1));
    }

    @Test
    void eachKeyHasItsRate() throws Exception {
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken("admin", null, List.of()));
        String key = keys.issue("频繁调用的客户端").secret();
        SecurityContextHolder.clearContext();
        int ok = 0;
        HttpResponse<String> last = null;
        for (int i = 0; i < 121; i++) {
            last = get("requests/1999-000000.json?api_key=" + key);
            if (last.statusCode() == 404) {
                ok++;
            }
        }
        assertThat(ok).isEqualTo(120);
        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(JSON.readTree(last.body()).get(0).path("code").asInt()).isEqualTo(429);
        assertThat(get("requests/1999-000000.json?api_key=" + KEY).statusCode()).as("another key is not slowed").isEqualTo(404);
    }

    @Test
    void anAdministratorIssuesAKeyShownOnceAndRevokesIt() throws Exception {
        io.gridloop.support.KaribuUi.signIn(ctx, "admin");
        com.vaadin.flow.component.UI.getCurrent().navigate(Open311KeysView.class);
        Open311KeysView view = com.github.mvysny.kaributesting.v10.LocatorJ._get(Open311KeysView.class);
        view.issue();
        assertThat(view.label.isInvalid()).as("a key needs a client's name").isTrue();
        view.label.setValue("区 12345 热线平台");
        view.issue();
        String secret = com.github.mvysny.kaributesting.v10.LocatorJ._get(com.vaadin.flow.component.html.Paragraph.class,
                spec -> spec.withId("open311-secret")).getText();
        assertThat(secret).startsWith("gl311_").hasSize(58);
        assertThat(jdbc.sql("select count(*) from gl_open311_key where key_hash = :h or key_hash = :s")
                .param("h", secret).param("s", secret).query(Integer.class).single()).as("never stored in clear").isZero();
        assertThat(post("json", with(goodRequest(), "api_key", secret), null).statusCode()).isEqualTo(201);

        List<ApiKey> listed = com.github.mvysny.kaributesting.v10.GridKt._fetch(view.list, 0, 100);
        ApiKey issued = listed.stream().filter(k -> k.label().equals("区 12345 热线平台")).findFirst().orElseThrow();
        assertThat(issued.hint()).isEqualTo(secret.substring(0, 8));
        assertThat(issued.createdBy()).isEqualTo("admin");
        // back on the page later: the key is not there to be read again
        com.vaadin.flow.component.UI.getCurrent().navigate("messages");
        com.vaadin.flow.component.UI.getCurrent().navigate(Open311KeysView.class);
        view = com.github.mvysny.kaributesting.v10.LocatorJ._get(Open311KeysView.class);
        assertThat(com.github.mvysny.kaributesting.v10.LocatorJ._find(com.vaadin.flow.component.html.Paragraph.class,
                spec -> spec.withId("open311-secret"))).as("shown once").isEmpty();
        view.revoke(issued);
        assertThat(post("json", with(goodRequest(), "api_key", secret), null).statusCode()).as("revoked at once").isEqualTo(403);
        io.gridloop.support.KaribuUi.signOut();

        // keys are the administrators' business, in the view and in the service
        io.gridloop.support.KaribuUi.signIn(ctx, "lina");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> keys.issue("x")).isInstanceOf(Open311Keys.AdminOnlyException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> keys.revoke(issued.id())).isInstanceOf(Open311Keys.AdminOnlyException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> {
            com.vaadin.flow.component.UI.getCurrent().navigate("open311-keys");
            com.github.mvysny.kaributesting.v10.LocatorJ._get(Open311KeysView.class);
        }).hasStackTraceContaining("AccessDeniedException");
    }

    /**
     * Bounded, seeded random payloads: every field absent, empty, valid, hostile or oversized in turn. Never a 5xx,
     * always Open311's error list on a refusal, and exactly one case for each 201.
     */
    @Test
    void aRequestNearAnOpenCaseOfTheSameKindIsToldItIsAlreadyBeingHandledAndJoinsIt() throws Exception {
        // grid S03C02G03, away from the other requests' places
        Map<String, String> first = with(with(goodRequest(), "lat", "39.9300"), "long", "116.3775");
        String open = JSON.readTree(post("json", first, null).body()).get(0).path("service_request_id").asText();
        Map<String, String> again = with(with(with(first, "lat", "39.9303"), "email", "neighbour@example.org"), "description", "这里井盖没了");
        HttpResponse<String> r = post("json", again, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode answer = JSON.readTree(r.body()).get(0);
        assertThat(answer.path("service_request_id").asText()).as("the case already being handled").isEqualTo(open);
        assertThat(answer.path("service_notice").asText()).contains("正在办理", open);
        CaseRecord joined = jdbc.sql("select id from gl_case where merged_into = :n").param("n", open).query(Long.class).list().stream()
                .map(cases::get).filter(c -> "neighbour@example.org".equals(c.reporterEmail())).findFirst().orElseThrow();
        assertThat(joined.status()).isEqualTo(CaseStatus.MERGED);
        assertThat(caseTimeline.timeline(cases.findByNumber(open).orElseThrow().id()))
                .anySatisfy(e -> assertThat(e.decision()).isEqualTo(joined.caseNumber()));
        // in English, and in XML, the same standard answer
        HttpResponse<String> en = post("xml", with(again, "email", "other@example.org"), "en");
        assertThat(text(xml(en.body()), "service_request_id")).isEqualTo(open);
        assertThat(text(xml(en.body()), "service_notice")).contains("already being handled", open);
        // another kind at the same place is a request of its own
        String streetlight = JSON.readTree(post("json", with(again, "service_code", "STREETLIGHT"), null).body()).get(0)
                .path("service_request_id").asText();
        assertThat(streetlight).isNotEqualTo(open);
    }

    @Test
    void randomAndHostilePayloadsNeverBreakIt() throws Exception {
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken("admin", null, List.of()));
        String key = keys.issue("随机负载测试").secret();
        // reads on their own key: 100 of each stay within the 120 a minute of each key
        String readKey = keys.issue("随机负载测试 读").secret();
        SecurityContextHolder.clearContext();
        java.util.Random random = new java.util.Random(311);
        List<String> hostile = List.of("", " ", "<script>alert(1)</script>", "' or 1=1 --", "\u0000", "%00", "\u202Etxt.exe",
                "😀".repeat(30), "1e309", "-0", "Infinity", "NaN", "0x1p3", "null", "[]", "{}", "../../etc/passwd",
                "井".repeat(4001), "a".repeat(70_000), "\r\n\tX", "<!-- -->", "&lt;b&gt;", "javascript:alert(1)");
        List<String> codes = List.of("MANHOLE", "STREETLIGHT", "ROAD_DAMAGE", "NOPE", "manhole", "MANHOLE,STREETLIGHT");
        int created = 0;
        int cases0 = jdbc.sql("select count(*) from gl_case").query(Integer.class).single();
        for (int i = 0; i < 100; i++) {
            Map<String, String> form = new LinkedHashMap<>();
            pick(random, form, "api_key", key, List.of("wrong", ""), 0.9);
            pick(random, form, "service_code", codes.get(random.nextInt(codes.size())), hostile, 0.7);
            pick(random, form, "lat", String.valueOf(39.905 + random.nextDouble() * 0.045), hostile, 0.7);
            pick(random, form, "long", String.valueOf(116.340 + random.nextDouble() * 0.045), hostile, 0.7);
            pick(random, form, "description", "路面坑洼 " + i, hostile, 0.7);
            pick(random, form, "address_string", "某路 " + i + " 号", hostile, 0.7);
            pick(random, form, "email", "a" + i + "@example.org", hostile, 0.7);
            pick(random, form, "phone", "1380000" + (1000 + i), hostile, 0.7);
            pick(random, form, "first_name", "明", hostile, 0.7);
            pick(random, form, "last_name", "Smith", hostile, 0.7);
            pick(random, form, "media_url", "http://169.254.169.254/latest", hostile, 0.3);
            String format = random.nextBoolean() ? "json" : "xml";
            HttpResponse<String> r = post(format, form, random.nextBoolean() ? "en" : null);
            assertThat(r.statusCode()).as(form + " → " + r.body()).isIn(201, 400, 403);
            if (r.statusCode() == 201) {
                created++;
            } else if (format.equals("json")) {
                assertThat(JSON.readTree(r.body()).get(0).path("description").asText()).as(form.toString()).isNotBlank().doesNotStartWith("!");
            } else {
                assertThat(xml(r.body()).getDocumentElement().getNodeName()).isEqualTo("errors");
            }
            // and a read with hostile filters
            String filter = List.of("service_request_id", "service_code", "start_date", "end_date", "status").get(random.nextInt(5));
            String value = hostile.get(random.nextInt(hostile.size()));
            HttpResponse<String> read = get("requests." + format + "?api_key=" + URLEncoder.encode(readKey, StandardCharsets.UTF_8) + "&" + filter
                    + "=" + URLEncoder.encode(value.length() > 2000 ? value.substring(0, 2000) : value, StandardCharsets.UTF_8));
            assertThat(read.statusCode()).as(filter + "=" + value + " → " + read.body()).isIn(200, 400);
        }
        assertThat(created).as("some random payloads are good ones").isPositive();
        assertThat(jdbc.sql("select count(*) from gl_case").query(Integer.class).single()).as("one case per 201, no half-cases")
                .isEqualTo(cases0 + created);
    }

    private static void pick(java.util.Random random, Map<String, String> form, String field, String good, List<String> bad,
                             double goodShare) {
        double roll = random.nextDouble();
        if (roll < goodShare) {
            form.put(field, good);
        } else if (roll < goodShare + (1 - goodShare) / 2) {
            form.put(field, bad.get(random.nextInt(bad.size())));
        }
    }
}
