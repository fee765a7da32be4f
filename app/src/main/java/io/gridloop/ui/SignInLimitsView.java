package io.gridloop.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.gridloop.security.Roles;
import io.gridloop.security.SignInThrottle;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.format.DateTimeFormatter;

/** Administrators see which accounts are held back by the sign-in throttle right now, from which client, for how long. */
@Route(value = "sign-in-limits", layout = MainLayout.class)
@Menu(title = "nav.throttled", order = 9, icon = "LOCK")
@RolesAllowed(Roles.ADMIN)
public class SignInLimitsView extends VerticalLayout implements HasDynamicTitle {

    final Grid<SignInThrottle.Throttled> grid = new Grid<>();

    public SignInLimitsView(SignInThrottle throttle, Clock clock) {
        setSizeFull();
        DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        grid.setId("throttled-sign-ins");
        grid.addColumn(SignInThrottle.Throttled::account).setHeader(getTranslation("throttled.column.account")).setAutoWidth(true);
        grid.addColumn(SignInThrottle.Throttled::client).setHeader(getTranslation("throttled.column.client")).setAutoWidth(true);
        grid.addColumn(SignInThrottle.Throttled::failures).setHeader(getTranslation("throttled.column.failures")).setAutoWidth(true);
        grid.addColumn(t -> t.lastFailure() == null ? "" : t.lastFailure().atZone(clock.getZone()).format(time))
                .setHeader(getTranslation("throttled.column.lastFailure")).setAutoWidth(true);
        grid.addColumn(SignInThrottle.Throttled::waitSeconds).setHeader(getTranslation("throttled.column.wait")).setAutoWidth(true);
        grid.setEmptyStateText(getTranslation("throttled.empty"));
        grid.setItems(throttle.throttled());
        add(new H2(getTranslation("throttled.title")), new Paragraph(getTranslation("throttled.help")), grid);
        expand(grid);
    }

    @Override
    public String getPageTitle() {
        return ComponentTexts.pageTitle("nav.throttled");
    }
}
