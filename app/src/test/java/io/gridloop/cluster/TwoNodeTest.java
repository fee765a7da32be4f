package io.gridloop.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridloop.process.CaseLoop;
import io.gridloop.support.AppNode;
import io.gridloop.support.PostgresServer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two GridLoop nodes (two JVMs on loopback ports) on one PostgreSQL: tasks completed on either node, timers fired
 * exactly once across both, and one node killed in the middle of a load of case steps with nothing lost or done twice.
 * Clients fail over to the other node as the reverse proxy would.
 */
@Tag("cluster")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START = Duration.ofMinutes(6);

    private PostgresServer pg;
    private AppNode a;
    private AppNode b;

    @BeforeAll
    void start() throws Exception {
        pg = PostgresServer.start();
        // one after the other: the first node creates the schemas, the demo officials and the deployments
        // each node takes few jobs at a time, so that a burst of due timers is shared rather than drained by whichever
        // node wakes first (in production a node takes 20 at a time: see README)
        String[] smallBites = {"--camunda.bpm.job-execution.max-jobs-per-acquisition=2", "--camunda.bpm.job-execution.queue-capacity=2",
                "--camunda.bpm.job-execution.core-pool-size=2", "--camunda.bpm.job-execution.max-pool-size=2",
                // only to see which node ran which job (Camunda's job log names the host): what the loop did is read from
                // GridLoop's own tables below, as everywhere else at production's level (none)
                "--camunda.bpm.history-level=full"};
        a = AppNode.start("node-a", pg, START, smallBites);
        b = AppNode.start("node-b", pg, START, smallBites);
    }

    @AfterAll
    void stop() throws Exception {
        for (AppNode n : new AppNode[] {a, b}) {
            if (n != null) {
                n.close();
            }
        }
        if (pg != null) {
            pg.close();
        }
    }

    /** The steps of a grid worker's case after reporting: who completes them with what. */
    private record Step(String taskKey, String user, Map<String, Object> values) {}

    private static final List<Step> STEPS = List.of(
            new Step(CaseLoop.TASK_REGISTER, "lina", Map.of("registerDecision", "REGISTER")),
            new Step(CaseLoop.TASK_DISPATCH, "zhangmin", Map.of("department", "roads", "coDepartments", List.of())),
            new Step(CaseLoop.TASK_HANDLE, "sunli", Map.of("handleOutcome", "FEEDBACK", "feedback", "已修复")),
            new Step(CaseLoop.TASK_CHECK, "wangwei", Map.of("checkResult", "PASSED")));

    @Test
    @Order(1)
    void timersFireExactlyOnceAcrossNodes() throws Exception {
        // how one burst is shared depends on which node's acquisition wakes first (one node can drain a burst alone in
        // a few seconds); over up to three bursts both nodes take part
        Map<String, Integer> byNode = new java.util.HashMap<>();
        for (int round = 0; round < 3 && byNode.size() < 2; round++) {
            burst(round).forEach((node, n) -> byNode.merge(node, n, Integer::sum));
        }
        System.out.println("timers run per node: " + byNode);
        assertThat(byNode).as("both nodes' job executors took part").containsKeys("node-a", "node-b");
    }

    /** 60 cases whose warning and overdue timers fall due at once: each mark once per case; the timers each node ran. */
    private Map<String, Integer> burst(int round) throws Exception {
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            numbers.add(report(i % 2 == 0 ? a : b, round * 60 + i));
        }
        // the registration limits run out now: every warning and overdue timer of these cases is due at once
        try (Connection db = db()) {
            int due = db.createStatement().executeUpdate("""
                    update act_ru_job set duedate_ = now() - interval '1 second'
                    where type_ = 'timer' and process_instance_id_ in (select process_instance_id from gl_case where case_number in (%s))
                    """.formatted(quoted(numbers)));
            assertThat(due).as("a warning and an overdue timer per case").isEqualTo(120);
        }
        awaitNoDueTimers(numbers, Duration.ofMinutes(3));
        try (Connection db = db()) {
            Map<String, Integer> marks = counts(db, """
                    select t.action, count(*) from gl_timeline t join gl_case c on c.id = t.case_id
                    where c.case_number in (%s) and t.action in ('WARNING', 'OVERDUE', 'REMINDER') group by t.action""".formatted(quoted(numbers)));
            assertThat(marks).as("each mark once per case").containsEntry("WARNING", 60).containsEntry("OVERDUE", 60).containsEntry("REMINDER", 60);
            Map<String, Integer> orders = counts(db, """
                    select o.kind, count(*) from gl_supervision_order o join gl_case c on c.id = o.case_id
                    where c.case_number in (%s) group by o.kind""".formatted(quoted(numbers)));
            assertThat(orders).containsExactlyEntriesOf(Map.of("REMINDER", 60));
            Map<String, Integer> byNode = counts(db, """
                    select l.hostname_, count(*) from act_hi_job_log l
                    where l.job_state_ = 2
                      and l.process_instance_id_ in (select process_instance_id from gl_case where case_number in (%s))
                    group by l.hostname_""".formatted(quoted(numbers)));
            System.out.println("burst " + round + ", timers run per node: " + byNode);
            assertThat(byNode.values().stream().mapToInt(Integer::intValue).sum()).as("120 timers, each run successfully once").isEqualTo(120);
            return byNode;
        }
    }

    @Test
    @Order(2)
    void aNodeKilledInTheMiddleOfALoadLosesNothingAndDoesNothingTwice() throws Exception {
        int cases = 30;
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < cases; i++) {
            numbers.add(report(i % 2 == 0 ? a : b, 1000 + i));
        }
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failovers = new AtomicInteger();
        Map<String, Integer> goneOnRetry = new ConcurrentHashMap<>();
        int killAfter = cases * STEPS.size() / 3;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> work = new ArrayList<>();
        for (int i = 0; i < cases; i++) {
            String number = numbers.get(i);
            int first = i;
            work.add(pool.submit(() -> {
                for (int s = 0; s < STEPS.size(); s++) {
                    AppNode preferred = (first + s) % 2 == 0 ? a : b;
                    complete(number, STEPS.get(s), preferred, failovers, goneOnRetry);
                    if (done.incrementAndGet() == killAfter) {
                        a.kill();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
        assertThat(a.isAlive()).isFalse();
        assertThat(failovers.get()).as("some steps had to go to the surviving node").isPositive();

        try (Connection db = db()) {
            for (String number : numbers) {
                try (ResultSet rs = db.createStatement().executeQuery(
                        "select id, status, process_instance_id from gl_case where case_number = '" + number + "'")) {
                    assertThat(rs.next()).isTrue();
                    long id = rs.getLong(1);
                    assertThat(rs.getString(2)).as("case %s filed", number).isEqualTo("FILED");
                    String pi = rs.getString(3);
                    Map<String, Integer> completed = counts(db,
                            "select step, count(*) from gl_timeline where case_id = " + id + " and action = 'COMPLETED' group by step");
                    assertThat(completed).as("case %s: every step once", number)
                            .containsExactlyInAnyOrderEntriesOf(Map.of("REGISTER", 1, "DISPATCH", 1, "HANDLE", 1, "CHECK", 1));
                    assertThat(single(db, "select count(*) from gl_timeline where case_id = " + id + " and action = 'FILED'")).isEqualTo(1);
                    assertThat(single(db, "select count(*) from gl_inbox_task where case_id = " + id)).isZero();
                    assertThat(single(db, "select count(*) from act_ru_task where proc_inst_id_ = '" + pi + "'")).isZero();
                    assertThat(single(db, "select count(*) from act_ru_execution where proc_inst_id_ = '" + pi + "'")).isZero();
                }
            }
        }
        System.out.printf("two nodes: %d steps, node-a killed after %d, %d failovers, %d retries found the step done%n",
                cases * STEPS.size(), killAfter, failovers.get(), goneOnRetry.size());
    }

    // ---- the client side: the official's app, failing over as the proxy would

    private String report(AppNode node, int i) throws Exception {
        String body = JSON.writeValueAsString(Map.of("channel", "GRID_WORKER", "urgency", "NORMAL", "subcategoryCode", "STREETLIGHT",
                "gridCode", "S01C01G0" + (1 + i % 5), "description", "路灯不亮 #" + i, "selfResolved", false, "photos", List.of()));
        HttpResponse<String> r = node.call("POST", "/api/reports", "wangwei", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return JSON.readTree(r.body()).path("caseNumber").asText();
    }

    /**
     * Completes a case's step on the preferred node, or on the other when the preferred one is down. A retry that finds
     * the step already done (the dead node committed it before it died) counts as done: that is what "not twice" means.
     */
    private void complete(String number, Step step, AppNode preferred, AtomicInteger failovers, Map<String, Integer> goneOnRetry)
            throws Exception {
        AppNode other = preferred == a ? b : a;
        boolean retried = false;
        for (int attempt = 0; attempt < 20; attempt++) {
            AppNode node = preferred.isAlive() ? preferred : other;
            try {
                String taskId = openTask(node, number, step);
                if (taskId == null) {
                    if (retried) {
                        goneOnRetry.merge(number, 1, Integer::sum);
                        return;
                    }
                    Thread.sleep(200);
                    continue;
                }
                HttpResponse<String> r = node.call("POST", "/api/tasks/" + taskId + "/complete", step.user(),
                        JSON.writeValueAsString(Map.of("values", step.values())));
                if (r.statusCode() == 204) {
                    return;
                }
                assertThat(r.statusCode()).as("%s %s: %s", number, step.taskKey(), r.body()).isEqualTo(409);
                retried = true;
            } catch (IOException nodeDown) {
                failovers.incrementAndGet();
                retried = true;
                preferred = other;
            }
        }
        throw new AssertionError("could not complete " + step.taskKey() + " of " + number);
    }

    private String openTask(AppNode node, String number, Step step) throws Exception {
        HttpResponse<String> r = node.call("GET", "/api/inbox?scope=ALL&limit=500", step.user(), null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        for (JsonNode t : JSON.readTree(r.body())) {
            if (t.path("caseNumber").asText().equals(number) && t.path("taskKey").asText().equals(step.taskKey())) {
                return t.path("taskId").asText();
            }
        }
        return null;
    }

    // ---- the database, read directly

    private Connection db() throws Exception {
        return DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
    }

    private void awaitNoDueTimers(List<String> numbers, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Connection db = db()) {
                int left = single(db, """
                        select count(*) from act_ru_job where type_ = 'timer' and duedate_ <= now()
                        and process_instance_id_ in (select process_instance_id from gl_case where case_number in (%s))""".formatted(quoted(numbers)));
                if (left == 0) {
                    return;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("timers still due after " + timeout);
    }

    private static String quoted(List<String> values) {
        return String.join(",", values.stream().map(v -> "'" + v + "'").toList());
    }

    private static int single(Connection db, String sql) throws Exception {
        try (ResultSet rs = db.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static Map<String, Integer> counts(Connection db, String sql) throws Exception {
        Map<String, Integer> m = new java.util.TreeMap<>();
        try (ResultSet rs = db.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                m.put(rs.getString(1), rs.getInt(2));
            }
        }
        return m;
    }
}
