package io.gridloop.citizen;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridloop.support.HttpFrom;
import io.gridloop.support.LoopDriver;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The citizens' pages over HTTP as anyone reaches them: open without signing in (no way to the login page), with the
 * pages' browser headers; a request that is not Vaadin's own carries Spring's CSRF token or is refused, and Vaadin's own
 * requests carry Vaadin's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(LoopDriver.class)
class CitizenDoorsTest {

    @LocalServerPort
    int port;

    @Test
    void theCitizensPagesOpenWithoutSigningIn() throws Exception {
        for (String page : new String[] {"/citizen", "/rate/1.2.x", "/track/ABCDEFGHJKMN"}) {
            HttpFrom.Response r = new HttpFrom("127.0.0.21", port).get(page);
            assertThat(r.status()).as(page).isEqualTo(200);
            assertThat(r.header("Content-Security-Policy")).as(page).contains("default-src 'self'").contains("img-src 'self' data:");
            assertThat(r.header("Location")).as(page).isNull();
        }
    }

    @Test
    void aFormPostedPastVaadinNeedsTheCsrfToken() throws Exception {
        HttpFrom browser = new HttpFrom("127.0.0.22", port);
        assertThat(browser.get("/citizen").status()).isEqualTo(200);
        HttpFrom.Response forged = browser.send("POST", "/citizen", "description=x", "Content-Type",
                "application/x-www-form-urlencoded");
        assertThat(forged.status()).isEqualTo(403);
    }
}
