package io.gridloop.inbox;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.Tabs;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import io.gridloop.ui.ComponentTexts;
import io.gridloop.casefile.CaseLabels;
import io.gridloop.process.Step;
import io.gridloop.grid.ReferenceData;
import io.gridloop.security.CurrentOfficial;
import io.gridloop.security.Official;
import io.gridloop.ui.MainLayout;
import io.gridloop.ui.Toasts;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The official's inbox: my tasks and my groups' tasks, coloured by time left (normal, warning, overdue), filtered,
 * sorted and saved as named filters, claimed, released or handed over several at once; it refreshes by itself.
 */
@Route(value = "", layout = MainLayout.class)
@Menu(title = "nav.inbox", order = 1, icon = "INBOX")
@PermitAll
public class InboxView extends VerticalLayout implements HasDynamicTitle {

    static final int POLL_MILLIS = 15_000;

    private final InboxService inbox;
    private final InboxPages pages;
    private final CaseLabels labels;
    private final Clock clock;
    private final Official official;

    final Tabs scopes = new Tabs();
    final Grid<InboxTask> grid = new Grid<>();
    final InboxFilters filters;
    final Button claim = new Button();
    final Button unclaim = new Button();
    final Button handOver = new Button();
    final Button open = new Button();
    final TextField jump = new TextField();
    private final Span selection = new Span();
    private int lastCount = -1;
    private Registration poll;

    private final io.gridloop.deadline.WorkingTime workingTime;

