package io.gridloop.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridloop.casefile.CaseRecord;
import io.gridloop.support.Browser;
import io.gridloop.support.KeycloakServer;
import io.gridloop.support.LoopDriver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The keycloak profile against a real Keycloak with the realm from config/: tokens carry the realm's groups, which
 * become the engine's groups and GridLoop's scope; refresh and sign-out behave; /engine-rest takes bearer tokens; a
 * real Chromium signs in on Keycloak's page and lands in the inbox.
 */
@Tag("keycloak")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "keycloak"})
@Import(LoopDriver.class)
class KeycloakSignInTest {

    @DynamicPropertySource
    static void keycloak(DynamicPropertyRegistry registry) {
        registry.add("GRIDLOOP_OIDC_ISSUER", () -> KeycloakServer.get().issuer());
        registry.add("GRIDLOOP_OIDC_CLIENT_SECRET", () -> KeycloakServer.SECRET);
        // as the prod profile does: the engine's administrator exists, so Camunda's first-run set-up page never shows
        registry.add("camunda.bpm.admin-user.id", () -> "admin");
        registry.add("camunda.bpm.admin-user.password", () -> "admin-" + java.util.UUID.randomUUID());
    }

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identity;
    @Autowired
    io.gridloop.intake.ReportService reports;
    @Autowired
    LoopDriver loop;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aTokensGroupsAreTheOfficialsGroupsAndScope() throws Exception {
        Map<String, Object> sunli = KeycloakServer.get().login("sunli", "demo");
        assertThat(sunli.get("status")).isEqualTo(200);
        HttpResponse<String> inbox = get("/api/inbox", (String) sunli.get("access_token"));
        assertThat(inbox.statusCode()).as(inbox.body()).isEqualTo(200);
        assertThat(identity.createGroupQuery().groupMember("sunli").list()).extracting(g -> g.getId()).containsExactly("dept-roads");

        // a case of another street and department stays out of reach with a Keycloak token too
        CaseRecord other = reports.report(LoopDriver.report(io.gridloop.casefile.Channel.HOTLINE, "STREETLIGHT", "S03C01G01"), "lina");
        assertThat(get("/api/cases/" + other.caseNumber(), (String) sunli.get("access_token")).statusCode()).isEqualTo(404);
        Map<String, Object> gaofei = KeycloakServer.get().login("gaofei", "demo");
        assertThat(get("/api/cases/" + other.caseNumber(), (String) gaofei.get("access_token")).statusCode())
                .as("S03's street official").isEqualTo(200);

        assertThat(KeycloakServer.get().login("sunli", "wrong").get("status")).isEqualTo(401);
        assertThat(get("/api/inbox", "not-a-token").statusCode()).isEqualTo(401);
        assertThat(get("/api/inbox", null).statusCode()).isEqualTo(401);
    }

    @Test
    void officialsWhoNeverSignedInAreKnownWithTheirGroupsSoTasksCanBeHandedToThem() throws Exception {
        // the directory sync at start has brought every Keycloak official into the engine
        assertThat(identity.createGroupQuery().groupMember("chenjing").list()).extracting(g -> g.getId()).containsExactly("dept-citymgmt");
        assertThat(identity.createUserQuery().memberOfGroup("dept-citymgmt").list()).extracting(u -> u.getId())
                .contains("liuyang", "chenjing");
        assertThat(identity.createUserQuery().userId("service-account-gridloop").count()).isZero();
        CaseRecord c = loop.reportByGridWorker("ILLEGAL_ADS");
        loop.complete(c.id(), io.gridloop.process.CaseLoop.TASK_REGISTER, "lina", Map.of("registerDecision", "REGISTER"));
        loop.complete(c.id(), io.gridloop.process.CaseLoop.TASK_DISPATCH, "zhangmin",
                Map.of("department", "citymgmt", "coDepartments", java.util.List.of()));
        String task = loop.task(c.id(), io.gridloop.process.CaseLoop.TASK_HANDLE).taskId();
        inbox.handOver(task, "liuyang", loop.groups("liuyang"), "chenjing");
        assertThat(pages.find(task).orElseThrow().assignee()).isEqualTo("chenjing");
    }

    @Autowired
    io.gridloop.inbox.InboxService inbox;
    @Autowired
    io.gridloop.inbox.InboxPages pages;

    @Test
    void refreshKeepsTheOfficialInAndSignOutEndsIt() throws Exception {
        Map<String, Object> lina = KeycloakServer.get().login("lina", "demo");
        Map<String, Object> refreshed = KeycloakServer.get().refresh((String) lina.get("refresh_token"));
        assertThat(refreshed.get("status")).isEqualTo(200);
        assertThat(get("/api/inbox", (String) refreshed.get("access_token")).statusCode()).isEqualTo(200);

        assertThat(KeycloakServer.get().logout((String) refreshed.get("refresh_token"))).isEqualTo(204);
        assertThat(KeycloakServer.get().refresh((String) refreshed.get("refresh_token")).get("status"))
                .as("after signing out no new token").isEqualTo(400);
    }

