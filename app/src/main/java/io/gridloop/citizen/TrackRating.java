package io.gridloop.citizen;

import com.vaadin.flow.component.html.Paragraph;
import io.gridloop.casefile.CaseRecord;
import io.gridloop.casefile.TrackPanel;
import java.util.Optional;

/** On the tracking page: the rating form while the case waits for its citizen, then the rating given. */
@org.springframework.stereotype.Component
public class TrackRating implements TrackPanel {

    private final CitizenRatings ratings;

    public TrackRating(CitizenRatings ratings) {
        this.ratings = ratings;
    }

    @Override
    public Optional<com.vaadin.flow.component.Component> panel(CaseRecord c) {
        Optional<String> given = ratings.ratingOf(c.id());
        if (given.isPresent()) {
            Paragraph p = new Paragraph();
            p.setText(p.getTranslation("rating.given", p.getTranslation("decision." + given.get())));
            p.setId("rating-given");
            return Optional.of(p);
        }
        return ratings.awaits(c) ? Optional.of(new RatingForm(ratings, c, CitizenRatings.Via.TRACK)) : Optional.empty();
    }
}
