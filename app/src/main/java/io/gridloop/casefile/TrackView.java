package io.gridloop.casefile;

import io.gridloop.ui.ComponentTexts;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;
import com.vaadin.flow.server.auth.AnonymousAllowed;

/**
 * The citizen's view of their own case, by the tracking code (查询码) they were given when they reported: status and
 * progress, without officials' names, comments, photos or anybody's contact details. No sign-in; a wrong code shows
 * nothing.
 */
@Route("track/:code?")
@RouteAlias("track")
@AnonymousAllowed
public class TrackView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final CaseFileService cases;
    private final CaseLabels labels;
    private final java.util.List<TrackPanel> panels;
    private final CitizenProgressRows progress;
    final TextField code = new TextField();
    final Div result = new Div();

    public TrackView(CaseFileService cases, CaseLabels labels, CitizenProgressRows progress,
                     org.springframework.beans.factory.ObjectProvider<TrackPanel> panels) {
        this.cases = cases;
        this.progress = progress;
        this.labels = labels;
        this.panels = panels.orderedStream().toList();
        // a citizen's phone: the tap targets of gridloop.css
        com.vaadin.flow.component.UI.getCurrent().getPage().addStyleSheet("/styles/gridloop.css");
        code.setLabel(getTranslation("track.code"));
        code.setId("tracking-code");
        Button show = new Button(getTranslation("track.show"), e -> show(code.getValue()));
        show.setId("track-show");
        show.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        result.setId("track-result");
        HorizontalLayout form = new HorizontalLayout(code, show);
        form.setDefaultVerticalComponentAlignment(Alignment.BASELINE);
        add(new H2(getTranslation("track.title")), form, result);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        event.getRouteParameters().get("code").ifPresent(c -> {
            code.setValue(c);
            show(c);
        });
    }

    void show(String trackingCode) {
        result.removeAll();
        cases.findByTrackingCode(trackingCode).ifPresentOrElse(c -> {
            result.add(new H3(c.caseNumber() + " · " + getTranslation("status." + c.status().name())));
            result.add(new Paragraph(labels.categoryPath(c.categoryCode(), c.subcategoryCode(), getLocale()) + " · "
                    + getTranslation("track.reportedAt", labels.time(c.reportedAt()))
                    + (c.closedAt() == null ? "" : " · " + getTranslation("track.closedAt", labels.time(c.closedAt())))));
            if (c.status() == CaseStatus.NOT_CONFIRMED) {
                // plain words for the citizen; the verifier's own note stays with the officials
                result.add(new Paragraph(getTranslation("track.notConfirmed")));
            }
            result.add(progress.of(c.id(), getLocale()));
            panels.forEach(p -> p.panel(c).ifPresent(result::add));
        }, () -> result.add(new Paragraph(getTranslation("track.notFound"))));
    }

    @Override
    public String getPageTitle() {
        return ComponentTexts.pageTitle("title.track");
    }
}
