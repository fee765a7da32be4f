package io.gridloop.citizen;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import io.gridloop.casefile.CaseLabels;
import io.gridloop.casefile.CaseRecord;
import io.gridloop.ui.ComponentTexts;
import io.gridloop.ui.LanguageSwitch;
import java.util.Optional;

/**
 * The rating link of the mail (/rate/&lt;signed token&gt;): the case's number and category and the rating form, if the
 * link is GridLoop's, not expired, and the case still waits for its rating; otherwise one plain sentence why not.
 */
@Route("rate/:token?")
@AnonymousAllowed
public class RateView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final CitizenRatings ratings;
    private final CaseLabels labels;

    public RateView(CitizenRatings ratings, CaseLabels labels) {
        this.ratings = ratings;
        this.labels = labels;
        UI.getCurrent().getPage().addStyleSheet("/styles/gridloop.css");
        setMaxWidth("640px");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        Button language = new Button(getTranslation("nav.language"), e -> LanguageSwitch.toggle(UI.getCurrent()));
        language.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        add(new H2(getTranslation("rating.title")), language);
        Optional<CaseRecord> c = ratings.byToken(event.getRouteParameters().get("token").orElse(null));
        if (c.isEmpty()) {
            add(sentence("rating.linkInvalid"));
            return;
        }
        CaseRecord k = c.get();
        add(new Paragraph(k.caseNumber() + " · " + labels.categoryPath(k.categoryCode(), k.subcategoryCode(), getLocale())));
        if (ratings.ratingOf(k.id()).isPresent()) {
            add(sentence("error.rating.done"));
        } else if (!ratings.awaits(k)) {
            add(sentence("error.rating.notAwaiting"));
        } else {
            add(new RatingForm(ratings, k, CitizenRatings.Via.LINK));
        }
        Anchor follow = new Anchor("track/" + k.trackingCode(), getTranslation("citizen.receipt.follow"));
        follow.addClassName("gl-receipt-link");
        add(follow);
    }

    private Paragraph sentence(String key) {
        Paragraph p = new Paragraph(getTranslation(key));
        p.setId("rating-refused");
        return p;
    }

    @Override
    public String getPageTitle() {
        return ComponentTexts.pageTitle("title.rate");
    }
}