    public InboxView(InboxService inbox, InboxPages pages, SavedFilters savedFilters, CaseLabels labels, ReferenceData reference,
                     Clock clock, CurrentOfficial current, io.gridloop.deadline.WorkingTime workingTime,
                     io.gridloop.casefile.CaseFileService cases, io.gridloop.security.AccessScopes accessScopes) {
        this.workingTime = workingTime;
        this.inbox = inbox;
        this.pages = pages;
        this.labels = labels;
        this.clock = clock;
        this.official = current.require();
        setSizeFull();

        for (InboxQuery.Scope s : InboxQuery.Scope.values()) {
            Tab tab = new Tab(getTranslation("inbox.scope." + s.name()));
            tab.setId("scope-" + s.name());
            scopes.add(tab);
        }
        scopes.setSelectedIndex(2);
        scopes.addSelectedChangeListener(e -> refresh());
        // vaadin-tabs reports its items once drawn, and Tabs answers each report with a round trip (updateSelectedTab)
        // that changes nothing here: these tabs never change in the browser. Stopped on its way down to the tabs, so the
        // inbox opens without a late round trip
        getElement().executeJs("this.addEventListener('items-changed', e => { if (e.target.localName === 'vaadin-tabs') "
                + "e.stopPropagation(); }, true)");

        filters = new InboxFilters(savedFilters, official.userId(), labels, reference, this::refresh,
                scope -> scopes.setSelectedIndex(scope.ordinal()), this::query);

        grid.setId("inbox-grid");
        ComponentTexts.grid(grid, "inbox.grid");
        grid.setSelectionMode(Grid.SelectionMode.MULTI);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.addColumn(InboxTask::caseNumber).setHeader(getTranslation("inbox.column.caseNumber")).setAutoWidth(true).setFlexGrow(0);
        // "当场处置" on the row: the intake operator knows before opening it that the grid worker already fixed it
        grid.addColumn(t -> getTranslation("step." + Step.ofTask(t.taskKey()).map(Enum::name).orElse(t.taskKey()))
                        + (t.selfResolved() ? " · " + getTranslation("case.selfResolved") : ""))
                .setHeader(getTranslation("inbox.column.step")).setAutoWidth(true);
        grid.addColumn(t -> labels.categoryPath(t.categoryCode(), t.subcategoryCode(), getLocale()))
                .setHeader(getTranslation("inbox.column.category")).setFlexGrow(2);
        grid.addColumn(t -> labels.grid(t.gridCode(), getLocale())).setHeader(getTranslation("inbox.column.grid")).setFlexGrow(1);
        grid.addColumn(t -> getTranslation("urgency." + t.urgency())).setHeader(getTranslation("inbox.column.urgency")).setAutoWidth(true);
        // text coloured by the cell's part name (gridloop.css), not a component per row: 50 fewer components to build and send
        grid.addColumn(this::timeLeft).setHeader(getTranslation("inbox.column.timeLeft")).setAutoWidth(true)
                .setPartNameGenerator(t -> "gl-time-" + t.timeState(now()).name().toLowerCase());
        grid.addColumn(t -> labels.person(t.assignee(), getLocale())).setHeader(getTranslation("inbox.column.assignee")).setAutoWidth(true);
        grid.setPartNameGenerator(t -> switch (t.timeState(now())) {
            case WARNING -> "gl-row-warning";
            case OVERDUE -> "gl-row-overdue";
            default -> null;
        });
        grid.setEmptyStateText(getTranslation("inbox.empty"));
        grid.addItemDoubleClickListener(e -> openTask(e.getItem()));
        grid.addSelectionListener(e -> updateButtons());
        grid.setSizeFull();

        claim.setText(getTranslation("inbox.claim"));
        claim.setId("claim");
        claim.addClickListener(e -> forSelected(t -> inbox.claim(t.taskId(), official.userId(), official.groups())));
        unclaim.setText(getTranslation("inbox.unclaim"));
        unclaim.setId("unclaim");
        unclaim.addClickListener(e -> forSelected(t -> inbox.unclaim(t.taskId(), official.userId())));
        handOver.setText(getTranslation("inbox.handOver"));
        handOver.setId("hand-over");
        handOver.addClickListener(e -> askColleague());
        open.setText(getTranslation("inbox.open"));
        open.setId("open-task");
        open.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        open.addClickListener(e -> grid.getSelectedItems().stream().findFirst().ifPresent(this::openTask));
        Button reload = new Button(VaadinIcon.REFRESH.create(), e -> refresh());
        reload.setTooltipText(getTranslation("inbox.refresh"));
        // straight to a case the official was told the number of, if their scope sees it
        jump.setPlaceholder(getTranslation("inbox.jump"));
        jump.setId("jump-case");
        jump.setClearButtonVisible(true);
        Button go = new Button(VaadinIcon.ARROW_FORWARD.create(), e -> jumpTo(cases, accessScopes.of(official)));
        go.setTooltipText(getTranslation("inbox.jump.go"));
        go.setId("jump-case-go");
        jump.addKeyPressListener(com.vaadin.flow.component.Key.ENTER, e -> go.click());
        HorizontalLayout actions = new HorizontalLayout(open, claim, unclaim, handOver, reload, filters.toggle(), selection, jump, go);
        actions.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        actions.setWrap(true);

        add(new H2(getTranslation("inbox.title")), scopes, actions, filters, grid);
        expand(grid);
        refresh();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    private String timeLeft(InboxTask t) {
        return TimeLeft.describe(t, now(), workingTime, (k, a) -> getTranslation(k, a));
    }

    InboxQuery query() {
        return filters.query(InboxQuery.Scope.values()[Math.max(0, scopes.getSelectedIndex())]);
    }

    /** Reloads the page of tasks (lazily, a page at a time, from the inbox projection). */
    public void refresh() {
        InboxQuery q = query();
        lastCount = pages.count(official.userId(), official.groups(), q);
        // the grid's first count in this round trip is the one just taken: one count query per refresh, not two
        int[] counted = {lastCount};
        grid.setItems(query -> pages.page(official.userId(), official.groups(), q.page(query.getOffset(), query.getLimit())).stream(),
                query -> {
                    int known = counted[0];
                    counted[0] = -1;
                    return known >= 0 ? known : pages.count(official.userId(), official.groups(), q);
                });
        updateButtons();
    }

    private void updateButtons() {
        Set<InboxTask> selected = grid.getSelectedItems();
        boolean any = !selected.isEmpty();
        claim.setEnabled(any && selected.stream().allMatch(t -> t.assignee() == null));
        unclaim.setEnabled(any && selected.stream().allMatch(t -> official.userId().equals(t.assignee())));
        handOver.setEnabled(any);
        open.setEnabled(selected.size() == 1);
        selection.setText(any ? getTranslation("inbox.selected", selected.size()) : "");
    }

    private void forSelected(Consumer<InboxTask> action) {
        int done = 0;
        for (InboxTask t : List.copyOf(grid.getSelectedItems())) {
            try {
                action.accept(t);
                done++;
            } catch (InboxException e) {
                Toasts.error(t.caseNumber() + ": " + getTranslation(e.messageKey(), e.args()));
            }
        }
        if (done > 0) {
            Toasts.success(getTranslation("inbox.done", done));
        }
        grid.deselectAll();
        refresh();
    }

    private void askColleague() {
        List<InboxTask> selected = List.copyOf(grid.getSelectedItems());
        if (selected.isEmpty()) {
            return;
        }
        List<String> colleagues = inbox.colleagues(selected.get(0).taskId()).stream().filter(u -> !u.equals(official.userId())).toList();
        new HandOverDialog(colleagues, labels, colleague ->
                forSelected(t -> inbox.handOver(t.taskId(), official.userId(), official.groups(), colleague))).open();
    }

    private void jumpTo(io.gridloop.casefile.CaseFileService cases, io.gridloop.security.AccessScope scope) {
        String number = jump.getValue().trim();
        if (number.isEmpty()) {
            return;
        }
        cases.findByNumber(number, scope).ifPresentOrElse(
                c -> UI.getCurrent().navigate("case/" + c.caseNumber()),
                () -> Toasts.error(getTranslation("case.notFound", number)));
    }

    private void openTask(InboxTask t) {
        UI.getCurrent().navigate(TaskView.class, new com.vaadin.flow.router.RouteParameters("taskId", t.taskId()));
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        UI ui = attachEvent.getUI();
        ui.setPollInterval(POLL_MILLIS);
        poll = ui.addPollListener(e -> {
            int before = lastCount;
            refresh();
            if (before >= 0 && lastCount > before) {
                Toasts.success(getTranslation("inbox.newTasks"));
            }
        });
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        if (poll != null) {
            poll.remove();
        }
        detachEvent.getUI().setPollInterval(-1);
    }

    @Override
    public String getPageTitle() {
        return ComponentTexts.pageTitle("title.inbox");
    }
}
