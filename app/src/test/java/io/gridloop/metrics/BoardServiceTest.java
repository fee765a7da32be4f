package io.gridloop.metrics;

import static io.gridloop.process.CaseLoop.TASK_REGISTER;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridloop.casefile.CaseRecord;
import io.gridloop.casefile.Channel;
import io.gridloop.deadline.Supervision;
import io.gridloop.deadline.SupervisionOrder;
import io.gridloop.intake.ReportService;
import io.gridloop.security.AccessScope;
import io.gridloop.security.Roles;
import io.gridloop.support.GridLoopTest;
import io.gridloop.support.LoopDriver;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The overdue board and its trend on cases driven through the engine. Each test works in a grid of its own and reads it
 * through the scope of an observer of that grid only, so its figures are exact whatever else the shared database holds.
 */
@GridLoopTest
class BoardServiceTest {

    static final Locale ZH = Locale.SIMPLIFIED_CHINESE;
    static final AccessScope DISTRICT_SUPERVISOR = AccessScope.of("zhoujie", List.of(Roles.SUPERVISOR), Set.of());

    @Autowired
    LoopDriver loop;
    @Autowired
    ReportService reports;
    @Autowired
    BoardService boards;
    @Autowired
    Supervision supervision;

    @AfterEach
    void clock() {
        loop.resetClock();
    }

    /** Sees exactly the cases of one grid (a grid worker's scope with nothing reported by them). */
    static AccessScope observerOf(String grid) {
        return AccessScope.of("observer-" + grid, List.of(Roles.GRID_WORKER), Set.of(grid));
    }

    CaseRecord reportIn(String grid) {
        return reports.report(LoopDriver.report(Channel.GRID_WORKER, "STREETLIGHT", grid), "lihua");
    }

    @Test
    void aCaseGoesFromWarningToOverdueWithWorkingTimeOverdueAndTheLevelOfItsSupervision() {
        String grid = "S03C03G03";
        AccessScope scope = observerOf(grid);
        loop.at(LoopDriver.MONDAY_0900);
        CaseRecord c = reportIn(grid);
        // registering has one working hour: due at 10:00, warned at 80%
        assertThat(c.dueAt().toInstant()).isEqualTo(LoopDriver.MONDAY_0900.plus(Duration.ofHours(1)));
        Board board = boards.board(scope, ZH);
        assertThat(board.counts()).isEqualTo(new Board.Counts(1, 0, 0, 0));
        assertThat(board.cases()).isEmpty();
        assertThat(board.grids()).extracting(Board.GridCount::grid, Board.GridCount::open, Board.GridCount::overdue)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(grid, 1L, 0L));

        loop.at(LoopDriver.MONDAY_0900.plus(Duration.ofMinutes(50)));
        board = boards.board(scope, ZH);
        assertThat(board.counts()).isEqualTo(new Board.Counts(1, 1, 0, 0));
        Board.BoardCase warned = board.cases().get(0);
        assertThat(warned.caseNumber()).isEqualTo(c.caseNumber());
        assertThat(warned.overdue()).isFalse();
        assertThat(warned.overdueMinutes()).isZero();
        assertThat(warned.step()).isEqualTo("REGISTER");
        assertThat(warned.stepName()).isEqualTo("立案");

