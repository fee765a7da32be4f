package io.gridloop.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridloop.casefile.CaseRecord;
import io.gridloop.casefile.Channel;
import io.gridloop.casefile.Urgency;
import io.gridloop.intake.Report;
import io.gridloop.intake.ReportService;
import io.gridloop.support.Browser;
import io.gridloop.support.LoopDriver;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * A real Chromium: the board's map draws an open case reported at a point as a point of its state's colour on its canvas
 * (no tiles, nothing fetched from elsewhere), and a click on the point opens the case.
 */
@Tag("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(LoopDriver.class)
class BoardMapPointsBrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    LoopDriver loop;
    @Autowired
    ReportService reports;

    @AfterEach
    void clock() {
        loop.resetClock();
    }

    private static Object js(WebDriver d, String script) {
        return ((JavascriptExecutor) d).executeScript(script);
    }

    @Test
    void anOverdueCaseIsARedPointAndAClickOpensIt() throws Exception {
        loop.at(LoopDriver.MONDAY_0900);
        CaseRecord c = reports.report(new Report(Channel.GRID_WORKER, Urgency.NORMAL, null, "STREETLIGHT", null, 116.3415, 39.95,
                "德胜门外", "路灯不亮", null, null, null, false, List.of()), "wangwei");
        loop.at(LoopDriver.MONDAY_0900.plus(Duration.ofMinutes(61)));
        String base = "http://localhost:" + port;
        try (Browser browser = new Browser()) {
            browser.login(base, "wuqiang", "demo");
            browser.driver().get(base + "/board");
            browser.waitFor(By.id("board-map"));
            String find = """
                    const m = document.getElementById('board-map');
                    const p = m && m._cases && Object.values(m._cases._layers).find(l => l.getTooltip().getContent().startsWith('%s'));
                    """.formatted(c.caseNumber());
            browser.waitUntil(d -> "#c62828".equals(js(d, find + "return p ? p.options.fillColor : null;")));
            assertThat(browser.driver().findElements(By.cssSelector("#board-map canvas"))).isNotEmpty();
            assertThat(browser.driver().findElements(By.cssSelector("#board-map img"))).isEmpty();
            assertThat(((Number) js(browser.driver(), "return performance.getEntriesByType('resource')"
                    + ".filter(e => !e.name.startsWith(location.origin)).length")).intValue()).as("nothing fetched from elsewhere").isZero();
            browser.screenshot("board-points");
            js(browser.driver(), find + "p.fire('click');");
            browser.waitUntil(d -> d.getCurrentUrl().endsWith("/case/" + c.caseNumber()));
        }
    }
}