    @Test
    void engineRestTakesBearerTokensWithCamundaAuthorizations() throws Exception {
        String owner = (String) KeycloakServer.get().login("owner", "demo").get("access_token");
        String sunli = (String) KeycloakServer.get().login("sunli", "demo").get("access_token");
        HttpResponse<String> definitions = get("/engine-rest/process-definition?key=caseLoop", owner);
        assertThat(definitions.statusCode()).isEqualTo(200);
        assertThat(definitions.body()).contains("caseLoop");
        HttpResponse<String> none = get("/engine-rest/process-definition?key=caseLoop", sunli);
        assertThat(none.statusCode()).isEqualTo(200);
        assertThat(none.body()).as("a handler has no engine rights").isEqualTo("[]");
        assertThat(get("/engine-rest/process-definition", null).statusCode()).isEqualTo(401);

        // Camunda Modeler's deploy with a process owner's token (its "Bearer token" authentication); a handler's is refused
        String model = java.nio.file.Files.readString(java.nio.file.Path.of("../processes/caseLoop.bpmn"))
                .replace("name=\"立案审核\"", "name=\"立案审核(SSO)\"");
        assertThat(deploy(owner, model).statusCode()).isEqualTo(200);
        assertThat(deploy(sunli, model).statusCode()).isEqualTo(403);
    }

    private HttpResponse<String> deploy(String token, String bpmn) throws Exception {
        String boundary = "----gridloop" + System.nanoTime();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\ncaseLoop\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-source\"\r\n\r\nCamunda Modeler\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"caseLoop.bpmn\"; filename=\"caseLoop.bpmn\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + bpmn + "\r\n--" + boundary + "--\r\n";
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/engine-rest/deployment/create"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, java.nio.charset.StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anOfficialSignsInOnKeycloaksPageAndLandsInTheInbox() throws Exception {
        try (Browser browser = new Browser()) {
            browser.driver().get("http://localhost:" + port + "/");
            browser.waitFor(By.id("username")).sendKeys("zhangmin");
            browser.driver().findElement(By.id("password")).sendKeys("demo");
            browser.driver().findElement(By.id("kc-login")).click();
            browser.waitFor(By.id("inbox-grid"));
            assertThat(browser.driver().getPageSource()).contains("待办任务").contains("张敏");
            browser.screenshot("keycloak-inbox");

            // signing out of GridLoop ends the Keycloak session too: coming back asks for the password again
            browser.driver().findElement(By.id("logout")).click();
            browser.waitFor(By.id("username"));
            browser.driver().get("http://localhost:" + port + "/");
            assertThat(browser.waitFor(By.id("username")).isDisplayed()).isTrue();
            assertThat(browser.driver().findElements(By.id("inbox-grid"))).isEmpty();
        }
        assertThat(identity.createGroupQuery().groupMember("zhangmin").list()).extracting(g -> g.getId()).containsExactly("dispatcher");
    }

    @Test
    void cockpitSignsInThroughKeycloakAndOpensOnlyForProcessOwners() throws Exception {
        for (String user : new String[] {"owner", "zhangmin"}) {
            try (Browser browser = new Browser()) {
                browser.driver().get("http://localhost:" + port + "/camunda/app/cockpit/default/");
                browser.waitFor(By.id("username")).sendKeys(user);
                browser.driver().findElement(By.id("password")).sendKeys("demo");
                browser.driver().findElement(By.id("kc-login")).click();
                browser.waitUntil(d -> !d.getCurrentUrl().contains("/realms/"));
                // what Cockpit asks its back end about the signed-in user
                browser.driver().get("http://localhost:" + port + "/camunda/api/admin/auth/user/default");
                String who = browser.driver().findElement(By.tagName("body")).getText();
                assertThat(who).contains("\"userId\":\"" + user + "\"");
                if (user.equals("owner")) {
                    assertThat(who).contains("cockpit");
                    browser.driver().get("http://localhost:" + port + "/camunda/app/cockpit/default/");
                    // Cockpit's dashboard, not its login form nor its first-run set-up
                    // Cockpit's dashboard runs as the owner: it has read the process definitions through its API
                    browser.waitUntil(d -> (Boolean) ((org.openqa.selenium.JavascriptExecutor) d).executeScript(
                            "return performance.getEntriesByType('resource').some(e => e.name.includes('/process-definition/statistics')"
                                    + " && e.responseStatus === 200)"));
                    assertThat(browser.driver().getPageSource()).doesNotContain("Camunda Setup").doesNotContain("name=\"username\"");
                    browser.screenshot("keycloak-cockpit");
                } else {
                    assertThat(who).as("a dispatcher has no Cockpit").doesNotContain("cockpit");
                }
            }
        }
    }
}
