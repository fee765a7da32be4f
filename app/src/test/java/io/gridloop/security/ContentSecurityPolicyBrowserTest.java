package io.gridloop.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridloop.support.Browser;
import io.gridloop.support.LoopDriver;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * A real Chromium under GridLoop's Content-Security-Policy: the login page signs in (with its CSRF token), the inbox
 * renders, the report page's map loads Leaflet from /webjars and draws the grids, and the browser reports no violation
 * of the policy meanwhile; Cockpit's login page renders under Camunda's own policy.
 */
@Tag("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(LoopDriver.class)
class ContentSecurityPolicyBrowserTest {

    @LocalServerPort
    int port;

    @Test
    void theInboxAndTheMapWorkUnderThePolicy() throws Exception {
        try (Browser browser = new Browser()) {
            browser.login("http://localhost:" + port, "wangwei", "demo");
            JavascriptExecutor js = (JavascriptExecutor) browser.driver();
            // the app is one page: violations from here on (the map's script and style loaded at run time) are caught
            js.executeScript("window.__violations = []; document.addEventListener('securitypolicyviolation',"
                    + " e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));");
            browser.waitForClickable(By.cssSelector("vaadin-side-nav-item[path='report']")).click();
            browser.waitFor(By.id("grid-map"));
            browser.waitUntil(d -> d.findElements(By.cssSelector("#grid-map path.leaflet-interactive")).size() == 45);
            browser.screenshot("csp-report-map");
            @SuppressWarnings("unchecked")
            List<String> violations = (List<String>) js.executeScript("return window.__violations;");
            assertThat(violations).as("Content-Security-Policy violations").isEmpty();

        }
        // Cockpit keeps Camunda's own nonce-based policy: its login page renders (a browser of its own, as a process
        // owner opens it; a GridLoop session in the same browser has nothing to do with Cockpit's login)
        try (Browser browser = new Browser()) {
            browser.driver().get("http://localhost:" + port + "/camunda/app/cockpit/default/");
            try {
                browser.waitFor(By.cssSelector("input[name='username'], input#inputUsername, input[type='password']"));
            } finally {
                browser.screenshot("csp-cockpit-login");
            }
        }
    }
}
