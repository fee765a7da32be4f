package io.gridloop.metrics;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.treegrid.TreeGrid;
import com.vaadin.flow.data.provider.hierarchy.TreeData;
import com.vaadin.flow.data.provider.hierarchy.TreeDataProvider;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import io.gridloop.deadline.Supervision;
import io.gridloop.deadline.SupervisionOrder;
import io.gridloop.deadline.TimeLimit;
import io.gridloop.deadline.WorkingTime;
import io.gridloop.security.AccessScope;
import io.gridloop.security.AccessScopes;
import io.gridloop.security.CurrentOfficial;
import io.gridloop.security.Roles;
import io.gridloop.system.UserFacingException;
import io.gridloop.ui.MainLayout;
import io.gridloop.ui.Toasts;
import jakarta.annotation.security.RolesAllowed;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The overdue board (督办看板): the counts, their trend, the map of the grids and every open case in warning or overdue,
 * grouped as the official picks. It polls the server every few seconds, so timers that fire and cases that move show
 * without a reload. Everything shown comes from {@link BoardService}; opening an order asks {@link Supervision}.
 */
@Route(value = "board", layout = MainLayout.class)
@Menu(title = "nav.board", order = 6, icon = "DASHBOARD")
@RolesAllowed({Roles.SUPERVISOR, Roles.MANAGER, Roles.PROCESS_OWNER, Roles.ADMIN, Roles.INTAKE, Roles.DISPATCHER})
public class BoardView extends VerticalLayout implements HasDynamicTitle {

    /** How often the page asks the server for news. */
    static final int POLL_MILLIS = 5000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm");

    private final BoardService boards;
    private final Supervision supervision;
    private final WorkingTime workingTime;
    private final AccessScope scope;
    private final ZoneId zone;

    final Span open = count("board-open");
    final Span warning = count("board-warning");
    final Span overdue = count("board-overdue");
    final Span underSupervision = count("board-supervised");
    final Select<Board.Dimension> groupBy = new Select<>();
    final Select<Trend.Granularity> trendBy = new Select<>();
    final Select<SupervisionOrder.Level> level = new Select<>();
    final TreeGrid<Object> cases = new TreeGrid<>();
    final TrendChart chart = new TrendChart();
    final DistrictMap map;
    final Span mapNote = new Span();
    final Grid<Board.BoardCase> gridCases = new Grid<>();
    final Dialog gridDialog = new Dialog();

    private Board board;
    private Board.Counts trendOf;
    private Registration poll;

    public BoardView(BoardService boards, Supervision supervision, WorkingTime workingTime, CurrentOfficial current, AccessScopes scopes) {
        this.boards = boards;
        this.supervision = supervision;
        this.workingTime = workingTime;
        this.scope = scopes.of(current.require());
        this.zone = workingTime.zone();
        setSizeFull();

        HorizontalLayout top = new HorizontalLayout(stat(open, "board.open"), stat(warning, "board.warning"),
                stat(overdue, "board.overdue"), stat(underSupervision, "board.underSupervision"));
        top.addClassName("gl-board-counts");

        groupBy.setId("board-group");
        groupBy.setLabel(getTranslation("board.groupBy"));
        groupBy.setItems(Board.Dimension.values());
        groupBy.setItemLabelGenerator(d -> getTranslation("board.groupBy." + d.name()));
        groupBy.setValue(Board.Dimension.STREET);
        groupBy.addValueChangeListener(e -> showCases());
        trendBy.setId("board-trend-by");
        trendBy.setLabel(getTranslation("board.trendBy"));
        trendBy.setItems(Trend.Granularity.values());
        trendBy.setItemLabelGenerator(g -> getTranslation("board.trendBy." + g.name()));
        trendBy.setValue(Trend.Granularity.DAY);
        trendBy.addValueChangeListener(e -> showTrend());
        level.setId("board-level");
        level.setLabel(getTranslation("supervision.level"));
        level.setItems(SupervisionOrder.Level.STREET, SupervisionOrder.Level.DISTRICT);
        level.setItemLabelGenerator(l -> getTranslation("supervision.level." + l.name()));
        level.setValue(scope.groups().contains(Roles.SUPERVISOR) ? SupervisionOrder.Level.DISTRICT : SupervisionOrder.Level.STREET);
        level.setVisible(scope.isSupervisor());
        HorizontalLayout controls = new HorizontalLayout(groupBy, trendBy, level);
        controls.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);

