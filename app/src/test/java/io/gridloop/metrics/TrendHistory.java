package io.gridloop.metrics;

import static io.gridloop.process.CaseLoop.TASK_CHECK;
import static io.gridloop.process.CaseLoop.TASK_DISPATCH;
import static io.gridloop.process.CaseLoop.TASK_HANDLE;
import static io.gridloop.process.CaseLoop.TASK_REGISTER;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridloop.casefile.Channel;
import io.gridloop.deadline.Supervision;
import io.gridloop.deadline.SupervisionOrder;
import io.gridloop.intake.ReportService;
import io.gridloop.security.AccessScope;
import io.gridloop.security.Roles;
import io.gridloop.support.LoopDriver;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A hand-made history for the board's trend: four street-light cases of grid S02C03G04 (street S02) around the Labour Day
 * holiday of 2026 (1–5 May; Saturday 9 May is a working day), driven through the real engine at set moments, dispatched to
 * the roads department. A street light's limits: registration and dispatch 1 working hour, handling 3 working days, check
 * 4 working hours; the working day 08:30–12:00 and 13:30–17:30. "Now" is Thursday 14 May 2026, 10:00.
 * <ul>
 * <li>P: Mon 20 Apr, dispatched 09:20, handled and checked Wed 22 Apr: open at the ends of 20 and 21 April.
 * <li>Q: Wed 29 Apr, dispatched 09:20, due Thu 7 May 09:20 (29 Apr 6h40, 30 Apr 7h30, the holiday, 6 May 7h30, 7 May 0h50):
 * overdue from 7 May; a supervisor's order on Fri 8 May 10:00 closes when it is handled, Mon 11 May 10:00; its check (due
 * 15:30) is late until Wed 13 May 10:00, when it is filed.
 * <li>S: Thu 30 Apr 16:00, dispatched 16:20, due Fri 8 May 16:20 (over the holiday), handled and checked Wed 6 May:
 * open over the holiday and never overdue.
 * <li>R: Tue 12 May 09:00, registered 09:05 and never dispatched (due 10:05): overdue since then, no department.
 * </ul>
 */
class TrendHistory {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final String GRID = "S02C03G04";
    static final String STREET = "S02";
    static final String DEPARTMENT = "roads";
    static final Instant NOW = t("2026-05-14T10:00");

    static final AccessScope DISTRICT = AccessScope.of("wuqiang", List.of(Roles.MANAGER), Set.of());
    static final AccessScope SUPERVISOR = AccessScope.of("zhoujie", List.of(Roles.SUPERVISOR), Set.of());
    /** A street's supervisor: the street's rows and, live, what they reported elsewhere. */
    static final AccessScope STREET_SUPERVISOR = AccessScope.of("trend-street", List.of(Roles.STREET_SUPERVISOR_PREFIX + STREET), Set.of());
    /** The roads department's handler: its row (led or co-handled) and, live, what they reported. */
    static final AccessScope ROADS = new AccessScope("trend-roads", Set.of("dept-roads"), false, Set.of(), Set.of(DEPARTMENT), Set.of());
    /** Another street's official who reported the history's cases: their street's rows plus, live, these cases. */
    static final AccessScope REPORTER_ELSEWHERE = AccessScope.of("lihua", List.of(Roles.STREET_GROUP_PREFIX + "S01", Roles.INTAKE), Set.of());
    /** The grid's observer: no row serves a grid, all live. */
    static final AccessScope GRID_OBSERVER = AccessScope.of("observer-" + GRID, List.of(Roles.GRID_WORKER), Set.of(GRID));

    static final List<AccessScope> SCOPES = List.of(DISTRICT, STREET_SUPERVISOR, ROADS, REPORTER_ELSEWHERE, GRID_OBSERVER);

    private final LoopDriver loop;
    private final ReportService reports;
    private final Supervision supervision;
    final Map<String, Long> ids = new LinkedHashMap<>();

    TrendHistory(LoopDriver loop, ReportService reports, Supervision supervision) {
        this.loop = loop;
        this.reports = reports;
        this.supervision = supervision;
    }

    static Instant t(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(ZONE).toInstant();
    }

    private void at(String localDateTime) {
        loop.at(t(localDateTime));
    }

    private void report(String name) {
        ids.put(name, reports.report(LoopDriver.report(Channel.GRID_WORKER, "STREETLIGHT", GRID), "lihua").id());
    }

