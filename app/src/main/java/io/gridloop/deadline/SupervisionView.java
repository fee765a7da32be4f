package io.gridloop.deadline;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.gridloop.ui.ComponentTexts;
import io.gridloop.casefile.CaseLabels;
import io.gridloop.security.AccessScope;
import io.gridloop.security.AccessScopes;
import io.gridloop.security.CurrentOfficial;
import io.gridloop.security.Roles;
import io.gridloop.ui.MainLayout;
import io.gridloop.ui.Toasts;
import jakarta.annotation.security.RolesAllowed;

/**
 * Reminders, supervision orders and the district's notice list on open cases, with their addressees' answers; supervisors
 * open an order by hand here.
 */
@Route(value = "supervision", layout = MainLayout.class)
@Menu(title = "nav.supervision", order = 4, icon = "BELL")
@RolesAllowed({Roles.SUPERVISOR, Roles.MANAGER, Roles.ADMIN})
public class SupervisionView extends VerticalLayout implements HasDynamicTitle {

    private final Supervision supervision;
    private final AccessScope scope;
    final Grid<SupervisionOrder> orders = new Grid<>();
    final TextField caseNumber = new TextField();
    final Select<SupervisionOrder.Level> level = new Select<>();
    final TextField reason = new TextField();
    final Button open = new Button();

    public SupervisionView(Supervision supervision, CaseLabels labels, CurrentOfficial current, AccessScopes scopes) {
        this.supervision = supervision;
        this.scope = scopes.of(current.require());
        setSizeFull();
        caseNumber.setLabel(getTranslation("supervision.caseNumber"));
        caseNumber.setId("supervise-case");
        level.setLabel(getTranslation("supervision.level"));
        level.setItems(SupervisionOrder.Level.STREET, SupervisionOrder.Level.DISTRICT);
        level.setItemLabelGenerator(l -> getTranslation("supervision.level." + l.name()));
        level.setValue(SupervisionOrder.Level.DISTRICT);
        reason.setLabel(getTranslation("supervision.reason"));
        reason.setMaxLength(1000);
        open.setText(getTranslation("supervision.open"));
        open.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        open.setId("supervise");
        open.addClickListener(e -> supervise());
        boolean mayOpen = scope.isSupervisor();
        HorizontalLayout form = new HorizontalLayout(caseNumber, level, reason, open);
        form.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        form.setVisible(mayOpen);

        orders.setId("supervision-orders");
        ComponentTexts.grid(orders, "supervision.grid");
        orders.addColumn(SupervisionOrder::caseNumber).setHeader(getTranslation("supervision.caseNumber")).setAutoWidth(true);
        orders.addColumn(o -> getTranslation("supervision.order." + o.title())).setHeader(getTranslation("supervision.column.title"))
                .setAutoWidth(true);
        orders.addColumn(o -> getTranslation("supervision.level." + o.level().name())).setHeader(getTranslation("supervision.column.level"));
        orders.addColumn(o -> o.step().equals("-") ? "" : getTranslation("step." + o.step())).setHeader(getTranslation("inbox.column.step"));
        orders.addColumn(o -> labels.group(o.recipientGroup(), getLocale())).setHeader(getTranslation("supervision.column.group"));
        orders.addColumn(o -> labels.time(o.openedAt())).setHeader(getTranslation("supervision.column.openedAt")).setAutoWidth(true);
        orders.addColumn(o -> labels.person(o.openedBy(), getLocale())).setHeader(getTranslation("supervision.column.openedBy"));
        orders.addColumn(o -> labels.time(o.answerDueAt())).setHeader(getTranslation("supervision.column.answerDue")).setAutoWidth(true);
        orders.addColumn(o -> getTranslation("supervision.status." + (o.closedHow() == null ? "OPEN" : o.closedHow().name())))
                .setHeader(getTranslation("supervision.column.status")).setAutoWidth(true);
        // what the addressee answered, for the supervisor who issued the order and the supervisors of its level
        orders.addColumn(o -> o.answer() == null ? "" : getTranslation("supervision.answer", o.answer(), o.doneBy(),
                        labels.person(o.answeredBy(), getLocale())))
                .setHeader(getTranslation("supervision.column.answer")).setFlexGrow(2);
        orders.setSizeFull();
        add(new H2(getTranslation("supervision.title")), form, orders);
        expand(orders);
        refresh();
    }

    private void refresh() {
        // the case numbers come joined in the same query, not one read per case
        orders.setItems(supervision.openOrders(500, scope));
    }

    void supervise() {
        try {
            supervision.openByHand(caseNumber.getValue(), scope, level.getValue(),
                    reason.getValue().isBlank() ? null : reason.getValue());
        } catch (io.gridloop.system.UserFacingException e) {
            caseNumber.setErrorMessage(getTranslation(e.messageKey(), e.args()));
            caseNumber.setInvalid(true);
            return;
        }
        caseNumber.setInvalid(false);
        Toasts.success(getTranslation("supervision.done", caseNumber.getValue().trim()));
        refresh();
    }

    @Override
    public String getPageTitle() {
        return ComponentTexts.pageTitle("title.supervision");
    }
}
