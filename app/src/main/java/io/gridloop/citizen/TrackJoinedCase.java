package io.gridloop.citizen;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import io.gridloop.casefile.CaseFileService;
import io.gridloop.casefile.CaseRecord;
import io.gridloop.casefile.CitizenProgressRows;
import java.util.Optional;

/**
 * On the tracking page of a report merged into another case (joined at the public door, or merged at registration): that
 * case's number, status and progress in the citizen's words, so the reporter follows the case that is being handled with
 * their own tracking code. Only the progress: that case's rating form and code stay its own reporter's.
 */
@org.springframework.stereotype.Component
public class TrackJoinedCase implements io.gridloop.casefile.TrackPanel {

    private final CaseFileService cases;
    private final CitizenProgressRows progress;

    public TrackJoinedCase(CaseFileService cases, CitizenProgressRows progress) {
        this.cases = cases;
        this.progress = progress;
    }

    @Override
    public Optional<com.vaadin.flow.component.Component> panel(CaseRecord c) {
        if (c.mergedInto() == null) {
            return Optional.empty();
        }
        return cases.findByNumber(c.mergedInto()).map(into -> {
            Div panel = new Div();
            panel.setId("track-joined");
            Paragraph intro = new Paragraph();
            intro.setText(intro.getTranslation("citizen.track.joined", into.caseNumber()));
            panel.add(intro, new H3(into.caseNumber() + " · " + intro.getTranslation("status." + into.status().name())));
            panel.add(progress.of(into.id(), com.vaadin.flow.component.UI.getCurrent().getLocale()));
            return panel;
        });
    }
}
