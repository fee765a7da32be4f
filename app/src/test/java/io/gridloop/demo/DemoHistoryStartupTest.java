package io.gridloop.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridloop.support.HttpFrom;
import io.gridloop.support.LoopDriver;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.context.ServletWebServerInitializedEvent;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The start-up's shape with the demo history on (no time is asserted: {@code StartupBenchmark} measures it): the past is
 * written on a thread of its own while the context is still being built, the open cases are taken up before the web
 * server answers, so the first page a manager gets already shows the whole district, and nobody is served while the
 * engine's clock is set back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"gridloop.demo-history.enabled=true",
        "gridloop.demo-history.cases=800", "gridloop.demo-history.open=60"})
@ActiveProfiles("test")
@Import({LoopDriver.class, DemoHistoryStartupTest.WebServerWatch.class})
class DemoHistoryStartupTest {

    /** What the history had done when the web server started to answer. */
    record AtWebServerStart(DemoHistory.Result history, long cases, long open, long engineClockOffMillis, String thread) {}

    @TestConfiguration
    static class WebServerWatch {
        final List<AtWebServerStart> seen = new ArrayList<>();

        @EventListener
        void webServerStarted(ServletWebServerInitializedEvent event) {
            var context = event.getApplicationContext();
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            seen.add(new AtWebServerStart(context.getBean(DemoHistory.class).last(),
                    jdbc.sql("select count(*) from gl_case").query(Long.class).single(),
                    jdbc.sql("select count(*) from gl_case where closed_at is null and process_instance_id is not null").query(Long.class).single(),
                    Math.abs(ClockUtil.getCurrentTime().getTime() - System.currentTimeMillis()), Thread.currentThread().getName()));
        }
    }

    @Autowired
    WebServerWatch watch;
    @Autowired
    DemoHistory history;
    @LocalServerPort
    int port;

    @Test
    void theHistoryIsCompleteBeforeTheWebServerAnswersAndTheFirstBoardShowsItAll() throws Exception {
        assertThat(watch.seen).hasSize(1);
        AtWebServerStart atStart = watch.seen.get(0);
        DemoHistory.Result r = atStart.history();
        assertThat(r).as("the history was done when the web server started").isNotNull();
        assertThat(r.bulkThread()).as("the past is written on a thread of its own").isEqualTo("demo-history").isNotEqualTo(atStart.thread());
        assertThat(atStart.cases()).isEqualTo(800);
        assertThat(atStart.open()).as("every open case taken up by then").isEqualTo(r.open()).isPositive();
        // the clock set back for the open cases is the real one again before anybody is served (not a speed check)
        assertThat(atStart.engineClockOffMillis()).isLessThan(60_000);

        HttpFrom http = new HttpFrom("127.0.0.1", port);
        assertThat(http.get("/login").status()).isEqualTo(200);
        HttpFrom.Response board = http.get("/api/board", "Authorization", HttpFrom.basic("wuqiang", "demo"), "Accept", "application/json");
        assertThat(board.status()).isEqualTo(200);
        JsonNode counts = new ObjectMapper().readTree(board.body()).path("counts");
        assertThat(counts.path("open").asLong()).as("the manager's first board").isEqualTo(r.open());
        assertThat(counts.path("overdue").asLong()).isPositive();

        // once: the bulk thread is not started again, and a second run adds nothing
        history.start();
        history.generateOnce();
        assertThat(history.last()).isSameAs(r);
    }
}
