package io.gridloop.casefile;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import java.util.List;
import java.util.Locale;

/**
 * The rows of a case's progress on /track, as the citizen sees them: when and which step, and under it what it means for
 * them. The one place these rows are built, for the citizen's own case (TrackView) and for the case their report was
 * joined to (citizen's TrackJoinedCase); what a row says is {@link CitizenProgress}'s.
 */
@org.springframework.stereotype.Component
public class CitizenProgressRows {

    private final CaseTimeline timeline;
    private final CitizenProgress progress;
    private final CaseLabels labels;

    public CitizenProgressRows(CaseTimeline timeline, CitizenProgress progress, CaseLabels labels) {
        this.timeline = timeline;
        this.progress = progress;
        this.labels = labels;
    }

    public List<Component> of(long caseId, Locale l) {
        return progress.of(timeline.timeline(caseId), l).stream().map(this::row).toList();
    }

    private Component row(CitizenProgress.Line p) {
        Span line = new Span(labels.time(p.at()) + " · " + p.title());
        line.addClassName("gl-track-step");
        Paragraph meaning = new Paragraph(p.meaning());
        meaning.addClassName("gl-track-meaning");
        meaning.getStyle().set("margin", "0 0 var(--lumo-space-s) 0").set("color", "var(--lumo-secondary-text-color)");
        Div step = new Div(line, meaning);
        step.addClassName("gl-track-entry");
        return step;
    }
}
