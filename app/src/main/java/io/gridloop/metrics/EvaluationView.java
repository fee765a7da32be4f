package io.gridloop.metrics;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import io.gridloop.security.AccessScope;
import io.gridloop.security.AccessScopes;
import io.gridloop.security.CurrentOfficial;
import io.gridloop.security.Roles;
import io.gridloop.system.UserFacingException;
import io.gridloop.ui.MainLayout;
import io.gridloop.ui.Toasts;
import jakarta.annotation.security.RolesAllowed;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;

/**
 * The evaluation (综合评价) of a period for a kind of unit: every figure with its rule beside it, rankings of departments
 * and streets with the change from the previous period, and the CSV and Excel files of the same rows. Everything comes
 * from {@link EvaluationService}, {@link EvaluationRankings} and {@link EvaluationExport}.
 */
@Route(value = "evaluation", layout = MainLayout.class)
@Menu(title = "nav.evaluation", order = 7, icon = "CHART")
@RolesAllowed({Roles.SUPERVISOR, Roles.MANAGER, Roles.PROCESS_OWNER, Roles.ADMIN, Roles.INTAKE, Roles.DISPATCHER, Roles.HANDLER})
public class EvaluationView extends VerticalLayout implements HasDynamicTitle {

    private final EvaluationService evaluations;
    private final EvaluationRankings rankings;
    private final DistrictProblems problems;
    private final MonthlyReports reports;
    private final AccessScope scope;

    final DatePicker from = new DatePicker();
    final DatePicker to = new DatePicker();
    final Select<EvaluationUnit> unit = new Select<>();
    final Button show = new Button();
    final Grid<Evaluation.Row> table = new Grid<>();
    final Grid<Indicator> rules = new Grid<>();
    final Grid<EvaluationRankings.Ranked> departments = new Grid<>();
    final Grid<EvaluationRankings.Ranked> streets = new Grid<>();
    final Anchor csv;
    final Anchor xlsx;
    final Span previous = new Span();
    /** blind spots and high-frequency problems, one grid a table, each with its rule above it */
    final java.util.Map<ProblemTable, Grid<Record>> problemTables = new java.util.EnumMap<>(ProblemTable.class);
    final Anchor problemsXlsx;
    final Anchor monthlyReport;

    private Evaluation shown;

    public EvaluationView(EvaluationService evaluations, EvaluationRankings rankings, CurrentOfficial current, AccessScopes scopes,
                          Clock clock, DistrictProblems problems, MonthlyReports reports) {
        this.evaluations = evaluations;
        this.rankings = rankings;
        this.problems = problems;
        this.reports = reports;
        this.scope = scopes.of(current.require());
        // the last whole month by default: a month is what districts report by
        LocalDate firstOfMonth = LocalDate.now(clock).withDayOfMonth(1);
        from.setId("evaluation-from");
        from.setLabel(getTranslation("evaluation.from"));
        from.setValue(firstOfMonth.minusMonths(1));
        to.setId("evaluation-to");
        to.setLabel(getTranslation("evaluation.to"));
        to.setValue(firstOfMonth.minusDays(1));
        unit.setId("evaluation-unit");
        unit.setLabel(getTranslation("evaluation.unit.label"));
        unit.setItems(EvaluationUnit.values());
        unit.setItemLabelGenerator(u -> getTranslation("evaluation.unit." + u.name()));
        unit.setValue(EvaluationUnit.STREET);
        show.setText(getTranslation("evaluation.show"));
        show.setId("evaluation-show");
        show.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        show.addClickListener(e -> refresh());
        csv = new Anchor(download("csv"), getTranslation("evaluation.download.csv"));
        csv.setId("evaluation-csv");
        xlsx = new Anchor(download("xlsx"), getTranslation("evaluation.download.xlsx"));
        xlsx.setId("evaluation-xlsx");
        problemsXlsx = new Anchor(downloadProblems(), getTranslation("evaluation.download.problems"));
        problemsXlsx.setId("evaluation-problems-xlsx");
        monthlyReport = new Anchor(downloadMonthlyReport(), getTranslation("evaluation.download.report"));
        monthlyReport.setId("evaluation-monthly-report");
        HorizontalLayout controls = new HorizontalLayout(from, to, unit, show, csv, xlsx, monthlyReport);
        controls.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);

