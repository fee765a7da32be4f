package io.gridloop.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridloop.deadline.TimeLimit;
import io.gridloop.deadline.TimeLimits;
import io.gridloop.deadline.WorkingTime;
import io.gridloop.metrics.Board;
import io.gridloop.metrics.BoardService;
import io.gridloop.metrics.Evaluation;
import io.gridloop.metrics.EvaluationService;
import io.gridloop.metrics.EvaluationUnit;
import io.gridloop.metrics.Indicator;
import io.gridloop.security.AccessScope;
import io.gridloop.support.GridLoopTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The demo history on H2 as the embedded default writes it at start-up: its figures are consistent (every department
 * has plausible rates over the year, the slow department and the rubbish-only grid worker show), every open case has its
 * task in the engine and the inbox, and the board is alive. Prints how long the history took (start-up must stay under
 * 15 s more; not asserted, the machine is shared).
 */
@GridLoopTest
@TestPropertySource(properties = {"gridloop.demo-history.enabled=true", "gridloop.demo-history.cases=5000"})
class DemoHistoryTest {

    static final AccessScope DISTRICT = AccessScope.of("wuqiang", List.of("manager"), Set.of());

    @Autowired
    DemoHistory history;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TaskService tasks;
    @Autowired
    EvaluationService evaluation;
    @Autowired
    BoardService board;
    @Autowired
    Clock clock;
    @Autowired
    WorkingTime workingTime;
    @Autowired
    TimeLimits timeLimits;

