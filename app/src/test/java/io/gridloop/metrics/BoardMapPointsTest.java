package io.gridloop.metrics;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.UI;
import io.gridloop.casefile.CaseRecord;
import io.gridloop.casefile.Channel;
import io.gridloop.casefile.Urgency;
import io.gridloop.intake.Report;
import io.gridloop.intake.ReportService;
import io.gridloop.security.AccessScope;
import io.gridloop.security.Roles;
import io.gridloop.support.GridLoopTest;
import io.gridloop.support.KaribuUi;
import io.gridloop.support.LoopDriver;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** The board's map draws the open cases as points coloured by their state; a click on one opens the case. Without a browser. */
@GridLoopTest
class BoardMapPointsTest {

    static final AccessScope MANAGER = AccessScope.of("wuqiang", List.of(Roles.MANAGER), Set.of());
    static final AccessScope STREET_S02 = AccessScope.of("xuli", List.of(Roles.STREET_SUPERVISOR_PREFIX + "S02"), Set.of());

    @Autowired
    ApplicationContext ctx;
    @Autowired
    LoopDriver loop;
    @Autowired
    ReportService reports;
    @Autowired
    BoardService boards;

    @AfterEach
    void signOut() {
        KaribuUi.signOut();
        loop.resetClock();
    }

    /** A street light out at a point inside grid S01C01G01 (116.340–116.343 E, 39.94–39.96 N). */
    private CaseRecord reportAt(double lng, double lat) {
        return reports.report(new Report(Channel.GRID_WORKER, Urgency.NORMAL, null, "STREETLIGHT", null, lng, lat, "德胜门外",
                "路灯不亮", null, null, null, false, List.of()), "wangwei");
    }

    @Test
    void openCasesArePointsColouredByStateAndAClickOpensTheCase() throws Exception {
        // registration has an hour: by 10:05 the first is overdue, the second in warning (from 48 minutes), the third neither
        loop.at(LoopDriver.MONDAY_0900);
        CaseRecord overdue = reportAt(116.3405, 39.945);
        loop.at(LoopDriver.MONDAY_0900.plus(Duration.ofMinutes(10)));
        CaseRecord warning = reportAt(116.3415, 39.950);
        loop.at(LoopDriver.MONDAY_0900.plus(Duration.ofMinutes(50)));
        CaseRecord normal = reportAt(116.3425, 39.955);
        loop.at(LoopDriver.MONDAY_0900.plus(Duration.ofMinutes(65)));

        KaribuUi.signIn(ctx, "wuqiang");
        UI.getCurrent().navigate(BoardView.class);
        BoardView view = _get(BoardView.class);
        Map<String, JsonNode> drawn = new HashMap<>();
        for (JsonNode p : new ObjectMapper().readTree(view.map.points())) {
            drawn.put(p.get(3).asText(), p);
        }
        assertThat(drawn.get(overdue.caseNumber()).get(2).asText()).isEqualTo("OVERDUE");
        assertThat(drawn.get(warning.caseNumber()).get(2).asText()).isEqualTo("WARNING");
        assertThat(drawn.get(normal.caseNumber()).get(2).asText()).isEqualTo("NORMAL");
        assertThat(drawn.get(normal.caseNumber()).get(0).asDouble()).isEqualTo(116.3425);
        assertThat(drawn.get(normal.caseNumber()).get(1).asDouble()).isEqualTo(39.955);
        assertThat(view.mapNote.getText()).contains(Integer.toString(drawn.size()));

        // a click on a point opens the case
        view.map.openCase(warning.caseNumber());
        assertThat(UI.getCurrent().getInternals().getActiveViewLocation().getPath()).isEqualTo("case/" + warning.caseNumber());
    }

    @Test
    void withThousandsOpenTheMostUrgentAreDrawnAndEachOnlyInScope() {
        loop.at(LoopDriver.MONDAY_0900);
        CaseRecord first = reportAt(116.3405, 39.945);
        loop.at(LoopDriver.MONDAY_0900.plus(Duration.ofMinutes(30)));
        reportAt(116.3415, 39.950);
        reportAt(116.3425, 39.955);
        loop.at(LoopDriver.MONDAY_0900.plus(Duration.ofMinutes(65)));

        // limited: the overdue one comes first whatever else is open
        BoardService.CasePoints two = boards.casePoints(MANAGER, 2);
        assertThat(two.points()).hasSize(2);
        assertThat(two.located()).isGreaterThanOrEqualTo(3);
        assertThat(two.points().get(0).state()).isEqualTo("OVERDUE");
        assertThat(boards.casePoints(MANAGER, BoardService.MAP_POINTS).points()).extracting(BoardService.CasePoint::caseNumber)
                .contains(first.caseNumber());
        // a street's supervisor sees the points of their street only (these are in S01)
        assertThat(boards.casePoints(STREET_S02, BoardService.MAP_POINTS).points()).extracting(BoardService.CasePoint::caseNumber)
                .doesNotContain(first.caseNumber());
    }
}
