package io.gridloop.casefile;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.gridloop.ui.ComponentTexts;
import io.gridloop.security.AccessScope;
import io.gridloop.security.AccessScopes;
import io.gridloop.security.CurrentOfficial;
import io.gridloop.ui.MainLayout;
import jakarta.annotation.security.PermitAll;

/** One case by its number: the case file and its timeline. */
@Route(value = "case/:caseNumber", layout = MainLayout.class)
@PermitAll
public class CaseView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final CaseFileService cases;
    private final CaseTimeline timeline;
    private final CaseLabels labels;
    private final AccessScope scope;
    private String caseNumber = "";

    private final CaseTimeLeft timeLeft;
    private final io.gridloop.grid.ReferenceData reference;

    public CaseView(CaseFileService cases, CaseTimeline timeline, CaseLabels labels, CurrentOfficial official, AccessScopes scopes, CaseTimeLeft timeLeft,
                    io.gridloop.grid.ReferenceData reference) {
        this.timeLeft = timeLeft;
        this.reference = reference;
        this.cases = cases;
        this.timeline = timeline;
        this.labels = labels;
        this.scope = scopes.of(official.require());
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        String number = event.getRouteParameters().get("caseNumber").orElse("");
        caseNumber = number;
        cases.findByNumber(number, scope).ifPresentOrElse(
                c -> add(new CaseDetails(c, timeline, labels, getLocale(), scope, timeLeft, reference)),
                () -> add(new H2(getTranslation("case.notFound", number))));
    }

    @Override
    public String getPageTitle() {
        return ComponentTexts.pageTitle("title.case", caseNumber);
    }
}