    @Test
    void aYearOfCasesWithOpenOnesInTheEngine() {
        DemoHistory.Result r = history.last();
        assertThat(r).as("the history ran at start-up").isNotNull();
        System.out.printf("demo history: %d cases, %d open, %d timers fired, %d ms (%d ms writing the past in bulk, %d ms CPU)%n",
                r.cases(), r.open(), r.timersFired(), r.millis(), r.bulkMillis(), r.cpuMillis());
        assertThat(jdbc.sql("select count(*) from gl_case").query(Long.class).single()).isEqualTo(5000L);
        assertThat(r.open()).isBetween(60, 900);

        // every open case waits in a step of a live process instance, with its task in the inbox projection
        List<Map<String, Object>> open = jdbc.sql("select id, case_number, process_instance_id, current_step, due_at from gl_case "
                + "where closed_at is null").query().listOfRows();
        assertThat(open).hasSize(r.open());
        for (Map<String, Object> c : open) {
            assertThat(c.get("PROCESS_INSTANCE_ID")).as("process of %s", c.get("CASE_NUMBER")).isNotNull();
            assertThat(c.get("CURRENT_STEP")).as("step of %s", c.get("CASE_NUMBER")).isNotNull();
            assertThat(tasks.createTaskQuery().processInstanceId((String) c.get("PROCESS_INSTANCE_ID")).count())
                    .as("tasks of %s", c.get("CASE_NUMBER")).isPositive();
            assertThat(jdbc.sql("select count(*) from gl_inbox_task where case_id = :id").param("id", c.get("ID")).query(Long.class).single())
                    .as("inbox rows of %s", c.get("CASE_NUMBER")).isPositive();
        }
        Map<String, Object> steps = new java.util.TreeMap<>();
        jdbc.sql("select current_step, count(*) from gl_case where closed_at is null group by current_step").query()
                .listOfRows().forEach(row -> steps.put(String.valueOf(row.get("CURRENT_STEP")), row.get("COUNT(*)")));
        System.out.println("demo history: open cases by step " + steps);
        assertThat(steps.keySet()).contains("VERIFY", "REGISTER", "DISPATCH", "HANDLE", "CHECK", "CALLBACK", "ON_HOLD");

        // the board is alive: cases in warning, overdue and under supervision, marked by the engine's own timers
        Board b = board.board(DISTRICT, Locale.CHINA);
        System.out.println("demo history: board " + b.counts());
        assertThat(b.counts().open()).isEqualTo(r.open());
        assertThat(b.counts().warning()).isPositive();
        assertThat(b.counts().overdue()).isPositive();
        assertThat(b.counts().underSupervision()).isPositive();
        assertThat(jdbc.sql("select count(*) from gl_timeline t join gl_case c on c.id = t.case_id where c.closed_at is null "
                + "and t.action = 'OVERDUE' and t.at < :now").param("now", clock.instant().atOffset(java.time.ZoneOffset.UTC))
                .query(Long.class).single()).isPositive();

        // the closed past is what the loop writes: a filed case that was dispatched has its handling, check and FILED entry
        assertThat(jdbc.sql("""
                select count(*) from gl_case c where c.status = 'FILED' and c.dispatched_at is not null
                  and (not exists (select 1 from gl_step_fact f where f.case_id = c.id and f.step = 'HANDLE' and f.outcome = 'FEEDBACK')
                    or not exists (select 1 from gl_step_fact f where f.case_id = c.id and f.step = 'CHECK' and f.outcome = 'PASSED')
                    or not exists (select 1 from gl_timeline t where t.case_id = c.id and t.action = 'FILED'))""")
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(distinct status) from gl_case").query(Long.class).single()).isGreaterThanOrEqualTo(8L);

        // once: a second start finds the cases and adds none
        history.onReady();
        assertThat(jdbc.sql("select count(*) from gl_case").query(Long.class).single()).isEqualTo(5000L);
    }

    @Test
    void theYearsFiguresArePlausibleForEveryDepartmentAndStreet() {
        LocalDate today = LocalDate.now(clock);
        LocalDate from = today.minusDays(364);
        Evaluation departments = evaluation.evaluate(from, today, EvaluationUnit.DEPARTMENT, DISTRICT, Locale.CHINA);
        Evaluation.Row district = departments.total();
        print(departments);
        assertThat(departments.rows()).hasSizeGreaterThanOrEqualTo(11);
        for (Evaluation.Row row : departments.rows()) {
            assertThat(row.get(Indicator.DISPATCHED).longValue()).as("dispatched to %s", row.unit()).isPositive();
            rate(row, Indicator.HANDLE_RATE, 0.5, 1);
            rate(row, Indicator.ON_TIME_HANDLE_RATE, 0.2, 1);
            rate(row, Indicator.CLOSE_RATE, 0.4, 1);
        }
        district = evaluation.evaluate(from, today, EvaluationUnit.DISTRICT, DISTRICT, Locale.CHINA).total();
        rate(district, Indicator.ON_TIME_RATE, 0.6, 0.99);
        rate(district, Indicator.REWORK_RATE, 0.005, 0.2);
        rate(district, Indicator.EXTENSION_RATE, 0.005, 0.2);
        rate(district, Indicator.SATISFACTION_RATE, 0.7, 0.99);
        rate(district, Indicator.ON_TIME_REGISTER_RATE, 0.8, 1);
        assertThat(district.get(Indicator.REJECTED).longValue()).isPositive();
        assertThat(district.get(Indicator.NOT_CONFIRMED).longValue()).isPositive();
        assertThat(district.get(Indicator.MERGED).longValue()).isPositive();
        assertThat(district.get(Indicator.SELF_RESOLVED).longValue()).isPositive();
        assertThat(district.get(Indicator.RETURNED).longValue()).isPositive();
        assertThat(district.get(Indicator.HELD).longValue()).isPositive();
        assertThat(district.get(Indicator.DISSATISFIED).longValue()).isPositive();
        assertThat(district.get(Indicator.MEAN_HANDLING_HOURS)).isNotNull();

        // the slow department is late far more often than the district
        Evaluation.Row slow = departments.rows().stream().filter(x -> x.unit().equals(DemoHistory.SLOW_DEPARTMENT)).findFirst().orElseThrow();
        assertThat(slow.get(Indicator.ON_TIME_HANDLE_RATE).doubleValue())
                .isLessThan(departments.total().get(Indicator.ON_TIME_HANDLE_RATE).doubleValue() - 0.15);

        Evaluation streets = evaluation.evaluate(from, today, EvaluationUnit.STREET, DISTRICT, Locale.CHINA);
        for (Evaluation.Row row : streets.rows()) {
            assertThat(row.get(Indicator.REPORTS).longValue()).as("reports of %s", row.unit()).isGreaterThan(500);
            rate(row, Indicator.CLOSE_RATE, 0.6, 1);
        }
        Evaluation month = evaluation.evaluate(today.withDayOfMonth(1).minusMonths(1), today.withDayOfMonth(1).minusDays(1),
                EvaluationUnit.GRID, DISTRICT, Locale.CHINA);
        assertThat(month.rows().stream().filter(x -> x.get(Indicator.REPORTS).longValue() > 0).count()).isGreaterThan(40);

        // the rubbish-only grid worker reports easy things only; the other reports hard ones too
        assertThat(jdbc.sql("select distinct subcategory_code from gl_case where channel = 'GRID_WORKER' and reported_by = :w")
                .param("w", DemoHistory.EASY_REPORTER).query(String.class).list()).isNotEmpty().allMatch(DemoHistory.EASY::contains);
        assertThat(jdbc.sql("select count(*) from gl_case where channel = 'GRID_WORKER' and reported_by = 'wangwei' and subcategory_code in "
                + "('ILLEGAL_BUILDING', 'FIRE_EXIT_BLOCKED', 'GAS_HAZARD')").query(Long.class).single()).isPositive();
    }

    @Test
    void theSameSeedGivesTheSameHistory() {
        HistoryGenerator.District district = history.district();
        Instant now = clock.instant();
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        for (List<String> out : List.of(first, second)) {
            new HistoryGenerator(district, workingTime, timeLimits, TimeLimit.parse("P1D")).generate(7, 300, now.minus(Duration.ofDays(90)),
                    now, 1, 1, c -> out.add(c.caseNumber + c.status + c.subcategoryCode + c.gridCode + c.facts + c.open));
        }
        assertThat(first).hasSize(300).isEqualTo(second);
    }

    private static void rate(Evaluation.Row row, Indicator i, double low, double high) {
        Number v = row.get(i);
        assertThat(v).as("%s of %s", i.key(), row.unit()).isNotNull();
        assertThat(v.doubleValue()).as("%s of %s", i.key(), row.unit()).isBetween(low, high);
    }

    private static void print(Evaluation e) {
        List<Indicator> shown = List.of(Indicator.REPORTS, Indicator.DISPATCHED, Indicator.HANDLE_RATE, Indicator.ON_TIME_HANDLE_RATE,
                Indicator.CLOSE_RATE, Indicator.ON_TIME_RATE, Indicator.REWORK_RATE, Indicator.SATISFACTION_RATE, Indicator.SCORE);
        for (Evaluation.Row row : e.rows()) {
            StringBuilder s = new StringBuilder("demo history: " + row.unit());
            shown.forEach(i -> s.append(' ').append(i.key()).append('=').append(row.get(i)));
            System.out.println(s);
        }
    }
}
