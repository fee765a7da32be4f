package io.gridloop.notify;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.gridloop.security.CurrentOfficial;
import io.gridloop.security.Official;
import io.gridloop.security.Roles;
import io.gridloop.ui.MainLayout;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.time.format.DateTimeFormatter;

/** The official's messages: what the outbox holds for them (administrators see everyone's, the embedded default's mail). */
@Route(value = "messages", layout = MainLayout.class)
@PageTitle("GridLoop")
@Menu(title = "nav.messages", order = 5, icon = "ENVELOPE")
@PermitAll
public class MessagesView extends VerticalLayout {

    final Grid<OutboxMessage> grid = new Grid<>();

    public MessagesView(Outbox outbox, CurrentOfficial current, Clock clock) {
        setSizeFull();
        Official official = current.require();
        DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
        grid.setId("messages");
        grid.addColumn(m -> m.createdAt().atZoneSameInstant(clock.getZone()).format(time)).setHeader(getTranslation("messages.column.time"))
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(OutboxMessage::subject).setHeader(getTranslation("messages.column.subject")).setFlexGrow(3);
        grid.addColumn(OutboxMessage::recipient).setHeader(getTranslation("messages.column.recipient")).setAutoWidth(true);
        grid.addColumn(m -> getTranslation("messages.status." + m.status().name())).setHeader(getTranslation("messages.column.status"))
                .setAutoWidth(true);
        grid.setItemDetailsRenderer(new com.vaadin.flow.data.renderer.ComponentRenderer<>(m -> new Pre(m.body())));
        grid.setEmptyStateText(getTranslation("messages.empty"));
        grid.setItems(official.isIn(Roles.ADMIN) ? outbox.all(500) : outbox.of(official.userId(), 500));
        grid.setSizeFull();
        add(new H2(getTranslation("messages.title")), grid);
        expand(grid);
    }
}
