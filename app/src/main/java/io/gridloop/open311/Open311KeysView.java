package io.gridloop.open311;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.gridloop.ui.ComponentTexts;
import io.gridloop.casefile.CaseLabels;
import io.gridloop.security.Roles;
import io.gridloop.system.UserFacingException;
import io.gridloop.ui.MainLayout;
import io.gridloop.ui.Toasts;
import jakarta.annotation.security.RolesAllowed;

/** Administrators issue an Open311 client its key (shown once) and revoke it; the rules are Open311Keys'. */
@Route(value = "open311-keys", layout = MainLayout.class)
@Menu(title = "nav.open311Keys", order = 20, icon = "KEY")
@RolesAllowed(Roles.ADMIN)
public class Open311KeysView extends VerticalLayout implements HasDynamicTitle {

    private final Open311Keys keys;
    private final CaseLabels labels;
    final TextField label = new TextField();
    final Button issue = new Button();
    /** The new key, once, right after it was issued. */
    final Div issued = new Div();
    final Grid<ApiKey> list = new Grid<>();

    public Open311KeysView(Open311Keys keys, CaseLabels labels) {
        this.keys = keys;
        this.labels = labels;
        setSizeFull();
        label.setLabel(getTranslation("open311.keys.label"));
        label.setId("open311-label");
        label.setMaxLength(Open311Keys.MAX_LABEL);
        issue.setText(getTranslation("open311.keys.issue"));
        issue.setId("open311-issue");
        issue.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        issue.addClickListener(e -> issue());
        issued.setId("open311-issued");
        HorizontalLayout form = new HorizontalLayout(label, issue);
        form.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);

        list.setId("open311-keys");
        list.addColumn(ApiKey::label).setHeader(getTranslation("open311.keys.column.label")).setAutoWidth(true);
        list.addColumn(k -> k.hint() + "…").setHeader(getTranslation("open311.keys.column.hint"));
        list.addColumn(k -> labels.person(k.createdBy(), getLocale())).setHeader(getTranslation("open311.keys.column.createdBy"));
        list.addColumn(k -> labels.time(k.createdAt())).setHeader(getTranslation("open311.keys.column.createdAt")).setAutoWidth(true);
        list.addColumn(k -> k.revoked() ? getTranslation("open311.keys.revoked", labels.time(k.revokedAt()), labels.person(k.revokedBy(), getLocale()))
                : getTranslation("open311.keys.active")).setHeader(getTranslation("open311.keys.column.state")).setAutoWidth(true);
        list.addComponentColumn(k -> {
            Button revoke = new Button(getTranslation("open311.keys.revoke"), e -> revoke(k));
            revoke.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            revoke.setId("open311-revoke-" + k.id());
            revoke.setVisible(!k.revoked());
            return revoke;
        });
        list.setSizeFull();
        add(new H2(getTranslation("open311.keys.title")), new Paragraph(getTranslation("open311.keys.intro")), form, issued, list);
        expand(list);
        refresh();
    }

    private void refresh() {
        list.setItems(keys.list());
    }

    void issue() {
        issued.removeAll();
        Open311Keys.IssuedKey k;
        try {
            k = keys.issue(label.getValue());
        } catch (UserFacingException e) {
            label.setErrorMessage(getTranslation(e.messageKey(), e.args()));
            label.setInvalid(true);
            return;
        }
        label.setInvalid(false);
        label.clear();
        Paragraph secret = new Paragraph(k.secret());
        secret.setId("open311-secret");
        secret.getStyle().set("font-family", "monospace").set("user-select", "all");
        issued.add(new Paragraph(getTranslation("open311.keys.issued", k.key().label())), secret);
        refresh();
    }

    void revoke(ApiKey k) {
        try {
            keys.revoke(k.id());
        } catch (UserFacingException e) {
            Toasts.error(getTranslation(e.messageKey(), e.args()));
            return;
        }
        Toasts.success(getTranslation("open311.keys.revokedDone", k.label()));
        refresh();
    }

    @Override
    public String getPageTitle() {
        return ComponentTexts.pageTitle("title.open311Keys");
    }
}
