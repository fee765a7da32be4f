package io.gridloop.security;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.RouteParameters;
import io.gridloop.casefile.CaseDetails;
import io.gridloop.casefile.CaseFileService;
import io.gridloop.process.CaseLoop;
import io.gridloop.casefile.CaseNotFoundException;
import io.gridloop.casefile.CaseRecord;
import io.gridloop.casefile.CaseSearchView;
import io.gridloop.casefile.CaseView;
import io.gridloop.casefile.Channel;
import io.gridloop.casefile.Urgency;
import io.gridloop.deadline.Supervision;
import io.gridloop.deadline.SupervisionOrder;
import io.gridloop.inbox.InboxException;
import io.gridloop.inbox.InboxQuery;
import io.gridloop.inbox.InboxService;
import io.gridloop.intake.Report;
import io.gridloop.intake.ReportService;
import io.gridloop.support.KaribuUi;
import io.gridloop.support.LoopDriver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * Who may see and do what, in every door: one table of expectations (who sees which case, who works which task, who
 * reaches the engine), and one row per official × door × case. A new door (an export, Open311, a public page) joins
 * by adding a {@link Door} and its probe; a new role by adding its official to the table.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(LoopDriver.class)
class AccessMatrixTest {

    /** The cases of the matrix, each waiting at a different step in a different place. */
    enum Target {
        /** A road case in grid S01C01G01 (德胜), reported by grid worker wangwei, being handled by dept-roads. */
        ROADS_S01,
        /** A hotline case in grid S03C01G01 (金融街), reported by intake lina, waiting for dispatch. */
        DISPATCH_S03,
        /** A citizen case in grid S03C02G01, waiting for the grid worker's verification there. */
        VERIFY_S03
    }

    static final List<String> OFFICIALS = List.of("wangwei", "lihua", "lina", "gaofei", "zhangmin", "sunli", "zhaolei", "qianfeng",
            "hejun", "zhoujie", "wuqiang", "owner", "admin");

    /** Who sees each case: district roles all, a street's officials their street's, departments theirs, grid workers their grids'. */
    static final Map<Target, Set<String>> SEES = Map.of(
            Target.ROADS_S01, Set.of("wangwei", "lina", "zhangmin", "sunli", "qianfeng", "zhoujie", "wuqiang", "owner", "admin"),
            Target.DISPATCH_S03, Set.of("lihua", "lina", "gaofei", "zhangmin", "hejun", "zhoujie", "wuqiang", "owner", "admin"),
            Target.VERIFY_S03, Set.of("lihua", "lina", "gaofei", "zhangmin", "hejun", "zhoujie", "wuqiang", "owner", "admin"));

    /** Who may work each case's open task: its group, within the group's street or grids. */
    static final Map<Target, Set<String>> WORKS = Map.of(
            Target.ROADS_S01, Set.of("sunli"),
            Target.DISPATCH_S03, Set.of("zhangmin", "gaofei"),
            Target.VERIFY_S03, Set.of("lihua"));

    /**
     * Who is told about each case (消息 and mail), in the fixture: the officials who may work the step a message is about —
     * the supervision order opened on reporting goes to the group working that first step there (ROADS_S01's intake of
     * street S01, the grid worker of the other two cases' grids) and to the district's supervisors who issued it; the
     * warning and reminder of each case's step now go to its group there (dept-roads, street S03's dispatchers, the grid
     * worker of S03C02G01). Never a grid worker, intake operator or dispatcher of another street or grid.
     */
    static final Map<Target, Set<String>> TOLD = Map.of(
            Target.ROADS_S01, Set.of("lina", "zhoujie", "sunli"),
            Target.DISPATCH_S03, Set.of("lihua", "zhoujie", "zhangmin", "gaofei"),
            Target.VERIFY_S03, Set.of("lihua", "zhoujie"));

