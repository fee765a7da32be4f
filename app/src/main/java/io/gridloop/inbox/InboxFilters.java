package io.gridloop.inbox;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import io.gridloop.casefile.CaseLabels;
import io.gridloop.process.Step;
import io.gridloop.grid.GridCell;
import io.gridloop.grid.ReferenceData;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The inbox's filter bar: step, grid, urgency, time state, sort, and the official's saved filters. Folded away behind one
 * button ({@link #toggle()}) on a phone and on a desk alike, and not sent to the browser until first opened: its four
 * selects and two combo boxes were a third of the browser's work to open the inbox.
 */
class InboxFilters extends HorizontalLayout {

    final Select<String> step = new Select<>();
    final ComboBox<GridCell> gridFilter = new ComboBox<>();
    final Select<String> urgency = new Select<>();
    final Select<InboxTask.TimeState> timeState = new Select<>();
    final Select<InboxQuery.Sort> sort = new Select<>();
    final ComboBox<String> saved = new ComboBox<>();
    private final Button toggle;

    private final SavedFilters savedFilters;
    private final String userId;
    private Map<String, InboxQuery> filters = Map.of();
    /** What the view does when a filter changes: reload its page. */
    private final Runnable changed;
    /** Puts a saved filter's scope on the view's tabs. */
    private final java.util.function.Consumer<InboxQuery.Scope> scopeOf;
    /** The view's query as it stands, to be saved. */
    private final java.util.function.Supplier<InboxQuery> current;
    private boolean applying;

    InboxFilters(SavedFilters savedFilters, String userId, CaseLabels labels, ReferenceData reference, Runnable changed,
                 java.util.function.Consumer<InboxQuery.Scope> scopeOf, java.util.function.Supplier<InboxQuery> current) {
        this.savedFilters = savedFilters;
        this.userId = userId;
        this.changed = changed;
        this.scopeOf = scopeOf;
        this.current = current;

        step.setLabel(getTranslation("inbox.filter.step"));
        step.setItems(Arrays.stream(Step.values()).map(Step::taskKey).toList());
        step.setItemLabelGenerator(k -> k == null ? "" : getTranslation("step." + Step.ofTask(k).map(Enum::name).orElse(k)));
        step.setEmptySelectionAllowed(true);
        gridFilter.setLabel(getTranslation("inbox.filter.grid"));
        gridFilter.setItems(List.copyOf(reference.grids()));
        gridFilter.setItemLabelGenerator(g -> labels.grid(g.code(), getLocale()));
        gridFilter.setClearButtonVisible(true);
        urgency.setLabel(getTranslation("inbox.filter.urgency"));
        urgency.setItems("NORMAL", "URGENT");
        urgency.setItemLabelGenerator(u -> u == null ? "" : getTranslation("urgency." + u));
        urgency.setEmptySelectionAllowed(true);
        timeState.setLabel(getTranslation("inbox.filter.timeState"));
        timeState.setItems(InboxTask.TimeState.NORMAL, InboxTask.TimeState.WARNING, InboxTask.TimeState.OVERDUE);
        timeState.setItemLabelGenerator(t -> t == null ? "" : getTranslation("timeState." + t.name()));
        timeState.setEmptySelectionAllowed(true);
        sort.setLabel(getTranslation("inbox.filter.sort"));
        sort.setItems(InboxQuery.Sort.values());
        sort.setItemLabelGenerator(s -> getTranslation("inbox.sort." + s.name()));
        sort.setValue(InboxQuery.Sort.DUE);
        step.addValueChangeListener(e -> changed());
        gridFilter.addValueChangeListener(e -> changed());
        urgency.addValueChangeListener(e -> changed());
        timeState.addValueChangeListener(e -> changed());
        sort.addValueChangeListener(e -> changed());

        saved.setLabel(getTranslation("inbox.savedFilter"));
        saved.setClearButtonVisible(true);
        saved.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null && filters.containsKey(e.getValue())) {
                apply(filters.get(e.getValue()));
            }
        });
        Button save = new Button(VaadinIcon.BOOKMARK.create(), e -> new SaveFilterDialog(name -> {
            savedFilters.save(userId, name, current.get());
            loadFilters();
            saved.setValue(name.strip());
        }).open());
        save.setTooltipText(getTranslation("inbox.saveFilter"));
        save.setId("save-filter");
        Button deleteFilter = new Button(VaadinIcon.TRASH.create(), e -> {
            if (saved.getValue() != null) {
                savedFilters.delete(userId, saved.getValue());
                loadFilters();
            }
        });
        deleteFilter.setTooltipText(getTranslation("inbox.deleteFilter"));
        add(step, gridFilter, urgency, timeState, sort, saved, save, deleteFilter);
        setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        setWrap(true);
        setId("inbox-filters");
        addClassName("gl-filters");
        // an invisible component's children stay on the server (Flow sends them once it is shown)
        setVisible(false);
        toggle = new Button(getTranslation("inbox.filters"), VaadinIcon.FILTER.create(), e -> {
            setVisible(!isVisible());
            showActive();
        });
        toggle.setId("show-filters");
        loadFilters();
    }

    /** The button that shows and folds the filters. */
    Button toggle() {
        return toggle;
    }

    /** The query of these filters in an inbox scope, first page. */
    InboxQuery query(InboxQuery.Scope scope) {
        return new InboxQuery(scope, step.getValue(), gridFilter.getValue() == null ? null : gridFilter.getValue().code(), null,
                urgency.getValue(), timeState.getValue(), sort.getValue(), 0, 50);
    }

    private void changed() {
        if (!applying) {
            showActive();
            changed.run();
        }
    }

    /** How many filters narrow the list (the sort does not), on the button while the bar is folded: "筛选 (2)". */
    private void showActive() {
        long active = java.util.stream.Stream.of(step.getValue(), gridFilter.getValue(), urgency.getValue(), timeState.getValue())
                .filter(java.util.Objects::nonNull).count();
        toggle.setText(getTranslation("inbox.filters") + (active > 0 && !isVisible() ? " (" + active + ")" : ""));
    }

    /** Sets every filter as a saved query has them, and reloads once. */
    private void apply(InboxQuery q) {
        applying = true;
        try {
            scopeOf.accept(q.scope());
            step.setValue(q.taskKey());
            gridFilter.setValue(q.gridCode() == null ? null : gridFilter.getListDataView().getItems()
                    .filter(g -> g.code().equals(q.gridCode())).findFirst().orElse(null));
            urgency.setValue(q.urgency());
            timeState.setValue(q.timeState());
            sort.setValue(q.sort() == null ? InboxQuery.Sort.DUE : q.sort());
        } finally {
            applying = false;
        }
        showActive();
        changed.run();
    }

    private void loadFilters() {
        filters = savedFilters.of(userId);
        saved.setItems(filters.keySet());
    }
}
