package io.gridloop.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridloop.casefile.CaseFileService;
import io.gridloop.process.CaseLoop;
import io.gridloop.casefile.CaseRecord;
import io.gridloop.casefile.CaseStatus;
import io.gridloop.citizen.HumanCheck;
import io.gridloop.citizen.HumanCheckSolver;
import io.gridloop.support.Browser;
import io.gridloop.support.LoopDriver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * A citizen on a phone (390 × 844, touch) in a real Chromium: reports a problem with the thumb alone (the category
 * searched, the place from the phone's location, a photo, an e-mail, the sum), gets the tracking code, follows the case
 * and rates it once the check has passed. Every page fits the screen (no sideways scrolling) and what is tapped is at
 * least 40 px.
 */
@Tag("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(LoopDriver.class)
class CitizenBrowserTest {

    private static final String MEASURE = """
            const vw = window.innerWidth;
            const box = e => e.getBoundingClientRect();
            const shown = e => { const r = box(e); return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden'; };
            const small = [...document.querySelectorAll('vaadin-button, vaadin-radio-button, vaadin-checkbox, .leaflet-bar a, a')]
                .filter(shown).filter(e => { const r = box(e); return r.height < 40 || r.width < 40; })
                .map(e => (e.id || e.tagName.toLowerCase()) + ' ' + Math.round(box(e).width) + 'x' + Math.round(box(e).height)
                    + ' "' + (e.textContent || '').trim().slice(0, 20) + '"');
            return {scrollWidth: document.documentElement.scrollWidth, innerWidth: vw, small: small};""";

    @LocalServerPort
    int port;
    @Autowired
    LoopDriver loop;
    @Autowired
    HumanCheck check;
    @Autowired
    CaseFileService cases;
    @Autowired
    io.gridloop.casefile.CaseTimeline caseTimeline;

    @SuppressWarnings("unchecked")
    private void assertFits(Browser browser, String page) throws Exception {
        browser.screenshot("citizen-" + page);
        Map<String, Object> m = (Map<String, Object>) browser.js(MEASURE);
        assertThat(((Number) m.get("scrollWidth")).intValue()).as("%s scrolls sideways: %s", page, m)
                .isLessThanOrEqualTo(((Number) m.get("innerWidth")).intValue());
        assertThat((List<String>) m.get("small")).as("%s: touch targets under 40 px", page).isEmpty();
    }

    /**
     * A thumb's tap: the element scrolled to the middle of the screen, then tapped. Vaadin's development tools (the
     * tests run in development mode; production has none) lie over the screen's bottom and are put aside first.
     */
    private static void tap(Browser browser, By by) {
        WebElement e = browser.waitForClickable(by);
        browser.js("document.querySelectorAll('copilot-main, vaadin-dev-tools').forEach(t => t.style.display = 'none');"
                + "arguments[0].scrollIntoView({block: 'center'})", e);
        e.click();
    }

    private static WebElement inner(Browser browser, String hostId, String tag) {
        return browser.waitFor(By.cssSelector("#" + hostId + " " + tag));
    }

    @Test
    void aCitizenReportsWithTheThumbGetsTheTrackingCodeAndFollowsTheCase() throws Exception {
        String base = "http://localhost:" + port;
        Path photo = Files.createTempFile("manhole", ".png");
        Files.write(photo, LoopDriver.PNG);
        try (Browser browser = new Browser().phone()) {
            ChromeDriver chrome = (ChromeDriver) browser.driver();
            // the phone knows where it is and the citizen allows the page to ask
            chrome.executeCdpCommand("Browser.grantPermissions", Map.of("permissions", List.of("geolocation"), "origin", base));
            chrome.executeCdpCommand("Emulation.setGeolocationOverride", Map.of("latitude", 39.9275, "longitude", 116.3745, "accuracy", 10));

            chrome.get(base + "/citizen");
            browser.waitForClickable(By.id("citizen-submit"));
            browser.waitFor(By.cssSelector("#grid-map path.leaflet-interactive"));
            assertThat(browser.js("return window.innerWidth")).isEqualTo(390L);
            assertThat(browser.js("return document.title")).asString().contains("随手拍");
            assertFits(browser, "report");

            // the category: tapped, searched, picked
            inner(browser, "citizen-category", "input").click();
            inner(browser, "citizen-category", "input").sendKeys("井盖");
            tap(browser, By.xpath("//vaadin-combo-box-item[contains(., '井盖')]"));
            browser.waitUntil(d -> String.valueOf(browser.js("return document.getElementById('citizen-category').value")).length() > 0);

            // the place from the phone's location
            tap(browser, By.id("use-location"));
            browser.waitUntil(d -> d.findElement(By.id("citizen-place")).getText().startsWith("已选位置"));

            inner(browser, "description", "textarea").sendKeys("井盖缺失,夜间行人有坠落危险");
            WebElement file = (WebElement) browser.js("return document.getElementById('photos').shadowRoot.querySelector('input[type=file]')");
            file.sendKeys(photo.toString());
            browser.waitUntil(d -> Boolean.TRUE.equals(browser.js(
                    "return [...document.querySelectorAll('#photos vaadin-upload-file')].some(f => f.hasAttribute('complete'))")));
            inner(browser, "reporter-email", "input").sendKeys("citizen@example.org");

            String token = browser.waitFor(By.id("check-image")).getAttribute("data-check");
            inner(browser, "check-answer", "input").sendKeys(HumanCheckSolver.solve(check, token));
            assertFits(browser, "report-filled");
            tap(browser, By.id("citizen-submit"));

            String code = browser.waitFor(By.id("receipt-code")).getText().strip();
            assertThat(code).hasSize(12);
            assertFits(browser, "receipt");
            CaseRecord c = cases.findByTrackingCode(code).orElseThrow();
            assertThat(c.status()).isEqualTo(CaseStatus.VERIFYING);
            assertThat(caseTimeline.attachments(c.id())).hasSize(1);

            // follows the case
            tap(browser, By.id("receipt-track"));
            browser.waitUntil(d -> d.findElement(By.id("track-result")).getText().contains(c.caseNumber()));
            assertThat(browser.driver().findElement(By.id("track-result")).getText()).contains("待核实".substring(0, 1));
            assertFits(browser, "track");

            // the loop works it; when the check has passed, the citizen rates it on the tracking page
            String worker = "S03".equals(c.streetCode()) ? "lihua" : "wangwei";
            loop.complete(c.id(), CaseLoop.TASK_VERIFY, worker, Map.of("verifyResult", "CONFIRMED"));
            loop.complete(c.id(), CaseLoop.TASK_REGISTER, "lina", Map.of("registerDecision", "REGISTER"));
            loop.complete(c.id(), CaseLoop.TASK_DISPATCH, "zhangmin", Map.of("department", "water", "coDepartments", List.of()));
            loop.complete(c.id(), CaseLoop.TASK_HANDLE, "zhaolei", Map.of("handleOutcome", "FEEDBACK", "feedback", "已更换井盖"));
            loop.complete(c.id(), CaseLoop.TASK_CHECK, worker, Map.of("checkResult", "PASSED"));
            chrome.get(base + "/track/" + code);
            browser.waitForClickable(By.id("rating-send"));
            assertFits(browser, "rate");
            tap(browser, By.xpath("//vaadin-radio-button[contains(., '基本满意')]"));
            inner(browser, "rating-comment", "textarea").sendKeys("处理及时");
            tap(browser, By.id("rating-send"));
            browser.waitFor(By.id("rating-done"));
            assertThat(cases.get(c.id()).status()).isEqualTo(CaseStatus.FILED);
            assertThat(cases.get(c.id()).satisfaction()).isEqualTo("BASICALLY_SATISFIED");
            chrome.get(base + "/track/" + code);
            browser.waitUntil(d -> d.findElement(By.id("track-result")).getText().contains("您的评价"));
        } finally {
            Files.deleteIfExists(photo);
        }
    }
}
