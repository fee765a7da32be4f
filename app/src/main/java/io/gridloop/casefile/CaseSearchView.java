package io.gridloop.casefile;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.gridloop.ui.ComponentTexts;
import io.gridloop.grid.Category;
import io.gridloop.grid.Department;
import io.gridloop.grid.Labels;
import io.gridloop.grid.ReferenceData;
import io.gridloop.grid.Street;
import io.gridloop.security.AccessScope;
import io.gridloop.security.AccessScopes;
import io.gridloop.security.CurrentOfficial;
import io.gridloop.ui.MainLayout;
import jakarta.annotation.security.PermitAll;
import java.util.List;

/** Case search by number, status, street, grid, department, category and reporting date. */
@Route(value = "cases", layout = MainLayout.class)
@Menu(title = "nav.cases", order = 3, icon = "SEARCH")
@PermitAll
public class CaseSearchView extends VerticalLayout implements HasDynamicTitle {

    private final CaseSearch cases;
    private final AccessScope scope;

    final TextField number = new TextField();
    final ComboBox<CaseStatus> status = new ComboBox<>();
    final ComboBox<Street> street = new ComboBox<>();
    final ComboBox<io.gridloop.grid.GridCell> grid = new ComboBox<>();
    final ComboBox<Department> department = new ComboBox<>();
    final ComboBox<Category> category = new ComboBox<>();
    final DatePicker from = new DatePicker();
    final DatePicker to = new DatePicker();
    final Checkbox overdue = new Checkbox();
    final TextField words = new TextField();
    final TextField callerPhone = new TextField();
    final Span found = new Span();
    final Grid<CaseRecord> results = new Grid<>();

    public CaseSearchView(CaseSearch cases, ReferenceData reference, CaseLabels labels, CurrentOfficial official,
                          AccessScopes scopes) {
        this.cases = cases;
        this.scope = scopes.of(official.require());
        setSizeFull();
        number.setLabel(getTranslation("cases.number"));
        number.setId("case-number");
        status.setLabel(getTranslation("cases.status"));
        status.setItems(CaseStatus.values());
        status.setItemLabelGenerator(s -> getTranslation("status." + s.name()));
        street.setLabel(getTranslation("cases.street"));
        street.setItems(List.copyOf(reference.streets()));
        street.setItemLabelGenerator(s -> Labels.pick(getLocale(), s.name(), s.nameEn()));
        grid.setLabel(getTranslation("cases.grid"));
        grid.setItems(List.copyOf(reference.grids()));
        grid.setItemLabelGenerator(g -> Labels.pick(getLocale(), g.name(), g.nameEn()));
        department.setLabel(getTranslation("cases.department"));
        department.setItems(List.copyOf(reference.departments()));
        department.setItemLabelGenerator(d -> Labels.pick(getLocale(), d.name(), d.nameEn()));
        category.setLabel(getTranslation("cases.category"));
        category.setItems(List.copyOf(reference.categories()));
        category.setItemLabelGenerator(c -> Labels.pick(getLocale(), c.name(), c.nameEn()));
        from.setLabel(getTranslation("cases.from"));
        to.setLabel(getTranslation("cases.to"));
        ComponentTexts.datePicker(from);
        ComponentTexts.datePicker(to);
        overdue.setLabel(getTranslation("cases.overdueOnly"));
        words.setLabel(getTranslation("cases.words"));
        words.setId("case-words");
        callerPhone.setLabel(getTranslation("cases.callerPhone"));
        callerPhone.setId("case-caller-phone");
        for (ComboBox<?> c : List.of(status, street, grid, department, category)) {
            c.setClearButtonVisible(true);
        }
        Button search = new Button(getTranslation("cases.search"), e -> search());
        search.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        search.setId("search-cases");
        HorizontalLayout filters = new HorizontalLayout(number, words, callerPhone, status, street, grid, department, category, from, to, overdue, search);
        filters.setWrap(true);
        filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);

        results.setId("case-results");
        ComponentTexts.grid(results, "cases.table");
        results.addColumn(CaseRecord::caseNumber).setHeader(getTranslation("cases.number")).setAutoWidth(true);
        results.addColumn(c -> getTranslation("status." + c.status().name())
                + (c.selfResolved() ? " · " + getTranslation("case.selfResolved") : "")).setHeader(getTranslation("cases.column.status")).setAutoWidth(true);
        results.addColumn(c -> c.currentStep() == null ? "" : getTranslation("step." + c.currentStep()))
                .setHeader(getTranslation("cases.column.step")).setAutoWidth(true);
        results.addColumn(c -> labels.categoryPath(c.categoryCode(), c.subcategoryCode(), getLocale())).setHeader(getTranslation("cases.category"));
        results.addColumn(c -> labels.grid(c.gridCode(), getLocale())).setHeader(getTranslation("cases.grid"));
        results.addColumn(c -> labels.department(c.departmentCode(), getLocale())).setHeader(getTranslation("cases.department"));
        results.addColumn(c -> labels.time(c.reportedAt())).setHeader(getTranslation("cases.column.reportedAt")).setAutoWidth(true);
        results.setPartNameGenerator(c -> c.overdue() ? "gl-row-overdue" : c.warning() ? "gl-row-warning" : null);
        results.addItemClickListener(e -> UI.getCurrent().navigate("case/" + e.getItem().caseNumber()));
        results.setSizeFull();
        found.setId("case-count");
        add(new H2(getTranslation("cases.title")), filters, found, results);
        expand(results);
        search();
    }

    CaseQuery query() {
        return new CaseQuery(number.getValue(), status.getValue(),
                grid.getValue() == null ? null : grid.getValue().code(), street.getValue() == null ? null : street.getValue().code(),
                department.getValue() == null ? null : department.getValue().code(), category.getValue() == null ? null : category.getValue().code(),
                from.getValue(), to.getValue(), overdue.getValue() ? Boolean.TRUE : null, words.getValue(), callerPhone.getValue(), 0, 50);
    }

    /** Loads the results lazily, a page at a time, as the official scrolls; the count says how many there are in all. */
    void search() {
        CaseQuery q = query();
        int total = cases.count(q, scope);
        found.setText(getTranslation("cases.found", total));
        results.setItems(page -> cases.search(q.page(page.getOffset(), page.getLimit()), scope).stream(), page -> total);
    }

    @Override
    public String getPageTitle() {
        return ComponentTexts.pageTitle("title.cases");
    }
}
