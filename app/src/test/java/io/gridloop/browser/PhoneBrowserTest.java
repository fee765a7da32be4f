package io.gridloop.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridloop.process.CaseLoop;
import io.gridloop.casefile.CaseRecord;
import io.gridloop.support.Browser;
import io.gridloop.support.LoopDriver;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * A grid worker's pages on a phone (390 × 844) in a real Chromium: the inbox, the report page and the on-site
 * verification form fit the screen (no sideways scrolling), the header keeps the name on one line and sign-out in view,
 * the inbox's filters fold away, and what is tapped is at least 40 px.
 */
@Tag("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(LoopDriver.class)
class PhoneBrowserTest {

    /** What a page shows a phone: its width against the screen's, the header's parts, what is too small to tap. */
    private static final String MEASURE = """
            const vw = window.innerWidth;
            const box = e => e ? e.getBoundingClientRect() : null;
            const shown = e => { const r = box(e); return r && r.width > 0 && r.height > 0
                && getComputedStyle(e).visibility !== 'hidden'; };
            const logout = document.getElementById('logout');
            const lr = box(logout);
            const hit = lr ? document.elementFromPoint(lr.left + lr.width / 2, lr.top + lr.height / 2) : null;
            const small = [...document.querySelectorAll('vaadin-button, vaadin-drawer-toggle, vaadin-tab, vaadin-checkbox, vaadin-radio-button')]
                .filter(shown).filter(e => { const r = box(e); return r.bottom > 0 && r.top < window.innerHeight * 3; })
                .filter(e => { const r = box(e); return r.height < 40 || r.width < 40; })
                .map(e => (e.id || e.tagName.toLowerCase()) + ' ' + Math.round(box(e).width) + 'x' + Math.round(box(e).height)
                    + ' "' + (e.textContent || '').trim().slice(0, 20) + '"');
            const who = document.querySelector('.gl-who-name');
            return {
              scrollWidth: document.documentElement.scrollWidth, innerWidth: vw,
              logoutInView: !!lr && lr.width > 0 && lr.left >= 0 && lr.right <= vw && lr.top >= 0
                  && !!hit && (hit === logout || logout.contains(hit)),
              nameHeight: who ? Math.round(box(who).height) : -1,
              small: small
            };""";

    @LocalServerPort
    int port;
    @Autowired
    LoopDriver loop;

    @SuppressWarnings("unchecked")
    private Map<String, Object> measure(Browser browser, String page) throws Exception {
        browser.screenshot("phone-" + page);
        return (Map<String, Object>) browser.js(MEASURE);
    }

    private void assertFits(Map<String, Object> m, String page) {
        assertThat(((Number) m.get("scrollWidth")).intValue()).as("%s scrolls sideways: %s", page, m)
                .isLessThanOrEqualTo(((Number) m.get("innerWidth")).intValue());
        assertThat(m.get("logoutInView")).as("%s: 退出 visible and tappable: %s", page, m).isEqualTo(true);
        assertThat(((Number) m.get("nameHeight")).intValue()).as("%s: the official's name on one line: %s", page, m)
                .isBetween(1, 30);
        assertThat((List<String>) m.get("small")).as("%s: touch targets under 40 px", page).isEmpty();
    }

    @Test
    void gridWorkersPagesFitAPhone() throws Exception {
        // a citizen's report in wangwei's grid waits for his on-site verification
        CaseRecord c = loop.reportByCitizen("MANHOLE");
        String base = "http://localhost:" + port;
        try (Browser browser = new Browser().phone()) {
            browser.login(base, "wangwei", "demo");
            assertThat(browser.js("return window.innerWidth")).as("the page takes the phone's width").isEqualTo(390L);
            browser.waitFor(By.xpath("//vaadin-grid-cell-content[contains(., '" + c.caseNumber() + "')]"));
            assertFits(measure(browser, "inbox"), "inbox");
            // folded: not drawn at all until first opened (the server sends the fields then)
            String filtersHeight = "const f = document.getElementById('inbox-filters'); return f ? f.getBoundingClientRect().height : 0";
            assertThat(browser.js(filtersHeight)).as("the filters are folded away on a phone").isEqualTo(0L);
            browser.driver().findElement(By.id("show-filters")).click();
            browser.waitUntil(d -> ((Number) browser.js(filtersHeight))
                    .doubleValue() > 0);
            assertFits(measure(browser, "inbox-filters"), "inbox with its filters open");

            browser.driver().get(base + "/report");
            browser.waitFor(By.id("submit-report"));
            browser.waitFor(By.cssSelector("#grid-map path.leaflet-interactive"));
            assertFits(measure(browser, "report"), "report");

            browser.driver().get(base + "/task/" + loop.task(c.id(), CaseLoop.TASK_VERIFY).taskId());
            browser.waitForClickable(By.id("submit-task"));
            browser.waitFor(By.id("case-description"));
            assertFits(measure(browser, "verify"), "verification form");
            assertThat(browser.js("""
                    return [...document.querySelectorAll('.gl-task-split > *')]
                        .filter(e => e.scrollHeight > e.clientHeight + 1 || e.clientHeight < 100).map(e => e.className);"""))
                    .as("the form and the case stack up, nothing cut off").asList().isEmpty();
            assertThat(browser.js("return document.title")).asString().contains("核实");
        }
    }
}