        // the lunch break (12:00–13:30) is not working time: at 14:00 the case is 2.5 working hours overdue
        Instant twoPm = LoopDriver.MONDAY_0900.plus(Duration.ofHours(5));
        loop.at(twoPm);
        board = boards.board(scope, ZH);
        assertThat(board.counts()).isEqualTo(new Board.Counts(1, 0, 1, 0));
        Board.BoardCase late = board.cases().get(0);
        assertThat(late.overdue()).isTrue();
        assertThat(late.overdueMinutes()).isEqualTo(150);
        assertThat(late.supervisionLevel()).isNull();
        List<Trend.Point> trend = boards.trend(Trend.Granularity.DAY, scope).points();
        assertThat(trend.get(trend.size() - 1)).as("the trend's last point is now").isEqualTo(new Trend.Point(LocalDate.of(2026, 11, 23), 1, 1, 0));
        assertThat(board.grids()).extracting(Board.GridCount::open, Board.GridCount::overdue)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, 1L));

        assertThat(supervision.openByHand(c.caseNumber(), DISTRICT_SUPERVISOR, SupervisionOrder.Level.DISTRICT, "久拖不办")).isTrue();
        board = boards.board(scope, ZH);
        assertThat(board.counts()).isEqualTo(new Board.Counts(1, 0, 1, 1));
        assertThat(board.cases().get(0).supervisionLevel()).isEqualTo("DISTRICT");
        assertThat(board.cases().get(0).orderState()).isEqualTo("OPEN");

        // registered: the case leaves the board (the next step has its own clock), and the order that chased the
        // registration closes with it (an order closes when the step it chases is done)
        loop.complete(c.id(), TASK_REGISTER, "lina", Map.of("registerDecision", "REGISTER"));
        board = boards.board(scope, ZH);
        assertThat(board.counts()).isEqualTo(new Board.Counts(1, 0, 0, 0));
        assertThat(board.cases()).isEmpty();
        assertThat(boards.openCasesOfGrid(grid, scope, ZH)).extracting(Board.BoardCase::caseNumber, Board.BoardCase::step)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(c.caseNumber(), "DISPATCH"));
    }

    @Test
    void daysOverdueCountWorkingTimeOverAWeekendAndTheHighestOrderWins() {
        daysOverdue(loop, reports, boards, supervision, "S03C03G02");
    }

    /** Also run on PostgreSQL (BoardOnPostgresTest), where the board's partial indexes are. */
    static void daysOverdue(LoopDriver loop, ReportService reports, BoardService boards, Supervision supervision, String grid) {
        AccessScope scope = observerOf(grid);
        loop.at(LoopDriver.MONDAY_0900);
        CaseRecord first = reports.report(LoopDriver.report(Channel.GRID_WORKER, "STREETLIGHT", grid), "lihua");
        loop.at(LoopDriver.MONDAY_0900.plus(Duration.ofMinutes(30)));
        CaseRecord second = reports.report(LoopDriver.report(Channel.GRID_WORKER, "STREETLIGHT", grid), "lihua");
        // due Monday 10:00 and 10:30, the same due day; read a week later, Monday 10:00 (working day 08:30–12:00, 13:30–17:30)
        Instant weekLater = LoopDriver.MONDAY_0900.plus(Duration.ofDays(7)).plus(Duration.ofHours(1));
        loop.at(weekLater.minus(Duration.ofMinutes(1)));
        assertThat(supervision.openByHand(first.caseNumber(), DISTRICT_SUPERVISOR, SupervisionOrder.Level.STREET, "久拖不办")).isTrue();
        loop.at(weekLater);
        assertThat(supervision.openByHand(first.caseNumber(), DISTRICT_SUPERVISOR, SupervisionOrder.Level.DISTRICT, "仍未办理")).isTrue();
        Board board = boards.board(scope, ZH);
        assertThat(board.counts()).isEqualTo(new Board.Counts(2, 0, 2, 1));
        // first: Monday 10:00–12:00 and 13:30–17:30 (6 h), Tuesday to Friday (4 × 7.5 h), no weekend, Monday 08:30–10:00 (1.5 h)
        // second: half an hour less on its first day
        assertThat(board.cases()).extracting(Board.BoardCase::caseNumber, Board.BoardCase::overdueMinutes,
                        Board.BoardCase::supervisionLevel, Board.BoardCase::orderState)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(first.caseNumber(), 37 * 60L + 30, "DISTRICT", "OPEN"),
                        org.assertj.core.groups.Tuple.tuple(second.caseNumber(), 37 * 60L, null, null));
        assertThat(board.grids()).extracting(Board.GridCount::grid, Board.GridCount::open, Board.GridCount::overdue)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(grid, 2L, 2L));
        assertThat(boards.openCasesOfGrid(grid, scope, ZH)).isEqualTo(board.cases());
    }

    @Test
    void theBoardKeepsToTheScopeAndGroupsByEveryDimension() {
        String mine = "S03C03G04";
        loop.at(LoopDriver.MONDAY_0900);
        CaseRecord c = reportIn(mine);
        loop.at(LoopDriver.MONDAY_0900.plus(Duration.ofHours(2)));
        assertThat(boards.board(observerOf(mine), ZH).cases()).extracting(Board.BoardCase::caseNumber).containsExactly(c.caseNumber());
        assertThat(boards.board(observerOf("S03C03G05"), ZH).cases()).extracting(Board.BoardCase::caseNumber)
                .doesNotContain(c.caseNumber());
        AccessScope streetS01 = AccessScope.of("qianfeng", List.of("supervisor-S01"), Set.of());
        assertThat(boards.board(streetS01, ZH).cases()).allMatch(b -> b.street().equals("S01"))
                .extracting(Board.BoardCase::caseNumber).doesNotContain(c.caseNumber());
        AccessScope streetS03 = AccessScope.of("hejun", List.of("supervisor-S03"), Set.of());
        assertThat(boards.board(streetS03, ZH).cases()).extracting(Board.BoardCase::caseNumber).contains(c.caseNumber());
        assertThat(boards.openCasesOfGrid(mine, streetS01, ZH)).isEmpty();

        Board board = boards.board(observerOf(mine), ZH);
        assertThat(board.groups(Board.Dimension.STREET)).extracting(Board.Group::key, Board.Group::overdue)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("S03", 1L));
        assertThat(board.groups(Board.Dimension.GRID)).extracting(Board.Group::key).containsExactly(mine);
        assertThat(board.groups(Board.Dimension.STEP)).extracting(Board.Group::key, Board.Group::name)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("REGISTER", "立案"));
        assertThat(board.groups(Board.Dimension.CATEGORY)).extracting(Board.Group::key).containsExactly(c.categoryCode());
        assertThat(board.groups(Board.Dimension.DEPARTMENT)).extracting(Board.Group::name).containsExactly("(尚未派遣)");
    }

    @Test
    void theTrendCountsEachDayAsItStoodAtItsEnd() {
        String grid = "S03C03G05";
        AccessScope scope = observerOf(grid);
        loop.at(LoopDriver.MONDAY_0900);
        CaseRecord c = reportIn(grid);
        loop.at(LoopDriver.MONDAY_0900.plus(Duration.ofMinutes(62)));
        // registered late; dispatching (one working hour) is never done, and the order chasing it stays open
        loop.complete(c.id(), TASK_REGISTER, "lina", Map.of("registerDecision", "REGISTER"));
        supervision.openByHand(c.caseNumber(), DISTRICT_SUPERVISOR, SupervisionOrder.Level.DISTRICT, null);
        Trend today = boards.trend(Trend.Granularity.DAY, scope);
        assertThat(today.points()).hasSize(BoardService.TREND_DAYS);
        Trend.Point now = today.points().get(today.points().size() - 1);
        assertThat(now).isEqualTo(new Trend.Point(LocalDate.of(2026, 11, 23), 1, 0, 1));
        assertThat(today.points().get(today.points().size() - 2)).isEqualTo(new Trend.Point(LocalDate.of(2026, 11, 22), 0, 0, 0));

        loop.at(LoopDriver.MONDAY_0900.plus(Duration.ofDays(2)));
        Trend later = boards.trend(Trend.Granularity.DAY, scope);
        List<Trend.Point> last = later.points().subList(later.points().size() - 4, later.points().size());
        assertThat(last).containsExactly(
                new Trend.Point(LocalDate.of(2026, 11, 22), 0, 0, 0),
                new Trend.Point(LocalDate.of(2026, 11, 23), 1, 1, 1),
                new Trend.Point(LocalDate.of(2026, 11, 24), 1, 1, 1),
                new Trend.Point(LocalDate.of(2026, 11, 25), 1, 1, 1));
        Trend weeks = boards.trend(Trend.Granularity.WEEK, scope);
        assertThat(weeks.points()).hasSize(BoardService.TREND_WEEKS);
        assertThat(weeks.points().get(weeks.points().size() - 1)).isEqualTo(new Trend.Point(LocalDate.of(2026, 11, 23), 1, 1, 1));
        assertThat(weeks.points().get(weeks.points().size() - 2)).isEqualTo(new Trend.Point(LocalDate.of(2026, 11, 16), 0, 0, 0));
    }
}
