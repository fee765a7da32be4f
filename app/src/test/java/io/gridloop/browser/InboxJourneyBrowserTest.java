package io.gridloop.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridloop.process.CaseLoop;
import io.gridloop.casefile.CaseRecord;
import io.gridloop.casefile.CaseStatus;
import io.gridloop.support.Browser;
import io.gridloop.support.LoopDriver;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.interactions.Actions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/** A real Chromium: an intake operator signs in, finds the new case in the inbox, opens the task and registers it. */
@Tag("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(LoopDriver.class)
class InboxJourneyBrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    LoopDriver loop;
    @Autowired
    TaskService tasks;

    @Test
    void intakeOperatorSignsInOpensTheTaskAndRegistersTheCase() throws Exception {
        CaseRecord c = loop.reportByGridWorker("MANHOLE");
        try (Browser browser = new Browser()) {
            browser.login("http://localhost:" + port, "lina", "demo");
            By row = By.xpath("//vaadin-grid-cell-content[contains(., '" + c.caseNumber() + "')]");
            browser.waitFor(row);
            assertThat(browser.driver().getPageSource()).contains("待办任务");
            // the selection checkboxes read in Chinese to a screen reader, and still select
            browser.waitUntil(d -> "全选".equals(((org.openqa.selenium.JavascriptExecutor) d).executeScript(
                    "const b = document.querySelector('#inbox-grid vaadin-checkbox.vaadin-grid-select-all-checkbox'); return b && b.accessibleName")));
            Object rowNames = ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript(
                    "return [...document.querySelectorAll('#inbox-grid vaadin-grid-cell-content > vaadin-checkbox')]"
                            + ".filter(b => !b.classList.contains('vaadin-grid-select-all-checkbox')).map(b => b.accessibleName)");
            assertThat(((java.util.List<?>) rowNames).stream().map(String::valueOf).toList()).isNotEmpty().containsOnly("选择此行");
            browser.screenshot("inbox-lina");
            // the time left is coloured text (a part name on the cell), and the scope tabs still filter: the new, unclaimed
            // case is not "mine" and is back under "all" (the tabs' own items report never reaches the server)
            assertThat(((Number) ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript(
                    "return document.getElementById('inbox-grid').shadowRoot.querySelectorAll('[part*=\"gl-time-\"]').length"))
                    .intValue()).isPositive();
            String size = "return document.getElementById('inbox-grid').size";
            browser.driver().findElement(By.id("scope-MINE")).click();
            browser.waitUntil(d -> ((Number) ((org.openqa.selenium.JavascriptExecutor) d).executeScript(size)).intValue() == 0);
            browser.driver().findElement(By.id("scope-ALL")).click();
            browser.waitUntil(d -> ((Number) ((org.openqa.selenium.JavascriptExecutor) d).executeScript(size)).intValue() > 0);
            browser.waitFor(row);
            new Actions(browser.driver()).doubleClick(browser.driver().findElement(row)).perform();
            browser.waitForClickable(By.id("submit-task"));
            assertThat(browser.waitFor(By.id("case-description")).getText()).contains("井盖缺失");
            browser.screenshot("task-register");
            browser.driver().findElement(By.id("submit-task")).click();
            browser.waitFor(By.id("inbox-grid"));
            browser.waitUntil(d -> loop.caseFile(c.id()).status() == CaseStatus.DISPATCHING);
        }
        assertThat(tasks.createTaskQuery().processInstanceId(c.processInstanceId()).singleResult().getTaskDefinitionKey())
                .isEqualTo(CaseLoop.TASK_DISPATCH);
        assertThat(loop.caseFile(c.id()).registeredAt()).isNotNull();
    }

    @Test
    void gridWorkerPicksThePlaceOnTheMapOfGridsWithoutTiles() throws Exception {
        try (Browser browser = new Browser()) {
            browser.login("http://localhost:" + port, "wangwei", "demo");
            browser.driver().get("http://localhost:" + port + "/report");
            browser.waitFor(By.id("grid-map"));
            // Leaflet from the WebJar draws every grid's polygon; no tile is asked for
            browser.waitUntil(d -> d.findElements(By.cssSelector("#grid-map path.leaflet-interactive")).size() == 45);
            assertThat(browser.driver().findElements(By.cssSelector("#grid-map img.leaflet-tile"))).isEmpty();
            new Actions(browser.driver()).moveToElement(browser.driver().findElement(By.id("grid-map"))).click().perform();
            browser.waitUntil(d -> !String.valueOf(((org.openqa.selenium.JavascriptExecutor) d)
                    .executeScript("return document.getElementById('longitude').value")).isBlank());
            browser.screenshot("report-map");
            Object grid = ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                    .executeScript("return document.getElementById('grid').selectedItem");
            assertThat(grid).as("the clicked point's grid is picked").isNotNull();
        }
    }
}