    /** Who reaches the engine (/engine-rest, Cockpit): process owners and administrators only. */
    static final Set<String> ENGINE = Set.of("owner", "admin");

    enum Door {
        CASE_PAGE, CASE_SEARCH, ATTACHMENT, SUPERVISION_LIST, INBOX_PAGE, TASK_OPEN, TASK_CLAIM, API_CASE, API_INBOX, API_COMPLETE,
        REST_TASK, REST_VARIABLES, REST_COMPLETE, COCKPIT, MESSAGES, MAIL, BOARD,
        /** The public doors (no sign-in): the case's tracking page, its rating link's page, the citizens' report page. */
        PUBLIC_TRACK, PUBLIC_RATE, PUBLIC_CITIZEN;

        boolean isPublic() {
            return this == PUBLIC_TRACK || this == PUBLIC_RATE || this == PUBLIC_CITIZEN;
        }
    }

    /** Nobody signed in: a citizen, probed at the public doors only. */
    static final String ANONYMOUS = "anonymous";

    record Row(String official, Door door, Target target) {
        boolean expected() {
            return switch (door) {
                case CASE_PAGE, CASE_SEARCH, ATTACHMENT, SUPERVISION_LIST, API_CASE, BOARD -> SEES.get(target).contains(official);
                case INBOX_PAGE, TASK_OPEN, TASK_CLAIM, API_INBOX, API_COMPLETE -> WORKS.get(target).contains(official);
                case REST_TASK, REST_VARIABLES, COCKPIT -> ENGINE.contains(official);
                case REST_COMPLETE -> false;
                case MESSAGES, MAIL -> TOLD.get(target).contains(official);
                // open to all, and the same public answer for every role as for a citizen: signing in shows no more
                case PUBLIC_TRACK, PUBLIC_RATE, PUBLIC_CITIZEN -> true;
            };
        }

        @Override
        public String toString() {
            return official + " · " + door + " · " + target + " → " + (expected() ? "allowed" : "refused");
        }
    }

    static Stream<Row> matrix() {
        List<Row> rows = new ArrayList<>();
        List<String> everyone = new ArrayList<>(OFFICIALS);
        everyone.add(ANONYMOUS);
        for (String official : everyone) {
            for (Door door : Door.values()) {
                if (official.equals(ANONYMOUS) && !door.isPublic()) {
                    continue;
                }
                for (Target target : Target.values()) {
                    // completing would end the fixture's step: only the refusals are probed there (/engine-rest refuses
                    // everybody's completion, process owners' too: EngineTaskGuard)
                    if (door == Door.API_COMPLETE && WORKS.get(target).contains(official)) {
                        continue;
                    }
                    rows.add(new Row(official, door, target));
                }
            }
        }
        return rows.stream();
    }

    record Fixture(CaseRecord caseRecord, long attachmentId, String taskId) {}

    private static final Map<Target, Fixture> FIXTURES = new EnumMap<>(Target.class);

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext ctx;
    @Autowired
    LoopDriver loop;
    @Autowired
    ReportService reports;
    @Autowired
    CaseFileService cases;
    @Autowired
    io.gridloop.casefile.CaseTimeline timeline;
    @Autowired
    InboxService inbox;
    @Autowired
    io.gridloop.inbox.InboxPages pages;
    @Autowired
    Supervision supervision;
    @Autowired
    AccessScopes scopes;
    @Autowired
    io.gridloop.metrics.BoardService boards;
    @Autowired
    io.gridloop.casefile.CaseLabels labels;

