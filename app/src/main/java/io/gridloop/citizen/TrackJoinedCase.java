package io.gridloop.citizen;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import io.gridloop.casefile.CaseFileService;
import io.gridloop.casefile.CaseLabels;
import io.gridloop.casefile.CaseRecord;
import io.gridloop.casefile.CitizenProgress;
import java.util.Optional;

/**
 * On the tracking page of a report merged into another case (joined at the public door, or merged at registration): that
 * case's number, status and progress in the citizen's words, so the reporter follows the case that is being handled with
 * their own tracking code. Only the progress: that case's rating form and code stay its own reporter's.
 */
@org.springframework.stereotype.Component
public class TrackJoinedCase implements io.gridloop.casefile.TrackPanel {

    private final CaseFileService cases;
    private final io.gridloop.casefile.CaseTimeline timeline;
    private final CitizenProgress progress;
    private final CaseLabels labels;

    public TrackJoinedCase(CaseFileService cases, io.gridloop.casefile.CaseTimeline timeline, CitizenProgress progress,
                           CaseLabels labels) {
        this.cases = cases;
        this.timeline = timeline;
        this.progress = progress;
        this.labels = labels;
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
            for (CitizenProgress.Line p : progress.of(timeline.timeline(into.id()), com.vaadin.flow.component.UI.getCurrent().getLocale())) {
                Span line = new Span(labels.time(p.at()) + " · " + p.title());
                line.addClassName("gl-track-step");
                Paragraph meaning = new Paragraph(p.meaning());
                meaning.addClassName("gl-track-meaning");
                Div step = new Div(line, meaning);
                step.addClassName("gl-track-entry");
                panel.add(step);
            }
            return panel;
        });
    }
}