        chart.setId("board-chart");
        map = new DistrictMap(boards.gridsGeoJson(), getTranslation("board.open"), getTranslation("board.overdue"), stateWords());
        map.setId("board-map");
        map.onGrid(this::openGrid);
        map.onCase(number -> UI.getCurrent().navigate("case/" + number));
        mapNote.setId("board-map-note");
        mapNote.getStyle().set("font-size", "var(--lumo-font-size-s)").set("color", "var(--lumo-secondary-text-color)");
        VerticalLayout mapBox = new VerticalLayout(map, mapNote);
        mapBox.setPadding(false);
        mapBox.setSpacing(false);
        HorizontalLayout pictures = new HorizontalLayout(chart, mapBox);
        pictures.setWidthFull();
        pictures.setFlexGrow(1, chart, mapBox);

        cases.setId("board-cases");
        cases.addComponentHierarchyColumn(this::first).setHeader(getTranslation("board.column.case")).setAutoWidth(true).setFlexGrow(0);
        cases.addColumn(item -> item instanceof Board.BoardCase c ? c.categoryName() : "").setHeader(getTranslation("board.column.category"));
        cases.addColumn(item -> item instanceof Board.BoardCase c ? c.stepName() : "").setHeader(getTranslation("inbox.column.step"));
        cases.addColumn(item -> item instanceof Board.BoardCase c ? c.departmentName() : "").setHeader(getTranslation("board.column.department"));
        cases.addColumn(item -> item instanceof Board.BoardCase c ? due(c) : "").setHeader(getTranslation("board.column.due"));
        cases.addColumn(item -> item instanceof Board.BoardCase c ? late(c) : "").setHeader(getTranslation("board.column.overdueBy"));
        cases.addColumn(item -> item instanceof Board.BoardCase c ? supervisionOf(c) : "")
                .setHeader(getTranslation("board.column.supervision"));
        cases.addComponentColumn(item -> item instanceof Board.BoardCase c && scope.isSupervisor() ? superviseButton(c) : new Span())
                .setHeader("").setAutoWidth(true).setFlexGrow(0);
        cases.setSizeFull();

        gridCases.setId("board-grid-cases");
        gridCases.addComponentColumn(this::link).setHeader(getTranslation("board.column.case")).setAutoWidth(true);
        gridCases.addColumn(Board.BoardCase::categoryName).setHeader(getTranslation("board.column.category"));
        gridCases.addColumn(Board.BoardCase::stepName).setHeader(getTranslation("inbox.column.step"));
        gridCases.addColumn(this::due).setHeader(getTranslation("board.column.due"));
        gridCases.addColumn(this::late).setHeader(getTranslation("board.column.overdueBy"));
        gridCases.setWidth("900px");
        gridDialog.add(gridCases);
        gridDialog.getFooter().add(new Button(getTranslation("board.close"), e -> gridDialog.close()));