        table.setId("evaluation-table");
        table.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_COLUMN_BORDERS);
        table.addColumn(Evaluation.Row::name).setHeader(getTranslation("evaluation.name")).setFrozen(true).setAutoWidth(true)
                .setKey("name");
        for (Indicator i : Indicator.publishedFigures()) {
            Span header = new Span(i.label(getLocale()));
            header.setTitle(i.rule(getLocale()));
            table.addColumn(r -> format(i, r.get(i))).setHeader(header).setKey(i.key()).setAutoWidth(true)
                    .setTooltipGenerator(r -> i.rule(getLocale()));
        }
        table.setHeight("360px");

        rules.setId("evaluation-rules");
        rules.addColumn(i -> i.label(getLocale())).setHeader(getTranslation("evaluation.figure")).setAutoWidth(true).setFlexGrow(0);
        rules.addColumn(i -> shown == null ? "" : format(i, shown.total().get(i))).setHeader(getTranslation("evaluation.total"))
                .setAutoWidth(true).setFlexGrow(0).setKey("total");
        rules.addColumn(i -> i.rule(getLocale())).setHeader(getTranslation("evaluation.rules")).setKey("rule");
        rules.setItems(Indicator.publishedFigures());
        rules.setAllRowsVisible(true);

        configureRanking(departments, "evaluation-ranking-departments");
        configureRanking(streets, "evaluation-ranking-streets");
        HorizontalLayout rankingsRow = new HorizontalLayout(
                new VerticalLayout(new H3(getTranslation("evaluation.ranking.DEPARTMENT")), departments),
                new VerticalLayout(new H3(getTranslation("evaluation.ranking.STREET")), streets));
        rankingsRow.setWidthFull();
        previous.setId("evaluation-previous");

        add(new H2(getTranslation("evaluation.title")), controls, new Span(getTranslation("evaluation.unit.rule")), table,
                new H3(getTranslation("evaluation.ranking")), previous, new Span(getTranslation("evaluation.ranking.rule")), rankingsRow,
                new H3(getTranslation("evaluation.rules")), rules);
        add(new H2(getTranslation("evaluation.problems")), problemsXlsx);
        for (ProblemTable t : ProblemTable.values()) {
            Grid<Record> grid = new Grid<>();
            grid.setId("evaluation-" + t.key());
            grid.addThemeVariants(GridVariant.LUMO_COMPACT);
            java.util.List<String> columns = t.columns();
            for (int c = 0; c < columns.size(); c++) {
                int column = c;
                grid.addColumn(r -> {
                    Object v = t.values(r).get(column);
                    return v == null ? "" : v.toString();
                }).setHeader(ProblemTable.columnLabel(columns.get(c), getLocale())).setKey(columns.get(c)).setAutoWidth(true);
            }
            grid.setAllRowsVisible(true);
            problemTables.put(t, grid);
            Span rule = new Span(t.rule(getLocale()));
            rule.setId("evaluation-" + t.key() + "-rule");
            add(new H3(t.label(getLocale())), rule, grid);
        }
        refresh();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("evaluation.title") + " · " + getTranslation("app.name");
    }

    private void configureRanking(Grid<EvaluationRankings.Ranked> grid, String id) {
        grid.setId(id);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.addColumn(r -> r.rank() == null ? "—" : r.rank().toString()).setHeader(getTranslation("evaluation.rank")).setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(EvaluationRankings.Ranked::name).setHeader(getTranslation("evaluation.name"));
        grid.addColumn(r -> format(Indicator.SCORE, r.score())).setHeader(getTranslation("evaluation.score")).setAutoWidth(true);
        grid.addColumn(r -> r.change() == null ? "—" : String.format(Locale.ROOT, "%+.1f", r.change()))
                .setHeader(getTranslation("evaluation.change")).setAutoWidth(true).setKey("change");
        grid.addColumn(r -> r.previousRank() == null ? "—" : r.previousRank().toString()).setHeader(getTranslation("evaluation.previousRank"))
                .setAutoWidth(true);
        grid.setAllRowsVisible(true);
    }

    void refresh() {
        if (from.getValue() == null || to.getValue() == null || unit.getValue() == null) {
            Toasts.error(getTranslation("evaluation.pickPeriod"));
            return;
        }
        try {
            shown = evaluations.evaluate(from.getValue(), to.getValue(), unit.getValue(), scope, getLocale());
            var byDepartment = rankings.rank(from.getValue(), to.getValue(), EvaluationUnit.DEPARTMENT, scope, getLocale());
            var byStreet = rankings.rank(from.getValue(), to.getValue(), EvaluationUnit.STREET, scope, getLocale());
            departments.setItems(byDepartment.rows());
            streets.setItems(byStreet.rows());
            previous.setText(getTranslation("evaluation.previous", byStreet.previousFrom(), byStreet.previousTo()));
            DistrictProblems.Problems p = problems.problems(from.getValue(), to.getValue(), scope, getLocale());
            problemTables.forEach((t, grid) -> grid.setItems(java.util.List.copyOf(t.rows(p))));
        } catch (UserFacingException e) {
            Toasts.error(getTranslation(e.messageKey(), e.args()));
            return;
        }
        table.setItems(shown.rows());
        table.getColumnByKey("name").setFooter(shown.total().name());
        for (Indicator i : Indicator.publishedFigures()) {
            table.getColumnByKey(i.key()).setFooter(format(i, shown.total().get(i)));
        }
        rules.getDataProvider().refreshAll();
    }

    Evaluation shown() {
        return shown;
    }

    /** The file of the rows on the page, computed again when downloaded, by the export the JSON API uses. */
    private DownloadHandler download(String extension) {
        return event -> {
            Evaluation e = evaluations.evaluate(from.getValue(), to.getValue(), unit.getValue(), scope, getLocale());
            event.setFileName("evaluation-%s-%s-%s.%s".formatted(e.unit().name().toLowerCase(Locale.ROOT), e.from(), e.to(), extension));
            event.setContentType(extension.equals("csv") ? "text/csv;charset=UTF-8"
                    : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            try (OutputStream out = event.getOutputStream()) {
                if (extension.equals("csv")) {
                    EvaluationExport.csv(e, out);
                } else {
                    EvaluationExport.xlsx(e, getLocale(), out);
                }
            } catch (IOException ex) {
                throw new java.io.UncheckedIOException(ex);
            }
        };
    }

    private DownloadHandler downloadProblems() {
        return event -> {
            DistrictProblems.Problems p = problems.problems(from.getValue(), to.getValue(), scope, getLocale());
            event.setFileName("problems-%s-%s.xlsx".formatted(p.from(), p.to()));
            event.setContentType(MonthlyReports.XLSX);
            try (OutputStream out = event.getOutputStream()) {
                ProblemsExport.xlsx(p, getLocale(), out);
            } catch (IOException ex) {
                throw new java.io.UncheckedIOException(ex);
            }
        };
    }

    /** The monthly report of the month the period starts in, as managers receive it, within the official's scope. */
    private DownloadHandler downloadMonthlyReport() {
        return event -> {
            java.time.YearMonth month = java.time.YearMonth.from(from.getValue());
            event.setFileName(MonthlyReports.fileName(month));
            event.setContentType(MonthlyReports.XLSX);
            try (OutputStream out = event.getOutputStream()) {
                reports.write(month, scope, getLocale(), out);
            } catch (IOException ex) {
                throw new java.io.UncheckedIOException(ex);
            }
        };
    }

    /** Counts as they are, rates as percentages, hours and the score with one decimal; "—" where there is no figure. */
    static String format(Indicator i, Number n) {
        if (n == null) {
            return "—";
        }
        return switch (i.kind()) {
            case COUNT -> Long.toString(n.longValue());
            case RATE -> String.format(Locale.ROOT, "%.1f%%", n.doubleValue() * 100);
            case HOURS, SCORE -> String.format(Locale.ROOT, "%.1f", n.doubleValue());
            case WEIGHTED -> String.format(Locale.ROOT, "%.2f", n.doubleValue());
        };
    }
}
