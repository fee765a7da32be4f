package io.gridloop.metrics;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.PollEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.sidenav.SideNavItem;
import io.gridloop.casefile.CaseRecord;
import io.gridloop.casefile.Channel;
import io.gridloop.intake.ReportService;
import io.gridloop.security.AccessScope;
import io.gridloop.security.Roles;
import io.gridloop.support.GridLoopTest;
import io.gridloop.support.KaribuUi;
import io.gridloop.support.LoopDriver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The overdue board's page without a browser: it refreshes itself on its poll when timers fire, and orders are opened from it. */
@GridLoopTest
class BoardViewTest {

    @Autowired
    ApplicationContext ctx;
    @Autowired
    LoopDriver loop;
    @Autowired
    ReportService reports;
    @Autowired
    BoardService boards;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void signOut() {
        KaribuUi.signOut();
        loop.resetClock();
    }

    static final AccessScope MANAGER = AccessScope.of("wuqiang", List.of(Roles.MANAGER), Set.of());

    /** What the browser's poll does: a poll event on the UI. */
    static void poll() {
        UI ui = UI.getCurrent();
        ComponentUtil.fireEvent(ui, new PollEvent(ui, true));
    }

    /** The case numbers the page's tree shows, under every group. */
    static List<String> shown(BoardView view) {
        List<String> out = new ArrayList<>();
        var data = view.cases.getTreeData();
        for (Object group : data.getRootItems()) {
            for (Object c : data.getChildren(group)) {
                out.add(((Board.BoardCase) c).caseNumber());
            }
        }
        return out;
    }

    @Test
    void theOpenPageShowsATimerThatFiredOnItsNextPollWithoutAReload() throws Exception {
        loop.at(LoopDriver.MONDAY_0900);
        CaseRecord c = reports.report(LoopDriver.report(Channel.GRID_WORKER, "STREETLIGHT", "S03C02G05"), "lihua");
        KaribuUi.signIn(ctx, "wuqiang");
        UI.getCurrent().navigate(BoardView.class);
        BoardView view = _get(BoardView.class);
        assertThat(UI.getCurrent().getPollInterval()).as("the page polls").isEqualTo(BoardView.POLL_MILLIS);
        Board.Counts before = boards.board(MANAGER, Locale.SIMPLIFIED_CHINESE).counts();
        assertThat(view.overdue.getText()).isEqualTo(Long.toString(before.overdue()));
        assertThat(view.open.getText()).isEqualTo(Long.toString(before.open()));
        assertThat(shown(view)).doesNotContain(c.caseNumber());
        String chartBefore = view.chart.data();

        // an hour and a minute later the deadline's timers fire: the case is overdue
        loop.at(LoopDriver.MONDAY_0900.plus(Duration.ofMinutes(61)));
        Board.Counts after = boards.board(MANAGER, Locale.SIMPLIFIED_CHINESE).counts();
        assertThat(after.overdue()).isGreaterThan(before.overdue());
        assertThat(view.overdue.getText()).as("nothing moves before the poll").isEqualTo(Long.toString(before.overdue()));

        poll();
        assertThat(view.overdue.getText()).isEqualTo(Long.toString(after.overdue()));
        assertThat(view.warning.getText()).isEqualTo(Long.toString(after.warning()));
        assertThat(shown(view)).contains(c.caseNumber());
        assertThat(view.chart.data()).as("the trend is drawn again with the new counts").isNotEqualTo(chartBefore);
        var grid = new com.fasterxml.jackson.databind.ObjectMapper().readTree(view.map.counts()).path("S03C02G05");
        assertThat(grid.path("open").asLong()).isEqualTo(count("S03C02G05", "1 = 1")).isPositive();
        assertThat(grid.path("overdue").asLong()).isEqualTo(count("S03C02G05", "overdue")).isPositive();
    }

    private long count(String grid, String condition) {
        return jdbc.sql("select count(*) from gl_case where closed_at is null and grid_code = :g and " + condition).param("g", grid)
                .query(Long.class).single();
    }

    @Test
    void aSupervisorIssuesAnOrderFromTheBoardAndAManagerCannot() {
        loop.at(LoopDriver.MONDAY_0900);
        CaseRecord c = reports.report(LoopDriver.report(Channel.GRID_WORKER, "STREETLIGHT", "S03C02G04"), "lihua");
        loop.at(LoopDriver.MONDAY_0900.plus(Duration.ofMinutes(90)));

        KaribuUi.signIn(ctx, "wuqiang");
        UI.getCurrent().navigate(BoardView.class);
        BoardView manager = _get(BoardView.class);
        assertThat(manager.level.isVisible()).isFalse();
        manager.supervise(c.caseNumber());
        assertThat(orders(c)).as("the service refuses a manager").isZero();
        KaribuUi.signOut();

        KaribuUi.signIn(ctx, "zhoujie");
        UI.getCurrent().navigate(BoardView.class);
        BoardView view = _get(BoardView.class);
        assertThat(view.level.isVisible()).isTrue();
        long supervisedBefore = Long.parseLong(view.underSupervision.getText());
        view.supervise(c.caseNumber());
        assertThat(orders(c)).isEqualTo(1);
        assertThat(Long.parseLong(view.underSupervision.getText())).isEqualTo(supervisedBefore + 1);
        Board.BoardCase row = view.board().cases().stream().filter(b -> b.caseNumber().equals(c.caseNumber())).findFirst().orElseThrow();
        assertThat(row.supervisionLevel()).isEqualTo("DISTRICT");
        assertThat(row.orderState()).isEqualTo("OPEN");

        // the map's click opens the grid's list
        view.map.openGrid("S03C02G04");
        assertThat(view.gridDialog.isOpened()).isTrue();
        assertThat(com.github.mvysny.kaributesting.v10.GridKt._fetch(view.gridCases, 0, 100))
                .extracting(Board.BoardCase::caseNumber).contains(c.caseNumber());
        // grouped by step the case waits under registering
        view.groupBy.setValue(Board.Dimension.STEP);
        assertThat(view.cases.getTreeData().getRootItems()).extracting(g -> ((Board.Group) g).key()).contains("REGISTER");
    }

    @Test
    void theBoardIsInTheMenuOfManagersAndSupervisorsAndNotOfHandlers() {
        KaribuUi.signIn(ctx, "wuqiang");
        UI.getCurrent().navigate(BoardView.class);
        assertThat(com.github.mvysny.kaributesting.v10.LocatorJ._find(SideNavItem.class)).extracting(SideNavItem::getPath).contains("board");
        KaribuUi.signOut();
        KaribuUi.signIn(ctx, "qianfeng");
        UI.getCurrent().navigate(BoardView.class);
        assertThat(com.github.mvysny.kaributesting.v10.LocatorJ._find(SideNavItem.class)).extracting(SideNavItem::getPath).contains("board");
        KaribuUi.signOut();
        KaribuUi.signIn(ctx, "sunli");
        UI.getCurrent().navigate("");
        assertThat(com.github.mvysny.kaributesting.v10.LocatorJ._find(SideNavItem.class)).extracting(SideNavItem::getPath)
                .doesNotContain("board");
    }

    private long orders(CaseRecord c) {
        return jdbc.sql("select count(*) from gl_supervision_order where case_id = :c and kind = 'SUPERVISION'").param("c", c.id())
                .query(Long.class).single();
    }
}