        add(new H2(getTranslation("board.title")), top, controls, pictures, cases);
        expand(cases);
        refresh();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("board.title") + " · " + getTranslation("app.name");
    }

    @Override
    protected void onAttach(AttachEvent event) {
        UI ui = event.getUI();
        ui.setPollInterval(POLL_MILLIS);
        poll = ui.addPollListener(e -> refresh());
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (poll != null) {
            poll.remove();
            poll = null;
        }
        event.getUI().setPollInterval(-1);
    }

    /** Reads the board again and shows it; the trend only when the counts moved or another span was picked. */
    void refresh() {
        board = boards.board(scope, getLocale());
        Board.Counts c = board.counts();
        open.setText(Long.toString(c.open()));
        warning.setText(Long.toString(c.warning()));
        overdue.setText(Long.toString(c.overdue()));
        underSupervision.setText(Long.toString(c.underSupervision()));
        showCases();
        map.show(board.grids());
        BoardService.CasePoints points = boards.casePoints(scope, BoardService.MAP_POINTS);
        map.showCases(points.points());
        mapNote.setText(getTranslation("board.mapPoints", points.points().size(), points.located()));
        if (!c.equals(trendOf)) {
            showTrend();
        }
    }

    Board board() {
        return board;
    }

    private void showCases() {
        TreeData<Object> data = new TreeData<>();
        List<Board.Group> groups = board.groups(groupBy.getValue());
        for (Board.Group g : groups) {
            data.addItem(null, g);
            data.addItems(g, g.cases().toArray());
        }
        cases.setDataProvider(new TreeDataProvider<>(data));
        cases.expand(groups.toArray());
    }

    private void showTrend() {
        trendOf = board.counts();
        Trend t = boards.trend(trendBy.getValue(), scope, trendOf);
        DateTimeFormatter day = DateTimeFormatter.ofPattern("MM-dd");
        chart.show(t.points().stream().map(p -> p.day().format(day)).toList(), List.of(
                new TrendChart.Line(getTranslation("board.open"), "#1676f3", t.points().stream().map(Trend.Point::open).toList()),
                new TrendChart.Line(getTranslation("board.overdue"), "#c62828", t.points().stream().map(Trend.Point::overdue).toList()),
                new TrendChart.Line(getTranslation("board.underSupervision"), "#6a1b9a",
                        t.points().stream().map(Trend.Point::underSupervision).toList())));
    }

    private void openGrid(String code) {
        gridCases.setItems(boards.openCasesOfGrid(code, scope, getLocale()));
        gridDialog.setHeaderTitle(getTranslation("board.gridCases", boards.gridName(code, getLocale())));
        gridDialog.open();
    }

    private Component first(Object item) {
        if (item instanceof Board.Group g) {
            Span s = new Span(getTranslation("board.group", g.name(), g.warning(), g.overdue()));
            s.getStyle().set("font-weight", "600");
            return s;
        }
        return link((Board.BoardCase) item);
    }

    private Anchor link(Board.BoardCase c) {
        Anchor a = new Anchor("case/" + c.caseNumber(), c.caseNumber());
        a.addClassName("gl-board-case");
        return a;
    }

    private Button superviseButton(Board.BoardCase c) {
        Button b = new Button(getTranslation("board.supervise"));
        b.addThemeVariants(ButtonVariant.LUMO_SMALL);
        b.setId("supervise-" + c.caseNumber());
        b.addClickListener(e -> supervise(c.caseNumber()));
        return b;
    }

    void supervise(String caseNumber) {
        try {
            boolean opened = supervision.openByHand(caseNumber, scope, level.getValue(), null);
            if (opened) {
                Toasts.success(getTranslation("supervision.done", caseNumber));
            }
        } catch (UserFacingException e) {
            Toasts.error(getTranslation(e.messageKey(), e.args()));
        }
        refresh();
    }

    private String due(Board.BoardCase c) {
        return c.dueAt() == null ? "" : TIME.format(c.dueAt().atZone(zone));
    }

    /** Working time past the due date, as working days, hours and minutes. */
    private String late(Board.BoardCase c) {
        if (!c.overdue()) {
            return getTranslation("board.inWarning");
        }
        TimeLimit t = workingTime.asDaysAndHours(Duration.ofMinutes(c.overdueMinutes()));
        return getTranslation("board.overdueBy", t.days(), t.time().toHours(), t.time().toMinutesPart());
    }

    private String supervisionOf(Board.BoardCase c) {
        if (c.supervisionLevel() == null) {
            return "";
        }
        return getTranslation("supervision.level." + c.supervisionLevel()) + " · " + getTranslation("board.order." + c.orderState());
    }

    /** The points' states in the official's language, for the map's tooltips. */
    private String stateWords() {
        return "{\"NORMAL\":\"%s\",\"WARNING\":\"%s\",\"OVERDUE\":\"%s\"}".formatted(getTranslation("board.state.NORMAL"),
                getTranslation("board.state.WARNING"), getTranslation("board.state.OVERDUE"));
    }

    private static Span count(String id) {
        Span s = new Span("0");
        s.setId(id);
        s.getStyle().set("font-size", "var(--lumo-font-size-xxl)").set("font-weight", "600");
        return s;
    }

    private Div stat(Span number, String labelKey) {
        Div d = new Div(number, new Span(getTranslation(labelKey)));
        d.getStyle().set("display", "flex").set("flex-direction", "column").set("padding", "0 var(--lumo-space-l)");
        return d;
    }
}
