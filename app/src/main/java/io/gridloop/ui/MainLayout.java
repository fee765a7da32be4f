package io.gridloop.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.server.menu.MenuEntry;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.gridloop.security.CurrentOfficial;
import io.gridloop.security.Official;
import io.gridloop.security.Roles;
import java.util.stream.Collectors;

/**
 * The frame around every view. Navigation lists only the views the official's roles may open (each view declares its
 * menu entry and roles itself, so this layout knows no feature).
 */
public class MainLayout extends AppLayout {

    /** Cockpit of the embedded engine, for process owners and administrators. */
    public static final String COCKPIT_PATH = "/camunda/app/cockpit/default/";

    public MainLayout(CurrentOfficial current, AuthenticationContext auth, java.util.List<LayoutAlerts> notices,
                      io.gridloop.grid.ReferenceData reference) {
        setPrimarySection(Section.DRAWER);
        Span title = new Span(getTranslation("app.name"));
        title.addClassName("gl-title");

        Official official = current.get().orElse(null);
        // the name, then the roles (a street or department group names no role of its own); on a phone only the name
        Span name = new Span(official == null ? "" : official.displayName());
        name.addClassName("gl-who-name");
        Span roles = new Span(official == null ? "" : " · " + official.groups().stream()
                .map(g -> reference.departmentOfGroup(g).isPresent() ? "role.handler"
                        : g.startsWith(Roles.STREET_SUPERVISOR_PREFIX) ? "role.supervisor" : "role." + g)
                .map(k -> getTranslation(k)).filter(r -> !r.startsWith("!"))
                .distinct().collect(Collectors.joining("、")));
        roles.addClassName("gl-who-roles");
        Span who = new Span(name, roles);
        who.addClassName("gl-who");
        who.setId("who");
        Button language = new Button(getTranslation("nav.language"), e -> LanguageSwitch.toggle(UI.getCurrent()));
        language.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        language.setId("language-switch");
        Button logout = new Button(getTranslation("nav.logout"), VaadinIcon.SIGN_OUT.create(), e -> auth.logout());
        logout.setTooltipText(getTranslation("nav.logout"));
        logout.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        logout.setId("logout");
        DrawerToggle toggle = new DrawerToggle();
        ComponentTexts.appLayout(this, toggle);
        HorizontalLayout header = new HorizontalLayout(toggle, title, who, language, logout);
        header.setWidthFull();
        header.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        header.expand(who);
        header.addClassName("gl-header");
        header.setSpacing(false);
        addToNavbar(header);

        SideNav nav = new SideNav();
        for (MenuEntry entry : MenuConfiguration.getMenuEntries()) {
            SideNavItem item = new SideNavItem(getTranslation(entry.title()), entry.path());
            if (entry.icon() != null) {
                item.setPrefixComponent(VaadinIcon.valueOf(entry.icon()).create());
            }
            nav.addItem(item);
        }
        if (official != null && (official.isIn(Roles.PROCESS_OWNER) || official.isIn(Roles.ADMIN))) {
            // Camunda's webapps, signed in already (single sign-on): a whole-page load, not a route of this app
            SideNavItem cockpit = new SideNavItem(getTranslation("nav.cockpit"), COCKPIT_PATH, VaadinIcon.COG.create());
            cockpit.setRouterIgnore(true);
            cockpit.getElement().setAttribute("id", "nav-cockpit");
            nav.addItem(cockpit);
        }
        // the item of the page's route reports "expanded-changed" after each navigation although no item here has
        // sub-items to expand: a late round trip on every page opened from the menu, stopped on its way down to the item
        nav.getElement().executeJs("this.addEventListener('expanded-changed', e => { if (e.target !== this "
                + "&& !e.target.querySelector(':scope > [slot=children]')) e.stopPropagation(); }, true)");
        addToDrawer(nav);
        if (official != null) {
            for (LayoutAlerts source : notices) {
                for (LayoutAlerts.Alert n : source.alertsFor(official)) {
                    Span notice = new Span(getTranslation(n.messageKey(), n.args()));
                    notice.addClassName("gl-layout-notice");
                    notice.getStyle().set("color", "var(--lumo-error-text-color)").set("padding", "var(--lumo-space-s)");
                    addToDrawer(notice);
                }
            }
        }
        UI.getCurrent().getPage().addStyleSheet("/styles/gridloop.css");
    }
}
