package io.gridloop.citizen;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.RouteParameters;
import io.gridloop.casefile.CaseFileService;
import io.gridloop.casefile.TrackView;
import io.gridloop.intake.Report;
import io.gridloop.open311.Open311Keys;
import io.gridloop.support.KaribuUi;
import io.gridloop.support.LoopDriver;
import io.gridloop.support.TestImages;
import io.gridloop.system.FieldsInvalidException;
import io.gridloop.ui.Translations;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeProperty;
import net.jqwik.api.lifecycle.BeforeTry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestContextManager;

/**
 * Every public door gets random and hostile payloads (jqwik, bounded tries): the citizens' report service, the
 * tracking page and the rating link, Open311's POST and GETs over HTTP. Never a 5xx or an unexpected exception, a
 * refusal always a translated message, never a half-saved case (a case without its process), and no case number used
 * up by a refusal: the numbers of a good report before and after the tries differ by the accepted tries plus one.
 *
 * <p>jqwik runs outside Spring's JUnit extension, so the test instance is prepared by Spring's TestContextManager (the
 * same cached context as the other tests with this configuration).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(LoopDriver.class)
class PublicDoorsFuzzTest {

    private static TestContextManager spring;
    private static final List<String> HOSTILE = List.of("", " ", "<script>alert(1)</script>", "' or 1=1 --", "\u0000", "%00",
            "\u202Etxt.exe", "😀".repeat(30), "1e309", "NaN", "Infinity", "null", "{}", "../../etc/passwd", "井".repeat(4001),
            "\r\n\tX", "<!-- -->", "javascript:alert(1)", "\uD800", "a".repeat(70_000), "${jndi:ldap://x/a}", "#{7*7}");

    @Autowired
    CitizenReports citizens;
    @Autowired
    HumanCheck check;
    @Autowired
    CitizenLimits limits;
    @Autowired
    CitizenRatings ratings;
    @Autowired
    CaseFileService cases;
    @Autowired
    Open311Keys keys;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationContext ctx;
    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private int accepted;
    private int firstNumber;

    @BeforeContainer
    static void springContext() {
        spring = new TestContextManager(PublicDoorsFuzzTest.class);
    }

    @BeforeProperty
    void prepare() throws Exception {
        spring.prepareTestInstance(this);
        limits.forgetAll();
        accepted = 0;
        firstNumber = sequence(goodReport());
    }

    @BeforeTry
    void freshLimits() {
        // the limits have their own test; here every payload should reach as deep as it can
        limits.forgetAll();
    }

    @AfterProperty
    void noNumberUsedUp() {
        limits.forgetAll();
        assertThat(sequence(goodReport())).as("case numbers: %d accepted in between", accepted).isEqualTo(firstNumber + accepted + 1);
        assertThat(jdbc.sql("select count(*) from gl_case where process_instance_id is null").query(Long.class).single())
                .as("no case without its process").isZero();
    }

    private String goodReport() {
        HumanCheck.Challenge c = check.issue();
        return citizens.submit(new CitizenReport("MANHOLE", 116.3745, 39.9275, null, null, "井盖缺失", List.of(), null, null, null,
                c.token(), HumanCheckSolver.solve(check, c.token())), "192.0.2.1").caseNumber();
    }

    private static int sequence(String caseNumber) {
        return Integer.parseInt(caseNumber.substring(caseNumber.indexOf('-') + 1));
    }

    private long caseCount() {
        return jdbc.sql("select count(*) from gl_case").query(Long.class).single();
    }

    // ---- what the payloads are made of

    private static Arbitrary<String> text() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.strings().ofMaxLength(40)),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(HOSTILE)),
                net.jqwik.api.Tuple.of(2, Arbitraries.strings().withCharRange('一', '龥').ofMinLength(1).ofMaxLength(30)),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().all().ofMaxLength(20)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just((String) null)));
    }

    private static Arbitrary<Double> coordinate(double from, double to) {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.doubles().between(from, to).ofScale(6)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 200.0, -91.0,
                        0.0, -0.0, Double.MIN_VALUE, Double.MAX_VALUE)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just((Double) null)));
    }

    private static Arbitrary<byte[]> imageBytes() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.just(LoopDriver.PNG)),
                net.jqwik.api.Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(2000)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(java.util.Arrays.copyOf(LoopDriver.PNG, 30))),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(TestImages.pngHeaderOnly(100_000, 100_000))),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(TestImages.jpegWithGps(TestImages.noise(32, 24), 6))),
                net.jqwik.api.Tuple.of(1, Arbitraries.just("GIF89a<script>alert(1)</script>".getBytes(StandardCharsets.US_ASCII))),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new byte[0])),
                net.jqwik.api.Tuple.of(1, Arbitraries.just((byte[]) null)));
    }

    private static Arbitrary<List<Report.Photo>> photos() {
        Arbitrary<Report.Photo> photo = Combinators.combine(text(), imageBytes()).as(Report.Photo::new);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, photo.list().ofMaxSize(4)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just((List<Report.Photo>) null)));
    }

    /** How the human check is answered. */
    enum Answer { RIGHT, WRONG, FORGED, MISSING, REPLAYED }

    record Payload(String subcategory, Double lng, Double lat, String community, String address, String description,
                   List<Report.Photo> photos, String name, String phone, String email, Answer answer, String client) {}

    @Provide
    Arbitrary<Payload> citizenPayloads() {
        Arbitrary<String> sub = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, Arbitraries.of("MANHOLE", "STREETLIGHT", "BENCH")),
                net.jqwik.api.Tuple.of(1, text()));
        Arbitrary<String> community = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(1, Arbitraries.of("S02C02", "S01C01")),
                net.jqwik.api.Tuple.of(1, text()));
        Arbitrary<String> description = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(2, Arbitraries.of("井盖缺失", "路灯不亮")),
                net.jqwik.api.Tuple.of(2, text()));
        Arbitrary<String> phone = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(2, Arbitraries.strings().numeric().ofLength(11)),
                net.jqwik.api.Tuple.of(1, text()));
        Arbitrary<String> email = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(2, Arbitraries.of("a@example.org", "x@y.cn")),
                net.jqwik.api.Tuple.of(1, text()));
        Arbitrary<Answer> answer = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, Arbitraries.just(Answer.RIGHT)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(Answer.WRONG, Answer.FORGED, Answer.MISSING, Answer.REPLAYED)));
        Arbitrary<String> client = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, Arbitraries.of("203.0.113.9", "::1")),
                net.jqwik.api.Tuple.of(1, text()));
        return Combinators.combine(
                Combinators.combine(sub, coordinate(116.340, 116.385), coordinate(39.905, 39.950), community).as((a, b, c, d) -> java.util.Arrays.<Object>asList(a, b, c, d)),
                Combinators.combine(text(), description, photos(), text()).as((a, b, c, d) -> java.util.Arrays.<Object>asList(a, b, c, d)),
                Combinators.combine(phone, email, answer, client).as((a, b, c, d) -> java.util.Arrays.<Object>asList(a, b, c, d)))
                .as(PublicDoorsFuzzTest::payload);
    }

    @SuppressWarnings("unchecked")
    private static Payload payload(List<Object> where, List<Object> what, List<Object> who) {
        return new Payload((String) where.get(0), (Double) where.get(1), (Double) where.get(2), (String) where.get(3),
                (String) what.get(0), (String) what.get(1), (List<Report.Photo>) what.get(2), (String) what.get(3),
                (String) who.get(0), (String) who.get(1), (Answer) who.get(2), (String) who.get(3));
    }

    // ---- the doors

    @Property(tries = 120)
    void theCitizensReportServiceRefusesWithAMessageOrFilesAWholeCase(@ForAll("citizenPayloads") Payload p) {
        HumanCheck.Challenge c = check.issue();
        String token = c.token();
        String answer = switch (p.answer()) {
            case RIGHT -> HumanCheckSolver.solve(check, token);
            case WRONG -> HumanCheckSolver.wrong(check, token);
            case FORGED -> {
                token = "f".repeat(32) + "." + (System.currentTimeMillis() / 1000 + 600) + ".forged";
                yield "42";
            }
            case MISSING -> {
                token = null;
                yield null;
            }
            case REPLAYED -> {
                check.verify(token, HumanCheckSolver.solve(check, token));
                yield HumanCheckSolver.solve(check, token);
            }
        };
        CitizenReport report = new CitizenReport(p.subcategory(), p.lng(), p.lat(), p.community(), p.address(), p.description(),
                p.photos(), p.name(), p.phone(), p.email(), token, answer);
        long before = caseCount();
        try {
            CitizenReports.Receipt r = citizens.submit(report, p.client());
            accepted++;
            assertThat(p.answer()).isEqualTo(Answer.RIGHT);
            assertThat(cases.findByTrackingCode(r.trackingCode())).hasValueSatisfying(k -> assertThat(k.processInstanceId()).isNotNull());
            assertThat(caseCount()).isEqualTo(before + 1);
        } catch (CitizenRefusedException e) {
            assertTranslated(e.messageKey(), e.args());
            assertThat(e.httpStatus()).isBetween(400, 499);
            assertThat(caseCount()).isEqualTo(before);
        } catch (FieldsInvalidException e) {
            assertThat(e.problems()).isNotEmpty();
            e.problems().forEach(pr -> assertTranslated(pr.messageKey(), pr.args()));
            assertThat(caseCount()).isEqualTo(before);
        }
    }

    private static void assertTranslated(String key, Object... args) {
        for (Locale l : List.of(Translations.CHINESE, Translations.ENGLISH)) {
            assertThat(Translations.translate(key, l, args)).as(key).isNotBlank().doesNotStartWith("!");
        }
    }

    @Provide
    Arbitrary<String> codes() {
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, text().filter(s -> s != null)),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().withChars("ABCDEFGHJKMNPQRSTUVWXYZ23456789.-_").ofLength(12)),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().numeric().withChars('.').ofMaxLength(80)));
    }

    @Property(tries = 40)
    void theTrackingPageAndTheRatingLinkShowNothingForAWrongCode(@ForAll("codes") String code) throws Exception {
        assertThat(cases.findByTrackingCode(code)).isEmpty();
        assertThat(ratings.byToken(code)).isEmpty();
        String path = URLEncoder.encode(code.length() > 1500 ? code.substring(0, 1500) : code, StandardCharsets.UTF_8).replace("+", "%20");
        for (String page : List.of("/track/", "/rate/")) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + page + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(page + code).isLessThan(500);
        }
        // the pages themselves, rendered on the server as the browser's navigation gets them (a code with characters no
        // path segment carries is not asked for that way)
        if (!code.isBlank() && code.chars().noneMatch(ch -> "#?/\\%".indexOf(ch) >= 0 || Character.isISOControl(ch) || Character.isSurrogate((char) ch))) {
            if (UI.getCurrent() == null) {
                KaribuUi.anonymous(ctx);
            }
            UI.getCurrent().navigate(TrackView.class, new RouteParameters("code", code));
            assertThat(com.github.mvysny.kaributesting.v10.LocatorJ._get(com.vaadin.flow.component.html.Div.class, q -> q.withId("track-result"))
                    .getElement().getTextRecursively()).contains("没有这个查询码的案件");
            UI.getCurrent().navigate(RateView.class, new RouteParameters("token", code));
            assertThat(com.github.mvysny.kaributesting.v10.LocatorJ._get(com.vaadin.flow.component.html.Paragraph.class,
                    q -> q.withId("rating-refused")).getText()).contains("无效");
        }
    }

    @AfterProperty
    void leavePages() {
        if (UI.getCurrent() != null) {
            MockVaadin.tearDown();
        }
    }

    @Provide
    Arbitrary<Map<String, String>> open311Forms() {
        Arbitrary<String> code = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, Arbitraries.of("MANHOLE", "STREETLIGHT")),
                net.jqwik.api.Tuple.of(1, text()));
        Arbitrary<String> lat = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, Arbitraries.doubles().between(39.905, 39.950).ofScale(6).map(String::valueOf)),
                net.jqwik.api.Tuple.of(1, text()));
        Arbitrary<String> lng = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, Arbitraries.doubles().between(116.340, 116.385).ofScale(6).map(String::valueOf)),
                net.jqwik.api.Tuple.of(1, text()));
        Arbitrary<String> description = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, Arbitraries.just("路面坑洼")),
                net.jqwik.api.Tuple.of(2, text()), net.jqwik.api.Tuple.of(1, Arbitraries.just("大".repeat(2_200_000))));
        Arbitrary<String> key = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(5, Arbitraries.just("KEY")),
                net.jqwik.api.Tuple.of(1, text()));
        return Combinators.combine(key, code, lat, lng, description, text(), text(), text()).as((k, c, la, lo, d, a, e, ph) -> {
            Map<String, String> form = new LinkedHashMap<>();
            put(form, "api_key", k);
            put(form, "service_code", c);
            put(form, "lat", la);
            put(form, "long", lo);
            put(form, "description", d);
            put(form, "address_string", a);
            put(form, "email", e);
            put(form, "phone", ph);
            return form;
        });
    }

    private static void put(Map<String, String> form, String field, String value) {
        if (value != null) {
            form.put(field, value);
        }
    }

    private String writeKey;
    private String readKey;

    private void keys() {
        if (writeKey == null) {
            SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken("admin", null, List.of()));
            try {
                writeKey = keys.issue("jqwik 写").secret();
                readKey = keys.issue("jqwik 读").secret();
            } finally {
                SecurityContextHolder.clearContext();
            }
        }
    }

    @Property(tries = 100)
    void open311RefusesInItsErrorFormatOrFilesAWholeCase(@ForAll("open311Forms") Map<String, String> form,
                                                        @ForAll("codes") String id, @ForAll("formats") String format)
            throws Exception {
        keys();
        Map<String, String> sent = new LinkedHashMap<>(form);
        sent.computeIfPresent("api_key", (k, v) -> v.equals("KEY") ? writeKey : v);
        String body = sent.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        long before = caseCount();
        HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(base() + "requests." + format))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).as(abbreviated(sent) + " → " + posted.body()).isIn(201, 400, 403, 404, 413, 429);
        if (posted.statusCode() == 201) {
            accepted++;
            assertThat(caseCount()).isEqualTo(before + 1);
        } else {
            assertThat(caseCount()).isEqualTo(before);
        }

        String encoded = URLEncoder.encode(id.length() > 1500 ? id.substring(0, 1500) : id, StandardCharsets.UTF_8);
        String key = "api_key=" + URLEncoder.encode(readKey, StandardCharsets.UTF_8);
        List<String> reads = new ArrayList<>(List.of("requests." + format + "?" + key + "&service_request_id=" + encoded,
                "requests." + format + "?" + key + "&start_date=" + encoded + "&status=" + encoded,
                "requests/" + encoded.replace("+", "%20") + "." + format + "?" + key,
                "services/" + encoded.replace("+", "%20") + "." + format));
        for (String read : reads) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base() + read)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(read + " → " + r.body()).isIn(200, 400, 403, 404, 429);
        }
    }

    @Provide
    Arbitrary<String> formats() {
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, Arbitraries.of("json", "xml")),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("html", "JSON", "", "json%00")));
    }

    private String base() {
        return "http://localhost:" + port + "/open311/v2/";
    }

    private static String abbreviated(Map<String, String> form) {
        return form.entrySet().stream().map(e -> e.getKey() + "=" + (e.getValue().length() > 60 ? e.getValue().substring(0, 60) + "…("
                + e.getValue().length() + ")" : e.getValue())).collect(Collectors.joining("&"));
    }
}
