package io.gridloop.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridloop.support.HttpFrom;
import io.gridloop.support.LoopDriver;
import java.util.List;
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
 * The doors as an attacker tries them: the login form without its CSRF token, the browser headers of every page, the
 * answers of unknown or odd requests at /api, /error and /engine-rest (a 4xx in words, never a 500, never an
 * exception's name).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(LoopDriver.class)
class SecurityDoorsTest {

    /** A client of its own, so that the wrong passwords here hold nobody else back. */
    static final String CLIENT = "127.0.0.4";

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext ctx;

    @BeforeEach
    void engine() {
        ProcessEngines.registerProcessEngine(ctx.getBean(ProcessEngine.class));
    }

    private HttpFrom client() {
        return new HttpFrom(CLIENT, port);
    }

    @Test
    void theLoginFormRefusesAMissingOrForgedCsrfTokenAndSignsInWithTheRightOne() throws Exception {
        HttpFrom browser = client();
        String token = SignInThrottleTest.csrfToken(browser.get("/login").body());
        String form = "username=lina&password=demo";
        assertThat(browser.send("POST", "/login", form, "Content-Type", "application/x-www-form-urlencoded").status())
                .as("no token").isEqualTo(403);
        assertThat(browser.send("POST", "/login", form + "&_csrf=forged" + token.substring(6), "Content-Type",
                "application/x-www-form-urlencoded").status()).as("a forged token").isEqualTo(403);
        assertThat(new HttpFrom(CLIENT, port).send("POST", "/login", form + "&_csrf=" + token, "Content-Type",
                "application/x-www-form-urlencoded").status()).as("another session's token").isEqualTo(403);

        HttpFrom.Response signedIn = browser.send("POST", "/login", form + "&_csrf=" + token, "Content-Type",
                "application/x-www-form-urlencoded");
        assertThat(signedIn.status()).isEqualTo(302);
        assertThat(signedIn.header("Location")).doesNotContain("login");
        HttpFrom.Response inbox = browser.get("/");
        assertThat(inbox.status()).as("signed in, the app opens").isEqualTo(200);
    }

    @Test
    void pagesCarryTheBrowserHeaders() throws Exception {
        HttpFrom.Response page = client().get("/login");
        assertThat(page.headers("Content-Security-Policy")).hasSize(1);
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'self'").contains("frame-ancestors 'self'")
                .contains("object-src 'none'").contains("base-uri 'self'").contains("form-action 'self'");
        assertThat(page.header("Referrer-Policy")).isEqualTo("strict-origin-when-cross-origin");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.headers("Set-Cookie")).anyMatch(c -> c.startsWith("JSESSIONID=") && c.contains("SameSite=Lax") && c.contains("HttpOnly"));

        HttpFrom.Response api = client().get("/api/inbox", "Authorization", HttpFrom.basic("lina", "demo"));
        assertThat(api.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(api.header("Referrer-Policy")).isEqualTo("strict-origin-when-cross-origin");

        // Cockpit keeps Camunda's own policy (its scripts carry a nonce), one policy, not two
        HttpFrom.Response cockpit = client().get("/camunda/app/cockpit/default/");
        assertThat(cockpit.headers("Content-Security-Policy")).hasSize(1);
        assertThat(cockpit.header("Content-Security-Policy")).contains("nonce-");
        assertThat(cockpit.header("Referrer-Policy")).isEqualTo("strict-origin-when-cross-origin");
    }

    @Test
    void theSessionCookieSaysSameSiteOnceAtEveryDoor() throws Exception {
        // the app's pages and Camunda's webapps (whose SessionCookieFilter would add its own SameSite to Spring's)
        for (String path : List.of("/login", "/camunda/app/cockpit/default/", "/camunda/api/admin/auth/user/default")) {
            HttpFrom.Response page = client().get(path);
            List<String> sessionCookies = page.headers("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID=")).toList();
            assertThat(sessionCookies).as(path).isNotEmpty().allSatisfy(c -> {
                assertThat(c.split("(?i)SameSite=", -1)).as(path + ": " + c).hasSize(2);
                assertThat(c).contains("SameSite=Lax");
            });
        }
    }

    @Test
    void unknownApiAddressesAreNotFoundInTheCallersLanguage() throws Exception {
        HttpFrom.Response zh = client().get("/api/no-such-thing", "Authorization", HttpFrom.basic("lina", "demo"));
        assertThat(zh.status()).isEqualTo(404);
        assertThat(zh.header("Content-Type")).startsWith("application/json");
        assertThat(zh.body()).contains("\"code\":\"error.notFound\"").contains("没有这个地址");
        HttpFrom.Response en = client().get("/api/cases/2026-000001/nothing", "Authorization", HttpFrom.basic("lina", "demo"),
                "Accept-Language", "en");
        assertThat(en.status()).isEqualTo(404);
        assertThat(en.body()).contains("No such address");
        HttpFrom.Response anonymous = client().get("/api/no-such-thing");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.body()).contains("\"code\":\"error.signIn.required\"");
    }

    @Test
    void theErrorPageOpenedDirectlyIsNotAServerError() throws Exception {
        HttpFrom.Response json = client().get("/error");
        assertThat(json.status()).isEqualTo(404);
        assertThat(json.body()).contains("\"code\":\"error.notFound\"").doesNotContain("trace").doesNotContain("Exception");
        assertThat(client().get("/error", "Accept", "text/html").status()).isEqualTo(404);
    }

    @Test
    void engineRestErrorsNameNoExceptionToOfficialsWhoAreNotProcessOwners() throws Exception {
        HttpFrom.Response message = client().send("POST", "/engine-rest/message", "{}", "Authorization", HttpFrom.basic("lina", "demo"),
                "Content-Type", "application/json");
        assertThat(message.status()).isEqualTo(400);
        assertThat(message.body()).doesNotContain("Exception").doesNotContain("\"type\"").contains("\"code\":\"error.request\"");
        HttpFrom.Response correlate = client().send("POST", "/engine-rest/message", "{\"messageName\":\"nope\"}", "Authorization",
                HttpFrom.basic("sunli", "demo"), "Content-Type", "application/json", "Accept-Language", "en");
        assertThat(correlate.status()).isBetween(400, 499);
        assertThat(correlate.body()).doesNotContain("Exception").doesNotContain("org.camunda");
        // process owners (Modeler, Cockpit) keep Camunda's own wording
        HttpFrom.Response owner = client().send("POST", "/engine-rest/message", "{}", "Authorization", HttpFrom.basic("owner", "demo"),
                "Content-Type", "application/json");
        assertThat(owner.status()).isEqualTo(400);
        assertThat(owner.body()).contains("\"type\"");
    }

    @Test
    void noDoorTellsWhetherSomeoneElsesPasswordIsRight() throws Exception {
        for (String path : List.of("/engine-rest/identity/verify", "/camunda/api/engine/engine/default/identity/verify")) {
            HttpFrom.Response r = client().send("POST", path, "{\"username\":\"admin\",\"password\":\"demo\"}", "Authorization",
                    HttpFrom.basic("owner", "demo"), "Content-Type", "application/json");
            assertThat(r.status()).as(path).isEqualTo(403);
            assertThat(r.body()).doesNotContain("authenticated");
        }
    }

    /** Odd methods, paths and content types, as a signed-in official who is no process owner tries them. */
    @Test
    void oddRequestsGetA4xxNeverA500() throws Exception {
        record Probe(String method, String path, String contentType, String body) {}
        List<Probe> probes = List.of(
                new Probe("PATCH", "/engine-rest/task", null, null),
                new Probe("POST", "/engine-rest/message", "text/plain", "x"),
                new Probe("POST", "/engine-rest/message", "application/json", "{bad"),
                new Probe("POST", "/engine-rest/process-definition/key/caseLoop/start", "application/xml", "<a/>"),
                new Probe("POST", "/engine-rest/process-definition/key/caseLoop/start", "application/json",
                        "{\"variables\":{\"a\":{\"value\":\"x\",\"type\":\"Object\",\"valueInfo\":{\"objectTypeName\":\"java.lang.Runtime\","
                                + "\"serializationDataFormat\":\"application/x-java-serialized-object\"}}}}"),
                new Probe("GET", "/engine-rest/task?maxResults=abc", null, null),
                new Probe("GET", "/engine-rest/task?sortBy=zzz&sortOrder=asc", null, null),
                new Probe("GET", "/engine-rest/process-instance/xyz/variables/foo/data", null, null),
                new Probe("GET", "/engine-rest/nothing/here", null, null),
                new Probe("POST", "/engine-rest/task/count", "application/json", "[]"),
                new Probe("POST", "/engine-rest/deployment/create", "multipart/form-data; boundary=xx", "garbage"),
                new Probe("PUT", "/api/cases/2026-000001", "application/json", "{}"),
                new Probe("DELETE", "/api/inbox", null, null),
                new Probe("POST", "/api/reports", "text/plain", "x"),
                new Probe("POST", "/api/reports", "application/json", "{\"channel\":\"NOPE\"}"),
                new Probe("POST", "/api/tasks/nope/complete", "application/json", "null"),
                new Probe("POST", "/api/tasks/nope/complete", "application/json", "{\"values\":1}"),
                new Probe("POST", "/api/tasks/nope/complete", "application/xml", "<values/>"),
                new Probe("GET", "/api/inbox?scope=XX&limit=abc", null, null),
                new Probe("GET", "/api/cases/%00", null, null));
        for (String official : List.of("lina", "wangwei")) {
            for (Probe p : probes) {
                List<String> headers = new java.util.ArrayList<>(List.of("Authorization", HttpFrom.basic(official, "demo")));
                if (p.contentType() != null) {
                    headers.addAll(List.of("Content-Type", p.contentType()));
                }
                HttpFrom.Response r = client().send(p.method(), p.path(), p.body(), headers.toArray(String[]::new));
                assertThat(r.status()).as("%s %s %s as %s: %s", p.method(), p.path(), p.contentType(), official, r.body())
                        .isBetween(400, 499);
                assertThat(r.body()).as("%s %s", p.method(), p.path()).doesNotContain("Exception").doesNotContain("org.camunda")
                        .doesNotContain("at io.gridloop");
            }
        }
    }

    /**
     * The WebJars carry their version in the path, so a browser keeps them a year (a returning official's report page
     * fetches no map script); what an official's session answers stays out of every cache.
     */
    @Test
    void versionedWebJarsAreCachedAndAnswersWithDataAreNot() throws Exception {
        HttpFrom.Response leaflet = client().get(io.gridloop.grid.LeafletMaps.LEAFLET + "leaflet.js");
        assertThat(leaflet.status()).isEqualTo(200);
        assertThat(leaflet.header("Cache-Control")).contains("max-age=31536000").contains("public").doesNotContain("no-store");
        assertThat(leaflet.header("Content-Security-Policy")).as("the page headers still apply").contains("default-src 'self'");
        HttpFrom.Response inbox = client().get("/api/inbox", "Authorization", HttpFrom.basic("lina", "demo"));
        assertThat(inbox.status()).isEqualTo(200);
        assertThat(inbox.header("Cache-Control")).contains("no-store");
    }
}