    @BeforeEach
    void fixtures() {
        // /engine-rest finds its engine in Camunda's static registry, which every test context of this JVM shares
        org.camunda.bpm.engine.ProcessEngines.registerProcessEngine(ctx.getBean(org.camunda.bpm.engine.ProcessEngine.class));
        synchronized (FIXTURES) {
            if (!FIXTURES.isEmpty()) {
                return;
            }
            CaseRecord roads = report(Channel.GRID_WORKER, "S01C01G01", "wangwei");
            loop.complete(roads.id(), CaseLoop.TASK_REGISTER, "lina", Map.of("registerDecision", "REGISTER"));
            loop.complete(roads.id(), CaseLoop.TASK_DISPATCH, "zhangmin", Map.of("department", "roads", "coDepartments", List.of()));
            FIXTURES.put(Target.ROADS_S01, fixture(roads, CaseLoop.TASK_HANDLE));

            CaseRecord dispatch = report(Channel.HOTLINE, "S03C01G01", "lina");
            loop.complete(dispatch.id(), CaseLoop.TASK_VERIFY, "lihua", Map.of("verifyResult", "CONFIRMED"));
            loop.complete(dispatch.id(), CaseLoop.TASK_REGISTER, "gaofei", Map.of("registerDecision", "REGISTER"));
            FIXTURES.put(Target.DISPATCH_S03, fixture(dispatch, CaseLoop.TASK_DISPATCH));

            FIXTURES.put(Target.VERIFY_S03, fixture(report(Channel.CITIZEN, "S03C02G01", "lina"), CaseLoop.TASK_VERIFY));

            // every case's step warned and overdue: the warnings and reminders are told, then mailed
            java.time.Instant due = FIXTURES.values().stream().map(f -> cases.get(f.caseRecord().id()).dueAt().toInstant())
                    .max(java.util.Comparator.naturalOrder()).orElseThrow();
            try {
                loop.at(due.plusSeconds(60));
                while (sender.sendDue() > 0) {
                    // until every message is mailed
                }
            } finally {
                loop.resetClock();
            }
        }
    }

    private CaseRecord report(Channel channel, String grid, String by) {
        Report r = LoopDriver.report(channel, "ROAD_DAMAGE", grid);
        r = new Report(r.channel(), Urgency.NORMAL, null, r.subcategoryCode(), grid, null, null, r.address(), r.description(),
                r.reporterName(), r.reporterPhone(), null, false, List.of(new Report.Photo("before.png", LoopDriver.PNG)));
        CaseRecord c = reports.report(r, by);
        supervision.openByHand(c.caseNumber(), scopes.of("zhoujie", loop.groups("zhoujie")), SupervisionOrder.Level.DISTRICT, "矩阵测试");
        return c;
    }

    private Fixture fixture(CaseRecord c, String taskKey) {
        long attachment = timeline.attachments(c.id()).get(0).id();
        return new Fixture(cases.get(c.id()), attachment, loop.task(c.id(), taskKey).taskId());
    }

    @AfterEach
    void signOut() {
        KaribuUi.signOut();
    }

    @org.junit.jupiter.api.AfterAll
    static void stopMail() {
        SMTP.stop();
    }

    static final int SMTP_PORT = freePort();

    static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
    static final com.icegreen.greenmail.util.GreenMail SMTP = new com.icegreen.greenmail.util.GreenMail(
            new com.icegreen.greenmail.util.ServerSetup(SMTP_PORT, "127.0.0.1", com.icegreen.greenmail.util.ServerSetup.PROTOCOL_SMTP));

    @org.springframework.test.context.DynamicPropertySource
    static void mail(org.springframework.test.context.DynamicPropertyRegistry r) {
        if (!SMTP.isRunning()) {
            SMTP.start();
        }
        r.add("spring.mail.host", () -> "127.0.0.1");
        r.add("spring.mail.port", () -> SMTP_PORT);
    }

    @Autowired
    io.gridloop.notify.OutboxSender sender;

    @Autowired
    io.gridloop.citizen.CitizenRatings ratings;

