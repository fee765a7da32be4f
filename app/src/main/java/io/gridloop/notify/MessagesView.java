package io.gridloop.notify;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.component.html.Anchor;
import io.gridloop.ui.ComponentTexts;
import io.gridloop.security.AccessScopes;
import io.gridloop.security.CurrentOfficial;
import io.gridloop.ui.MainLayout;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.time.format.DateTimeFormatter;

/**
 * The official's own messages (the embedded default's mail), for administrators too: a message's case link only while
 * the official's scope sees the case, as in every other door.
 */
@Route(value = "messages", layout = MainLayout.class)
@Menu(title = "nav.messages", order = 5, icon = "ENVELOPE")
@PermitAll
public class MessagesView extends VerticalLayout implements HasDynamicTitle {

    final Grid<OutboxMessage> grid = new Grid<>();

    public MessagesView(Outbox outbox, CurrentOfficial current, AccessScopes scopes, Clock clock) {
        setSizeFull();
        DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
        grid.setId("messages");
        ComponentTexts.grid(grid, "messages.grid");
        grid.addColumn(m -> m.createdAt().atZoneSameInstant(clock.getZone()).format(time)).setHeader(getTranslation("messages.column.time"))
                .setAutoWidth(true).setFlexGrow(0);
        // the subject and what the message says, readable in the row without opening it
        grid.addComponentColumn(m -> {
            Div subject = new Div(m.subject());
            subject.getStyle().set("font-weight", "600");
            Div body = new Div(m.bodyIn(getLocale()));
            body.addClassName("gl-message-body");
            body.getStyle().set("white-space", "pre-line").set("color", "var(--lumo-secondary-text-color)")
                    .set("font-size", "var(--lumo-font-size-s)");
            Div cell = new Div(subject, body);
            cell.getStyle().set("white-space", "normal");
            return cell;
        }).setHeader(getTranslation("messages.column.subject")).setKey("message").setFlexGrow(3);
        grid.addComponentColumn(m -> m.link() == null ? new Anchor() : new Anchor(m.link(), getTranslation("messages.openCase")))
                .setHeader(getTranslation("messages.column.case")).setKey("case").setAutoWidth(true);
        grid.addColumn(m -> getTranslation("messages.status." + m.status().name())).setHeader(getTranslation("messages.column.status"))
                .setAutoWidth(true);
        grid.setItemDetailsRenderer(new com.vaadin.flow.data.renderer.ComponentRenderer<>(m -> new Pre(m.body())));
        grid.setEmptyStateText(getTranslation("messages.empty"));
        grid.setItems(outbox.of(scopes.of(current.require()), 500));
        grid.setSizeFull();
        add(new H2(getTranslation("messages.title")), grid);
        expand(grid);
    }

    @Override
    public String getPageTitle() {
        return ComponentTexts.pageTitle("title.messages");
    }
}
