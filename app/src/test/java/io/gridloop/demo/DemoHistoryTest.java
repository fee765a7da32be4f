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
import io.gridloop.casefile.CaseRecord;
import io.gridloop.casefile.CaseStatus;
import io.gridloop.inbox.InboxPages;
import io.gridloop.inbox.InboxService;
import io.gridloop.inbox.InboxTask;
import io.gridloop.inbox.Submission;
import io.gridloop.process.CaseLoop;
import io.gridloop.process.CaseVariables;
import io.gridloop.process.Step;
import io.gridloop.support.LoopDriver;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
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
@TestPropertySource(properties = {"gridloop.demo-history.enabled=true", "gridloop.demo-history.cases=5000",
        "gridloop.demo-history.open=280"})
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
    @Autowired
    LoopDriver loop;
    @Autowired
    RuntimeService runtime;

    @Test
    void aYearOfCasesWithOpenOnesInTheEngine() {
        DemoHistory.Result r = history.last();
        assertThat(r).as("the history ran at start-up").isNotNull();
        System.out.printf("demo history: %d cases, %d open, %d timers fired, %d ms (%d ms writing the past in bulk, %d ms CPU, %d ms of it "
                + "in bulk, %d ms waited for the open cases' rows)%n", r.cases(), r.open(), r.timersFired(), r.millis(), r.bulkMillis(),
                r.cpuMillis(), r.bulkCpuMillis(), r.waitedMillis());
        assertThat(jdbc.sql("select count(*) from gl_case").query(Long.class).single()).isEqualTo(5000L);
        assertThat(r.open()).isBetween(300, 450);

        // every open case waits in a step of a live process instance, with its task in the inbox projection
        List<Map<String, Object>> open = jdbc.sql("select id, case_number, process_instance_id, current_step, due_at from gl_case "
                + "where closed_at is null").query().listOfRows();
        assertThat(open).hasSize(r.open());
        for (Map<String, Object> c : open) {
            assertThat(c.get("PROCESS_INSTANCE_ID")).as("process of %s", c.get("CASE_NUMBER")).isNotNull();
            assertThat(c.get("CURRENT_STEP")).as("step of %s", c.get("CASE_NUMBER")).isNotNull();
            if (runtime.createExecutionQuery().processInstanceId((String) c.get("PROCESS_INSTANCE_ID")).activityId(CaseLoop.TASK_AWAIT_RATING)
                    .count() > 0) {
                // waits for its citizen's rating: no official's task
                assertThat(c.get("CURRENT_STEP")).isEqualTo(Step.CALLBACK.name());
                continue;
            }
            assertThat(tasks.createTaskQuery().processInstanceId((String) c.get("PROCESS_INSTANCE_ID")).count())
                    .as("tasks of %s", c.get("CASE_NUMBER")).isPositive();
            assertThat(jdbc.sql("select count(*) from gl_inbox_task where case_id = :id").param("id", c.get("ID")).query(Long.class).single())
                    .as("inbox rows of %s", c.get("CASE_NUMBER")).isPositive();
        }
        // each take-up thread worked with the engine's clock set back for itself: every open step began in the past, at the
        // step's own moment or at the due date of a timer that started it, never while the cases were being taken up
        assertThat(jdbc.sql("""
                select count(*) from gl_step_fact f join gl_case c on c.id = f.case_id
                where c.closed_at is null and f.finished_at is null and f.started_at >= :takenUp""")
                .param("takenUp", r.takenUpAt().atOffset(java.time.ZoneOffset.UTC)).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from gl_step_fact f join gl_case c on c.id = f.case_id where c.closed_at is null "
                + "and f.finished_at is null").query(Long.class).single()).isGreaterThanOrEqualTo(r.open());
        Map<String, Object> steps = new java.util.TreeMap<>();
        jdbc.sql("select current_step, count(*) from gl_case where closed_at is null group by current_step").query()
                .listOfRows().forEach(row -> steps.put(String.valueOf(row.get("CURRENT_STEP")), row.get("COUNT(*)")));
        System.out.println("demo history: open cases by step " + steps);
        assertThat(steps.keySet()).containsAll(java.util.Arrays.stream(Step.values()).map(Step::name).toList());

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
        history.generateOnce();
        assertThat(jdbc.sql("select count(*) from gl_case").query(Long.class).single()).isEqualTo(5000L);
    }

    /**
     * Every waiting step of the loop holds open demo cases whose process instance waits in that step's activity, with
     * the read model the loop itself writes; some are in warning, some overdue, some under supervision orders of every
     * level; and officials work them from their inboxes on the real engine: a co-department's feedback takes a joint case
     * whose lead is done to the check, an approved extension takes a case back to handling and on to the check, a hold
     * released at its review goes back to handling.
     */
    @Test
    void everyWaitingStepHasOpenCasesThatOfficialsWork() {
        Map<Step, Long> waiting = new java.util.EnumMap<>(Step.class);
        for (Step s : Step.values()) {
            waiting.put(s, tasks.createTaskQuery().processDefinitionKey(CaseLoop.PROCESS_ID).taskDefinitionKey(s.taskKey()).list().stream()
                    .map(Task::getProcessInstanceId).distinct()
                    .filter(pi -> jdbc.sql("select count(*) from gl_case where process_instance_id = :pi and closed_at is null")
                            .param("pi", pi).query(Long.class).single() == 1)
                    .count());
        }
        System.out.println("demo history: open cases waiting in each step's activity " + waiting);
        waiting.forEach((s, n) -> assertThat(n).as("open cases waiting in %s", s).isGreaterThanOrEqualTo(3));
        // and for their citizen's own rating (Task_AwaitRating: no task, the case in callback, the rating's time not run out)
        List<String> rating = runtime.createExecutionQuery().processDefinitionKey(CaseLoop.PROCESS_ID).activityId(CaseLoop.TASK_AWAIT_RATING)
                .list().stream().map(e -> e.getProcessInstanceId()).distinct().toList();
        System.out.println("demo history: open cases waiting for their citizen's rating " + rating.size());
        assertThat(rating).hasSizeGreaterThanOrEqualTo(3);
        for (String pi : rating) {
            Map<String, Object> c = jdbc.sql("select channel, reporter_email, current_step, status, candidate_group, closed_at from gl_case "
                    + "where process_instance_id = :pi").param("pi", pi).query().singleRow();
            assertThat(c.get("CHANNEL")).isEqualTo("CITIZEN");
            assertThat(c.get("REPORTER_EMAIL")).isNotNull();
            assertThat(c.get("CURRENT_STEP")).isEqualTo(Step.CALLBACK.name());
            assertThat(c.get("STATUS")).isEqualTo(CaseStatus.CALLBACK.name());
            assertThat(c.get("CLOSED_AT")).isNull();
            assertThat(management.createJobQuery().processInstanceId(pi).timers().duedateLowerThan(java.util.Date.from(clock.instant()))
                    .count()).as("timers of %s due by now, fired", pi).isZero();
            assertThat(management.createJobQuery().processInstanceId(pi).timers().activityId("Timer_RatingTimeout").count())
                    .as("the rating's timer of %s", pi).isEqualTo(1);
        }
        // most wait in handling
        Map<String, Long> current = new java.util.HashMap<>();
        jdbc.sql("select current_step, count(*) n from gl_case where closed_at is null group by current_step").query()
                .listOfRows().forEach(row -> current.put(String.valueOf(row.get("CURRENT_STEP")), ((Number) row.get("N")).longValue()));
        assertThat(current.get("HANDLE")).isEqualTo(current.values().stream().mapToLong(Long::longValue).max().orElseThrow());

        // every open task has its open step fact and its inbox row, as the loop writes them
        assertThat(jdbc.sql("""
                select count(*) from gl_inbox_task i join gl_case c on c.id = i.case_id where c.closed_at is null and i.task_key in (:keys)
                  and not exists (select 1 from gl_step_fact f where f.task_id = i.task_id and f.finished_at is null)""")
                .param("keys", java.util.Arrays.stream(Step.values()).map(Step::taskKey).toList()).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from gl_inbox_task i join gl_case c on c.id = i.case_id where c.closed_at is null")
                .query(Long.class).single()).isEqualTo(tasks.createTaskQuery().processDefinitionKey(CaseLoop.PROCESS_ID).count()
                        + tasks.createTaskQuery().processDefinitionKey("supervisionOrder").count());

        // warnings and overdue marks in many steps, and open supervision orders at every level of the chain
        assertThat(jdbc.sql("select count(distinct current_step) from gl_case where closed_at is null and overdue").query(Long.class)
                .single()).isGreaterThanOrEqualTo(6L);
        assertThat(jdbc.sql("select count(*) from gl_case where closed_at is null and warning and not overdue").query(Long.class)
                .single()).isGreaterThanOrEqualTo(20L);
        List<String> levels = jdbc.sql("""
                select distinct o.kind || '/' || o.level from gl_supervision_order o join gl_case c on c.id = o.case_id
                where c.closed_at is null and o.closed_at is null""").query(String.class).list();
        System.out.println("demo history: open orders " + levels);
        assertThat(levels).contains("REMINDER/DEPARTMENT", "SUPERVISION/STREET", "SUPERVISION/DISTRICT", "NOTICE/DISTRICT");
        // the slow department is overdue in handling more often than the others
        double slowOverdue = jdbc.sql("select avg(case when overdue then 1.0 else 0 end) from gl_case where closed_at is null "
                + "and current_step = 'HANDLE' and department_code = :d").param("d", DemoHistory.SLOW_DEPARTMENT).query(Double.class).single();
        double othersOverdue = jdbc.sql("select avg(case when overdue then 1.0 else 0 end) from gl_case where closed_at is null "
                + "and current_step = 'HANDLE' and department_code <> :d").param("d", DemoHistory.SLOW_DEPARTMENT).query(Double.class).single();
        System.out.printf("demo history: overdue in handling, slow department %.2f, the others %.2f%n", slowOverdue, othersOverdue);
        assertThat(slowOverdue).isGreaterThan(othersOverdue);

        // a co-department's feedback: the joint case whose lead is done goes to the check
        long joint = openCaseIn(Step.CO_HANDLE);
        for (InboxTask t : pages.openTasksOfCase(joint)) {
            if (t.taskKey().equals(CaseLoop.TASK_CO_HANDLE)) {
                String handler = memberOf(t.candidateGroup());
                inbox.complete(t.taskId(), handler, loop.groups(handler), Submission.of(Map.of("coFeedback", "已配合处置")));
            }
        }
        assertThat(loop.caseFile(joint).currentStep()).isEqualTo(Step.CHECK.name());

        // an extension approved: handling again with its deadline moved, then the feedback takes it to the check
        long extended = openCaseIn(Step.APPROVE_EXTENSION);
        String pi = loop.caseFile(extended).processInstanceId();
        loop.complete(extended, CaseLoop.TASK_APPROVE_EXTENSION, "zhoujie", Map.of("extensionDecision", "APPROVED", "approvedDays", 3));
        CaseRecord handling = loop.caseFile(extended);
        assertThat(handling.currentStep()).isEqualTo(Step.HANDLE.name());
        assertThat(handling.extensionCount()).isEqualTo(1);
        String handler = memberOf(loop.task(extended, CaseLoop.TASK_HANDLE).candidateGroup());
        int stages = ((Number) runtime.getVariable(pi, CaseVariables.HANDLE_STAGE_COUNT)).intValue();
        int stage = ((Number) runtime.getVariable(pi, CaseVariables.HANDLE_STAGE)).intValue();
        for (int i = stage; i <= stages; i++) {
            loop.complete(extended, CaseLoop.TASK_HANDLE, handler, Map.of("handleOutcome", "FEEDBACK", "feedback", "已处置完毕"));
        }
        assertThat(loop.caseFile(extended).currentStep()).isEqualTo(Step.CHECK.name());

        // a citizen rates the work: the case is filed, the rating counted as the callback's answer
        long rated = jdbc.sql("select id from gl_case where process_instance_id = :pi").param("pi", rating.get(0)).query(Long.class).single();
        ratings.rate(loop.caseFile(rated), "SATISFIED", "处理及时", io.gridloop.citizen.CitizenRatings.Via.TRACK);
        assertThat(loop.caseFile(rated).status()).isEqualTo(CaseStatus.FILED);
        assertThat(loop.caseFile(rated).satisfaction()).isEqualTo("SATISFIED");

        // a hold released at its review: back to handling
        long held = openCaseIn(Step.REVIEW_HOLD);
        loop.complete(held, CaseLoop.TASK_REVIEW_HOLD, "zhoujie", Map.of("holdReviewDecision", "RELEASE"));
        assertThat(loop.caseFile(held).currentStep()).isEqualTo(Step.HANDLE.name());
        assertThat(loop.caseFile(held).status()).isEqualTo(CaseStatus.HANDLING);
    }

    @Autowired
    InboxPages pages;
    @Autowired
    io.gridloop.citizen.CitizenRatings ratings;
    @Autowired
    org.camunda.bpm.engine.ManagementService management;
    @Autowired
    InboxService inbox;
    @Autowired
    IdentityService identity;

    /** The first open demo case whose current step is this one. */
    private long openCaseIn(Step step) {
        return jdbc.sql("select min(id) from gl_case where closed_at is null and current_step = :s").param("s", step.name())
                .query(Long.class).single();
    }

    /** An official of the group (a department's handler). */
    private String memberOf(String group) {
        return identity.createUserQuery().memberOfGroup(group).orderByUserId().asc().list().get(0).getId();
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

        // with cases kept open: the same again, in the order reported, each open in a waiting step by now
        List<HistoryCase> kept = new ArrayList<>();
        List<String> again = new ArrayList<>();
        for (List<String> out : List.of(new ArrayList<String>(), again)) {
            kept.clear();
            new HistoryGenerator(district, workingTime, timeLimits, TimeLimit.parse("P1D")).generate(7, 300, 40, now.minus(Duration.ofDays(90)),
                    now, 1, 1, c -> {
                        kept.add(c);
                        out.add(c.caseNumber + c.reportedAt + c.status + c.facts + c.open);
                    });
            if (out != again) {
                second.clear();
                second.addAll(out);
            }
        }
        assertThat(again).hasSize(300).isEqualTo(second);
        assertThat(kept.stream().filter(HistoryCase::isOpen).count()).isGreaterThanOrEqualTo(40);
        assertThat(kept).isSortedAccordingTo(java.util.Comparator.comparing(c -> c.reportedAt));
        assertThat(kept).allSatisfy(c -> assertThat(c.open == null || c.open.started().isBefore(now)).isTrue());
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