    /** What a public door shows of a case to whoever is signed in (or nobody): the page's text, the case's rating link's. */
    private String publicAnswer(Door door, Fixture f, String user, String rateToken) {
        KaribuUi.signOut();
        if (user.equals(ANONYMOUS)) {
            KaribuUi.anonymous(ctx);
        } else {
            KaribuUi.signIn(ctx, user);
        }
        UI.getCurrent().navigate(switch (door) {
            case PUBLIC_TRACK -> "track/" + f.caseRecord().trackingCode();
            case PUBLIC_RATE -> "rate/" + rateToken;
            default -> "citizen";
        });
        assertThat(_find(LoginView.class)).as("no sign-in asked").isEmpty();
        // the outermost of the route's chain: the view and any layout around it (a signed-in official's menu would show here)
        List<com.vaadin.flow.component.HasElement> chain = UI.getCurrent().getActiveRouterTargetsChain();
        String text = chain.get(chain.size() - 1).getElement().getTextRecursively();
        assertThat(text).isNotBlank();
        return text;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matrix")
    void accessIsExactlyAsTheTableSays(Row row) throws Exception {
        Fixture f = FIXTURES.get(row.target());
        String user = row.official();
        if (row.door().isPublic()) {
            String token = ratings.token(f.caseRecord().id());
            String shown = publicAnswer(row.door(), f, user, token);
            assertThat(shown).as("the same public answer as a citizen's").isEqualTo(publicAnswer(row.door(), f, ANONYMOUS, token));
            if (row.door() == Door.PUBLIC_CITIZEN) {
                assertThat(shown).as("nothing of any case").doesNotContain(f.caseRecord().caseNumber());
            } else {
                assertThat(shown).contains(f.caseRecord().caseNumber());
            }
            CaseRecord c = cases.get(f.caseRecord().id());
            List<String> privateFacts = new ArrayList<>(List.of(c.description(), c.reporterName(), c.reporterPhone(), c.gridCode()));
            for (String official : OFFICIALS) {
                privateFacts.add(official);
                privateFacts.add(labels.person(official, java.util.Locale.SIMPLIFIED_CHINESE));
            }
            for (String privateFact : privateFacts) {
                assertThat(shown).as("no officials' names, reporters' contacts, places or codes").doesNotContain(privateFact);
            }
            return;
        }
        List<String> groups = loop.groups(user);
        AccessScope scope = scopes.of(user, groups);
        boolean allowed = row.expected();
        switch (row.door()) {
            case CASE_PAGE -> {
                KaribuUi.signIn(ctx, user);
                UI.getCurrent().navigate(CaseView.class, new RouteParameters("caseNumber", f.caseRecord().caseNumber()));
                if (allowed) {
                    assertThat(_find(CaseDetails.class)).hasSize(1);
                } else {
                    assertThat(_find(CaseDetails.class)).as("nothing of the case is shown").isEmpty();
                    assertThat(_get(H2.class).getText()).contains(f.caseRecord().caseNumber()).contains("无权查看");
                }
            }
            case CASE_SEARCH -> {
                KaribuUi.signIn(ctx, user);
                UI.getCurrent().navigate(CaseSearchView.class);
                _get(TextField.class, s -> s.withId("case-number")).setValue(f.caseRecord().caseNumber());
                _get(Button.class, s -> s.withId("search-cases")).click();
                @SuppressWarnings("unchecked")
                Grid<CaseRecord> results = _get(Grid.class, s -> s.withId("case-results"));
                List<CaseRecord> found = results.getGenericDataView().getItems().toList();
                assertThat(found.stream().anyMatch(c -> c.id() == f.caseRecord().id())).isEqualTo(allowed);
            }
            case ATTACHMENT -> {
                if (allowed) {
                    assertThat(timeline.attachmentContent(f.attachmentId(), scope)).isEqualTo(LoopDriver.PNG_AS_STORED);
                } else {
                    assertThatThrownBy(() -> timeline.attachmentContent(f.attachmentId(), scope)).isInstanceOf(CaseNotFoundException.class);
                }
            }
            // the overdue board (page and /api/board) lists the open cases of a grid through the same scope
            case BOARD -> assertThat(boards.openCasesOfGrid(f.caseRecord().gridCode(), scope, java.util.Locale.SIMPLIFIED_CHINESE).stream()
                    .anyMatch(b -> b.caseNumber().equals(f.caseRecord().caseNumber()))).isEqualTo(allowed);
            case SUPERVISION_LIST -> assertThat(supervision.openOrders(500, scope).stream()
                    .anyMatch(o -> o.caseId() == f.caseRecord().id())).isEqualTo(allowed);
            case INBOX_PAGE -> assertThat(pages.page(user, groups, InboxQuery.firstPage(InboxQuery.Scope.ALL).page(0, 500)).stream()
                    .anyMatch(t -> t.taskId().equals(f.taskId()))).isEqualTo(allowed);
            case TASK_OPEN -> {
                if (allowed) {
                    assertThat(inbox.open(f.taskId(), user, groups).caseRecord().id()).isEqualTo(f.caseRecord().id());
                } else {
                    assertThatThrownBy(() -> inbox.open(f.taskId(), user, groups)).isInstanceOf(InboxException.class)
                            .extracting(e -> ((InboxException) e).messageKey()).isEqualTo("error.task.notYours");
                }
            }
            case TASK_CLAIM -> {
                if (allowed) {
                    inbox.claim(f.taskId(), user, groups);
                    inbox.unclaim(f.taskId(), user);
                } else {
                    assertThatThrownBy(() -> inbox.claim(f.taskId(), user, groups)).isInstanceOf(InboxException.class);
                    assertThat(pages.find(f.taskId()).orElseThrow().assignee()).isNull();
                }
            }
            case API_CASE -> {
                var response = rest("GET", "/api/cases/" + f.caseRecord().caseNumber(), user);
                assertThat(response.statusCode()).as(response.body()).isEqualTo(allowed ? 200 : 404);
                if (!allowed) {
                    assertThat(response.body()).as("the refusal says why, and nothing of the case").contains("无权查看")
                            .doesNotContain(f.caseRecord().description());
                }
            }
            case API_INBOX -> assertThat(rest("GET", "/api/inbox?scope=ALL&limit=500", user).body()).satisfies(body -> {
                if (allowed) {
                    assertThat(body).contains(f.taskId());
                } else {
                    assertThat(body).doesNotContain(f.taskId());
                }
            });
            case API_COMPLETE -> {
                var response = rest("POST", "/api/tasks/" + f.taskId() + "/complete", user);
                assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
                assertThat(response.body()).contains("error.task.notYours");
                assertThat(pages.find(f.taskId())).as("the task is still open").isPresent();
            }
            case REST_TASK -> assertThat(rest("GET", "/engine-rest/task/" + f.taskId(), user).statusCode())
                    .isEqualTo(allowed ? 200 : 404);
            case REST_VARIABLES -> {
                var response = rest("GET", "/engine-rest/process-instance/" + f.caseRecord().processInstanceId() + "/variables", user);
                if (allowed) {
                    assertThat(response.statusCode()).isEqualTo(200);
                } else {
                    assertThat(response.statusCode()).as("a clean refusal: %s", response.body()).isIn(403, 404);
                }
            }
            case REST_COMPLETE -> {
                var response = rest("POST", "/engine-rest/task/" + f.taskId() + "/complete", user);
                assertThat(response.statusCode()).as("a clean refusal: %s", response.body()).isIn(403, 404);
                assertThat(pages.find(f.taskId())).as("the task is still open").isPresent();
            }
            case COCKPIT -> assertThat(cockpitLogin(user)).as("signed in, but no Cockpit for this role").isEqualTo(allowed ? 200 : 403);
            case MESSAGES -> {
                KaribuUi.signIn(ctx, user);
                UI.getCurrent().navigate(io.gridloop.notify.MessagesView.class);
                @SuppressWarnings("unchecked")
                Grid<io.gridloop.notify.OutboxMessage> messages = _get(Grid.class, s -> s.withId("messages"));
                List<io.gridloop.notify.OutboxMessage> about = messages.getGenericDataView().getItems()
                        .filter(m -> m.subject().contains(f.caseRecord().caseNumber())).toList();
                assertThat(about.isEmpty()).as("told about the case").isEqualTo(!allowed);
                // each one the official's own, its case link there only while their scope sees the case
                assertThat(about).allSatisfy(m -> {
                    assertThat(m.recipient()).isEqualTo(user);
                    assertThat(m.link() != null).isEqualTo(SEES.get(row.target()).contains(user));
                });
            }
            case MAIL -> assertThat(java.util.Arrays.stream(SMTP.getReceivedMessages()).filter(m -> {
                try {
                    return m.getAllRecipients()[0].toString().equals(user + "@gridloop.local")
                            && m.getSubject().contains(f.caseRecord().caseNumber());
                } catch (jakarta.mail.MessagingException e) {
                    throw new IllegalStateException(e);
                }
            }).count() > 0).as("mailed about the case").isEqualTo(allowed);
        }
    }

    /** Citizens (not signed in) see only the case of their tracking code, and of it only what is theirs to know. */
    @org.junit.jupiter.api.Test
    void aCitizenSeesOnlyTheCaseOfTheirTrackingCode() {
        KaribuUi.anonymous(ctx);
        CaseRecord mine = FIXTURES.get(Target.VERIFY_S03).caseRecord();
        UI.getCurrent().navigate("track/" + mine.trackingCode());
        String shown = _get(com.vaadin.flow.component.html.Div.class, s -> s.withId("track-result")).getElement().getTextRecursively();
        assertThat(shown).contains(mine.caseNumber()).contains("核实");
        for (String privateFact : List.of("lina", "wangwei", "lihua", mine.reporterPhone(), mine.reporterName(), "S03C02G01")) {
            assertThat(shown).as("no names, contacts or places of officials and reporters").doesNotContain(privateFact);
        }
        for (Fixture other : FIXTURES.values()) {
            if (other.caseRecord().id() != mine.id()) {
                assertThat(shown).doesNotContain(other.caseRecord().caseNumber());
            }
        }
        UI.getCurrent().navigate("track/" + "ZZZZ2222ZZZZ");
        assertThat(_get(com.vaadin.flow.component.html.Div.class, s -> s.withId("track-result")).getElement().getTextRecursively())
                .contains("没有这个查询码的案件");
        // the officials' case page is not a public door
        UI.getCurrent().navigate(CaseView.class, new RouteParameters("caseNumber", mine.caseNumber()));
        assertThat(_find(CaseDetails.class)).isEmpty();
        assertThat(_find(LoginView.class)).hasSize(1);
    }

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> rest(String method, String path, String user) throws Exception {
        String basic = Base64.getEncoder().encodeToString((user + ":" + "demo").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/json")
                .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}"))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Cockpit's own sign-in, as the webapp's login page posts it. */
    private int cockpitLogin(String user) throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/camunda/app/cockpit/default/"))
                .build(), HttpResponse.BodyHandlers.ofString());
        List<String> cookies = page.headers().allValues("Set-Cookie").stream().map(c -> c.split(";", 2)[0]).toList();
        String xsrf = page.headers().firstValue("X-XSRF-TOKEN").orElse(cookies.stream().filter(c -> c.startsWith("XSRF-TOKEN="))
                .map(c -> c.substring("XSRF-TOKEN=".length())).findFirst().orElse(""));
        HttpRequest login = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/camunda/api/admin/auth/user/default/login/cockpit"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-XSRF-TOKEN", xsrf)
                .header("Cookie", String.join("; ", cookies))
                .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=demo"))
                .build();
        return http.send(login, HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
