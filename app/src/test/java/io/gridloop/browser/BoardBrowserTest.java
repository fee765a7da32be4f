package io.gridloop.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridloop.casefile.CaseRecord;
import io.gridloop.casefile.Channel;
import io.gridloop.intake.ReportService;
import io.gridloop.metrics.BoardService;
import io.gridloop.security.AccessScope;
import io.gridloop.security.Roles;
import io.gridloop.support.Browser;
import io.gridloop.support.LoopDriver;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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
 * A real Chromium: the manager signs in, opens the overdue board, sees the trend drawn by Chart.js and the grids drawn by
 * Leaflet without any tile server, and watches the board change by itself when a deadline's timer fires.
 */
@Tag("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(LoopDriver.class)
class BoardBrowserTest {

    static final AccessScope MANAGER = AccessScope.of("wuqiang", List.of(Roles.MANAGER), Set.of());

    @LocalServerPort
    int port;
    @Autowired
    LoopDriver loop;
    @Autowired
    ReportService reports;
    @Autowired
    BoardService boards;

    @AfterEach
    void clock() {
        loop.resetClock();
    }

    private static Object js(WebDriver d, String script) {
        return ((JavascriptExecutor) d).executeScript(script);
    }

    @Test
    void managerSeesTheChartAndTheMapDrawnAndTheBoardChangesWhenATimerFires() throws Exception {
        loop.at(LoopDriver.MONDAY_0900);
        CaseRecord c = reports.report(LoopDriver.report(Channel.GRID_WORKER, "STREETLIGHT", "S03C01G03"), "lihua");
        String base = "http://localhost:" + port;
        try (Browser browser = new Browser()) {
            browser.login(base, "wuqiang", "demo");
            browser.driver().get(base + "/board");
            browser.waitFor(By.id("board-chart"));
            // Chart.js from its WebJar drew the trend on the canvas
            browser.waitUntil(d -> Boolean.TRUE.equals(js(d, """
                    const c = document.querySelector('#board-chart canvas');
                    return !!(window.Chart && c && Chart.getChart(c) && c.width > 0 && c.height > 0);""")));
            assertThat(((Number) js(browser.driver(), "return Chart.getChart(document.querySelector('#board-chart canvas')).data.datasets.length"))
                    .intValue()).isEqualTo(3);
            // Leaflet drew every grid's polygon, and no tile was asked for
            browser.waitUntil(d -> d.findElements(By.cssSelector("#board-map path.leaflet-interactive")).size() == 45);
            assertThat(browser.driver().findElements(By.cssSelector("#board-map img"))).isEmpty();
            assertThat(((Number) js(browser.driver(), "return performance.getEntriesByType('resource')"
                    + ".filter(e => !e.name.startsWith(location.origin)).length")).intValue()).as("nothing fetched from elsewhere").isZero();

            long before = boards.board(MANAGER, Locale.SIMPLIFIED_CHINESE).counts().overdue();
            browser.waitUntil(d -> d.findElement(By.id("board-overdue")).getText().equals(Long.toString(before)));
            assertThat(browser.driver().getPageSource()).doesNotContain(c.caseNumber());
            browser.screenshot("board-before");

            // an hour and a minute later the deadline's timers fire; the page is not reloaded
            loop.at(LoopDriver.MONDAY_0900.plus(Duration.ofMinutes(61)));
            long after = boards.board(MANAGER, Locale.SIMPLIFIED_CHINESE).counts().overdue();
            assertThat(after).isGreaterThan(before);
            browser.waitUntil(d -> d.findElement(By.id("board-overdue")).getText().equals(Long.toString(after)));
            browser.waitUntil(d -> d.getPageSource().contains(c.caseNumber()));
            browser.waitUntil(d -> "#c62828".equals(js(d, """
                    const m = document.getElementById('board-map');
                    const l = m && m._layer && Object.values(m._layer._layers).find(x => x.feature.properties.code === 'S03C01G03');
                    return l ? l.options.fillColor : null;""")));
            // the trend's last point (now) was drawn again with the timer's overdue case
            var trend = boards.trend(io.gridloop.metrics.Trend.Granularity.DAY, MANAGER).points();
            long overdueNow = trend.get(trend.size() - 1).overdue();
            browser.waitUntil(d -> Long.valueOf(overdueNow).equals(((Number) js(d, """
                    const data = Chart.getChart(document.querySelector('#board-chart canvas')).data.datasets[1].data;
                    return data[data.length - 1];""")).longValue()));
            browser.screenshot("board-after");
        }
    }

    @Test
    void managerOpensTheEvaluationWithEveryFigureAndTheRankings() throws Exception {
        String base = "http://localhost:" + port;
        try (Browser browser = new Browser()) {
            browser.login(base, "wuqiang", "demo");
            browser.driver().get(base + "/evaluation");
            browser.waitFor(By.id("evaluation-table"));
            // the streets of the district, one row each, and the rules beside the figures
            browser.waitUntil(d -> d.findElements(By.xpath("//vaadin-grid[@id='evaluation-ranking-streets']/vaadin-grid-cell-content"))
                    .stream().anyMatch(e -> e.getText().contains("金融街")));
            assertThat(browser.driver().getPageSource()).contains("按期结案率", "计算规则");
            assertThat(browser.driver().findElement(By.id("evaluation-csv")).getAttribute("href")).isNotBlank();
            browser.screenshot("evaluation-wuqiang");
        }
    }
}
