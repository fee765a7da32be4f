package io.gridloop.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridloop.support.HttpFrom;
import io.gridloop.support.LoopDriver;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * Single sign-on into Cockpit in the embedded default: the process owner signed in to GridLoop is signed in to Camunda's
 * webapps as themselves, with no second login; an official without the role is not; a browser signed in nowhere
 * still meets Camunda's own login.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(LoopDriver.class)
class WebappSingleSignOnTest {

    private static final String WHO_IS_SIGNED_IN = "/camunda/api/admin/auth/user/default";

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext ctx;

    @BeforeEach
    void registerTheEngine() {
        // Camunda's webapps find the engine in their static registry
        ProcessEngines.registerProcessEngine(ctx.getBean(ProcessEngine.class));
    }

    /** A browser signed in to GridLoop through its login page (its CSRF token, its session cookie). */
    private HttpFrom signedIn(String user) throws Exception {
        HttpFrom browser = new HttpFrom("127.0.0.1", port);
        String token = SignInThrottleTest.csrfToken(browser.get("/login").body());
        HttpFrom.Response r = browser.send("POST", "/login", "username=" + user + "&password=demo&_csrf=" + token,
                "Content-Type", "application/x-www-form-urlencoded");
        assertThat(r.status()).isEqualTo(302);
        assertThat(r.header("Location")).doesNotContain("error");
        return browser;
    }

    @Test
    void theProcessOwnerSignedInToGridLoopIsSignedInToCockpit() throws Exception {
        HttpFrom browser = signedIn("owner");
        HttpFrom.Response cockpit = browser.get("/camunda/app/cockpit/default/");
        assertThat(cockpit.status()).isEqualTo(200);
        HttpFrom.Response who = browser.get(WHO_IS_SIGNED_IN, "Accept", "application/json");
        assertThat(who.status()).as("no second login").isEqualTo(200);
        assertThat(who.body()).contains("\"userId\":\"owner\"").contains("cockpit");
        // Cockpit's own REST calls go through as the owner, with the owner's engine authorizations
        HttpFrom.Response definitions = browser.get("/camunda/api/engine/engine/default/process-definition/count",
                "Accept", "application/json");
        assertThat(definitions.status()).isEqualTo(200);
        assertThat(definitions.body()).doesNotContain("\"count\":0");
    }

    @Test
    void theAdministratorToo() throws Exception {
        HttpFrom.Response who = signedIn("admin").get(WHO_IS_SIGNED_IN, "Accept", "application/json");
        assertThat(who.status()).isEqualTo(200);
        assertThat(who.body()).contains("\"userId\":\"admin\"").contains("admin");
    }

    @Test
    void anOfficialWithoutTheRoleIsNotSignedInThere() throws Exception {
        HttpFrom browser = signedIn("lina");
        HttpFrom.Response who = browser.get(WHO_IS_SIGNED_IN, "Accept", "application/json");
        assertThat(who.status()).as("signed in to GridLoop, not to Cockpit").isNotEqualTo(200);
        assertThat(who.body()).doesNotContain("lina");
        HttpFrom.Response engine = browser.get("/camunda/api/engine/engine/default/process-definition/count", "Accept", "application/json");
        assertThat(engine.status()).isIn(401, 403);
    }

    @Test
    void theMenuLeadsProcessOwnersAndAdministratorsToCockpit() {
        for (String user : java.util.List.of("owner", "admin", "lina")) {
            io.gridloop.support.KaribuUi.signIn(ctx, user);
            com.vaadin.flow.component.UI.getCurrent().navigate(io.gridloop.inbox.InboxView.class);
            var items = com.github.mvysny.kaributesting.v10.LocatorJ._find(com.vaadin.flow.component.sidenav.SideNavItem.class);
            var cockpit = items.stream().filter(i -> "nav-cockpit".equals(i.getElement().getAttribute("id"))).findFirst();
            if (user.equals("lina")) {
                assertThat(cockpit).as(user).isEmpty();
            } else {
                assertThat(cockpit).as(user).hasValueSatisfying(i -> {
                    assertThat(i.getLabel()).contains("Cockpit");
                    assertThat(i.getPath()).contains("camunda/app/cockpit");
                    assertThat(i.isRouterIgnore()).as("a whole-page load").isTrue();
                });
            }
            io.gridloop.support.KaribuUi.signOut();
        }
    }

    @Test
    void aBrowserSignedInNowhereMeetsCamundasOwnLogin() throws Exception {
        HttpFrom browser = new HttpFrom("127.0.0.1", port);
        assertThat(browser.get(WHO_IS_SIGNED_IN, "Accept", "application/json").status()).isNotEqualTo(200);
    }
}