    private void register(String name) {
        loop.complete(ids.get(name), TASK_REGISTER, "lina", Map.of("registerDecision", "REGISTER"));
    }

    private void dispatch(String name) {
        loop.complete(ids.get(name), TASK_DISPATCH, "zhangmin", Map.of("department", DEPARTMENT, "coDepartments", List.of()));
    }

    private void feedback(String name) {
        loop.complete(ids.get(name), TASK_HANDLE, "sunli", Map.of("handleOutcome", "FEEDBACK", "feedback", "已修复"));
    }

    private void check(String name) {
        loop.complete(ids.get(name), TASK_CHECK, "wangwei", Map.of("checkResult", "PASSED"));
    }

    /** Drives the history in time order; the engine clock ends at {@link #NOW}. */
    void drive() {
        at("2026-04-20T09:00"); report("P");
        at("2026-04-20T09:10"); register("P");
        at("2026-04-20T09:20"); dispatch("P");
        at("2026-04-22T10:00"); feedback("P");
        at("2026-04-22T10:30"); check("P");

        at("2026-04-29T09:00"); report("Q");
        at("2026-04-29T09:10"); register("Q");
        at("2026-04-29T09:20"); dispatch("Q");
        at("2026-04-30T16:00"); report("S");
        at("2026-04-30T16:10"); register("S");
        at("2026-04-30T16:20"); dispatch("S");
        at("2026-05-06T09:00"); feedback("S");
        at("2026-05-06T09:30"); check("S");
        at("2026-05-08T10:00");
        supervision.openByHand(loop.caseFile(ids.get("Q")).caseNumber(), SUPERVISOR, SupervisionOrder.Level.DISTRICT, "节后未处置");
        at("2026-05-11T10:00"); feedback("Q");
        at("2026-05-12T09:00"); report("R");
        at("2026-05-12T09:05"); register("R");
        at("2026-05-13T10:00"); check("Q");
        loop.at(NOW);
    }

    /** The past days of the DAY trend on {@link #NOW}: 15 April to 13 May. */
    static List<LocalDate> days() {
        return LocalDate.of(2026, 4, 15).datesUntil(LocalDate.of(2026, 5, 14)).toList();
    }

    /** What the history adds at each day's end to the street's (and the grid's) counts: open, overdue, under supervision. */
    static long[] street(LocalDate d) {
        return switch (d.toString()) {
            case "2026-04-20", "2026-04-21" -> new long[] {1, 0, 0};                          // P
            case "2026-04-29" -> new long[] {1, 0, 0};                                        // Q
            case "2026-04-30", "2026-05-01", "2026-05-02", "2026-05-03", "2026-05-04", "2026-05-05" ->
                    new long[] {2, 0, 0};                                                     // Q, S: the holiday is not working time
            case "2026-05-06" -> new long[] {1, 0, 0};                                        // Q (S filed)
            case "2026-05-07" -> new long[] {1, 1, 0};                                        // Q past its due date
            case "2026-05-08", "2026-05-09", "2026-05-10" -> new long[] {1, 1, 1};             // and under the order
            case "2026-05-11" -> new long[] {1, 1, 0};                                        // the order closed, the check late
            case "2026-05-12" -> new long[] {2, 2, 0};                                        // Q's check, R's dispatch
            case "2026-05-13" -> new long[] {1, 1, 0};                                        // R (Q filed)
            default -> new long[] {0, 0, 0};
        };
    }

    /** What the history adds to the roads department's counts: R was never dispatched. */
    static long[] roads(LocalDate d) {
        return switch (d.toString()) {
            case "2026-05-12" -> new long[] {1, 1, 0};
            case "2026-05-13" -> new long[] {0, 0, 0};
            default -> street(d);
        };
    }

    /** The trend's points on the days, as {day, open, overdue, under supervision}. */
    static void expect(Trend trend, long[][] before, java.util.function.Function<LocalDate, long[]> added) {
        List<LocalDate> days = days();
        Map<LocalDate, Trend.Point> byDay = new LinkedHashMap<>();
        trend.points().forEach(p -> byDay.put(p.day(), p));
        for (int i = 0; i < days.size(); i++) {
            long[] a = added.apply(days.get(i));
            assertThat(byDay.get(days.get(i))).as(days.get(i).toString())
                    .isEqualTo(new Trend.Point(days.get(i), before[i][0] + a[0], before[i][1] + a[1], before[i][2] + a[2]));
        }
    }
}
