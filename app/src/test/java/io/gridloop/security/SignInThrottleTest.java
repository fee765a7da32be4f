package io.gridloop.security;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import io.gridloop.support.HttpFrom;
import io.gridloop.support.KaribuUi;
import io.gridloop.support.LoopDriver;
import io.gridloop.ui.SignInLimitsView;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * Wrong passwords hold back the client that sends them, for that account, for a short and growing wait, in every door
 * (the login page, HTTP Basic at /api and /engine-rest, Cockpit's login); they never lock the account, so the official
 * signs in from another client at once and from the same one after the wait. Two clients are two local addresses.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(LoopDriver.class)
class SignInThrottleTest {

    static final String CLIENT_A = "127.0.0.2";
    static final String CLIENT_B = "127.0.0.3";

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext ctx;
    @Autowired
    IdentityService identity;
    @Autowired
    SignInThrottle throttle;

    @BeforeEach
    void freezeTheClock() {
        ProcessEngines.registerProcessEngine(ctx.getBean(ProcessEngine.class));
        // the throttle counts time on the application's (engine's) clock: frozen here, moved by the tests
        ClockUtil.setCurrentTime(new Date());
    }

    @AfterEach
    void clearThePairs() {
        for (String user : List.of("admin", "owner", "wuqiang")) {
            for (String client : List.of(CLIENT_A, CLIENT_B)) {
                throttle.succeeded(user, client);
            }
        }
        ClockUtil.reset();
        KaribuUi.signOut();
    }

    private HttpFrom.Response api(String client, String user, String password, String path, String... headers) throws Exception {
        List<String> all = new ArrayList<>(List.of("Authorization", HttpFrom.basic(user, password)));
        all.addAll(List.of(headers));
        return new HttpFrom(client, port).get(path, all.toArray(String[]::new));
    }

    private void moveClock(long seconds) {
        ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + seconds * 1000));
    }

    @Test
    void wrongPasswordsForAdminFromOneClientNeverStopAdminFromAnother() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(api(CLIENT_A, "admin", "guess" + i, "/api/inbox").status()).isEqualTo(401);
        }
        // client A is held back, even with the right password, and is told so in words
        HttpFrom.Response held = api(CLIENT_A, "admin", "demo", "/api/inbox");
        assertThat(held.status()).as(held.body()).isEqualTo(429);
        assertThat(held.body()).contains("\"code\":\"error.signIn.throttled\"").contains("尝试过于频繁，请 6 秒后再试");
        assertThat(held.header("Retry-After")).isEqualTo("6");
        assertThat(api(CLIENT_A, "admin", "demo", "/api/inbox", "Accept-Language", "en").body())
                .contains("Too many attempts, try again in 6 s");
        assertThat(api(CLIENT_A, "admin", "demo", "/engine-rest/process-definition").status()).isEqualTo(429);
        assertThat(loginForm(CLIENT_A, "admin", "demo")).endsWith("/login?throttled=6");

        // client B signs in as admin at once, at every door
        assertThat(api(CLIENT_B, "admin", "demo", "/api/inbox").status()).isEqualTo(200);
        assertThat(api(CLIENT_B, "admin", "demo", "/engine-rest/process-definition").status()).isEqualTo(200);
        assertThat(loginForm(CLIENT_B, "admin", "demo")).doesNotContain("/login");
        assertThat(identity.checkPassword("admin", "demo")).as("the account itself is not locked").isTrue();
    }

    @Test
    void afterTheWaitTheRightPasswordWorksAndClearsThePair() throws Exception {
        for (int i = 0; i < 5; i++) {
            api(CLIENT_A, "admin", "guess" + i, "/engine-rest/process-definition");
        }
        assertThat(api(CLIENT_A, "admin", "demo", "/engine-rest/process-definition").status()).isEqualTo(429);
        moveClock(5);
        assertThat(api(CLIENT_A, "admin", "demo", "/api/inbox").status()).as("still a second to wait").isEqualTo(429);
        moveClock(1);
        assertThat(api(CLIENT_A, "admin", "demo", "/engine-rest/process-definition").status()).isEqualTo(200);
        // the right password started the pair afresh: the next wrong one is just wrong
        assertThat(api(CLIENT_A, "admin", "guess", "/api/inbox").status()).isEqualTo(401);
        assertThat(api(CLIENT_A, "admin", "demo", "/api/inbox").status()).isEqualTo(200);
    }

    @Test
    void nothingIsPermanentTheWaitGrowsToThreeMinutesAtMost() throws Exception {
        List<Long> waits = new ArrayList<>();
        int failures = 0;
        while (failures < 40) {
            HttpFrom.Response r = api(CLIENT_A, "admin", "guess" + failures, "/api/inbox");
            if (r.status() == 429) {
                long wait = Long.parseLong(r.header("Retry-After"));
                waits.add(wait);
                moveClock(wait);
            } else {
                assertThat(r.status()).isEqualTo(401);
                failures++;
            }
        }
        assertThat(waits).first().isEqualTo(6L);
        assertThat(waits).allMatch(w -> w <= 180).contains(180L);
        long wait = Long.parseLong(api(CLIENT_A, "admin", "demo", "/api/inbox").header("Retry-After"));
        moveClock(wait);
        assertThat(api(CLIENT_A, "admin", "demo", "/api/inbox").status()).isEqualTo(200);

        // the engine's own lockout is off: wrong passwords straight at the identity service lock nothing either
        for (int i = 0; i < 12; i++) {
            assertThat(identity.checkPassword("admin", "guess" + i)).isFalse();
        }
        assertThat(identity.checkPassword("admin", "demo")).isTrue();
    }

    @Test
    void cockpitsOwnLoginIsThrottledTheSameWay() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(cockpitLogin(CLIENT_A, "owner", "guess" + i).status()).isEqualTo(401);
        }
        HttpFrom.Response held = cockpitLogin(CLIENT_A, "owner", "demo");
        assertThat(held.status()).isEqualTo(429);
        assertThat(held.body()).contains("尝试过于频繁");
        assertThat(cockpitLogin(CLIENT_B, "owner", "demo").status()).isEqualTo(200);
    }

    @Test
    void administratorsSeeWhoIsHeldBack() throws Exception {
        for (int i = 0; i < 5; i++) {
            api(CLIENT_A, "wuqiang", "guess" + i, "/api/inbox");
        }
        KaribuUi.signIn(ctx, "admin");
        UI.getCurrent().navigate(SignInLimitsView.class);
        @SuppressWarnings("unchecked")
        Grid<SignInThrottle.Throttled> grid = _get(Grid.class, s -> s.withId("throttled-sign-ins"));
        assertThat(grid.getGenericDataView().getItems().toList())
                .anyMatch(t -> t.account().equals("wuqiang") && t.client().equals(CLIENT_A) && t.failures() == 5 && t.waitSeconds() == 6);
        KaribuUi.signOut();

        KaribuUi.signIn(ctx, "wuqiang");
        UI.getCurrent().navigate(SignInLimitsView.class);
        // Karibu shows the refusal as an error view (its locators would throw): the view itself must not be open
        assertThat(UI.getCurrent().getInternals().getActiveRouterTargetsChain()).as("administrators only")
                .noneMatch(SignInLimitsView.class::isInstance);
    }

    @Test
    void theLoginPageSaysHowLongToWait() {
        KaribuUi.anonymous(ctx);
        UI.getCurrent().navigate("login", com.vaadin.flow.router.QueryParameters.of("throttled", "6"));
        com.vaadin.flow.component.login.LoginForm form = _get(com.vaadin.flow.component.login.LoginForm.class);
        assertThat(form.isError()).isTrue();
        assertThat(String.valueOf(form.getElement().getPropertyRaw("i18n"))).contains("尝试过于频繁，请 6 秒后再试");
        UI.getCurrent().navigate("login", com.vaadin.flow.router.QueryParameters.of("error", ""));
        form = _get(com.vaadin.flow.component.login.LoginForm.class);
        assertThat(form.isError()).isTrue();
        assertThat(String.valueOf(form.getElement().getPropertyRaw("i18n"))).contains("用户名或密码错误").doesNotContain("尝试过于频繁");
    }

    /** The login page as a browser posts it: the page's CSRF token, the session cookie; answers where it sends the browser. */
    private String loginForm(String client, String user, String password) throws Exception {
        HttpFrom browser = new HttpFrom(client, port);
        String token = csrfToken(browser.get("/login").body());
        HttpFrom.Response r = browser.send("POST", "/login", "username=" + user + "&password=" + password + "&_csrf=" + token,
                "Content-Type", "application/x-www-form-urlencoded");
        assertThat(r.status()).isEqualTo(302);
        return r.header("Location");
    }

    static String csrfToken(String page) {
        Matcher m = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"").matcher(page);
        assertThat(m.find()).as("the page carries its CSRF token").isTrue();
        return m.group(1);
    }

    private HttpFrom.Response cockpitLogin(String client, String user, String password) throws Exception {
        HttpFrom browser = new HttpFrom(client, port);
        HttpFrom.Response page = browser.get("/camunda/app/cockpit/default/");
        String xsrf = page.header("X-XSRF-TOKEN");
        return browser.send("POST", "/camunda/api/admin/auth/user/default/login/cockpit", "username=" + user + "&password=" + password,
                "Content-Type", "application/x-www-form-urlencoded", "X-XSRF-TOKEN", xsrf == null ? "" : xsrf);
    }
}
