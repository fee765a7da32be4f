package io.gridloop.casefile;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import io.gridloop.grid.ReferenceData;
import io.gridloop.security.AccessScope;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The case beside a task and on its own page: description, place, photos, and the timeline of every step. */
public class CaseDetails extends Div {

    public CaseDetails(CaseRecord c, CaseTimeline cases, CaseLabels labels, Locale l, AccessScope scope, CaseTimeLeft timeLeft,
                       ReferenceData reference) {
        addClassName("gl-case-panel");
        setId("case-details");
        add(new H3(c.caseNumber() + " · " + getTranslation("status." + c.status().name())));
        if (c.selfResolved()) {
            // the grid worker fixed it on the spot: nothing to dispatch, the photos below show before and after
            Span spot = new Span(getTranslation("case.selfResolved"));
            spot.setId("case-self-resolved");
            spot.getStyle().set("background", "var(--lumo-success-color-10pct)").set("color", "var(--lumo-success-text-color)")
                    .set("padding", "0 var(--lumo-space-s)").set("border-radius", "var(--lumo-border-radius-s)").set("font-weight", "600");
            add(new Div(spot, new Span(" " + getTranslation("case.selfResolved.means"))));
        }
        add(line(getTranslation("report.category"), labels.categoryPath(c.categoryCode(), c.subcategoryCode(), l)
                + " (" + getTranslation("kind." + c.kind()) + ")"));
        add(line(getTranslation("report.channel"), getTranslation("channel." + c.channel().name()) + " · "
                + getTranslation("urgency." + c.urgency().name())));
        // what the intake operator reads out to a caller who wants to follow the case at /track
        add(line(getTranslation("case.trackingCode"), c.trackingCode()));
        add(line(getTranslation("case.location"), labels.street(c.streetCode(), l) + " · " + labels.grid(c.gridCode(), l)
                + (c.address() == null ? "" : " · " + c.address())
                + (c.longitude() == null ? "" : " (%.5f, %.5f)".formatted(c.longitude(), c.latitude()))));
        add(new CaseMap(reference, c.gridCode(), c.longitude(), c.latitude()));
        if (c.departmentCode() != null) {
            add(line(getTranslation("case.department"), labels.department(c.departmentCode(), l)
                    + (c.coDepartments().isEmpty() ? ""
                    : " · " + getTranslation("case.coDepartments") + ": " + labels.departments(c.coDepartments(), l))));
        }
        if (c.dueAt() != null) {
            Div due = line(getTranslation("case.due"), labels.time(c.dueAt()) + " · " + timeLeft.describe(c, this::getTranslation));
            due.setId("case-due");
            add(due);
        }
        add(line(getTranslation("case.reportedBy"), labels.person(c.reportedBy(), l) + " · " + labels.time(c.reportedAt())));
        if (c.channel() != Channel.GRID_WORKER || c.reporterName() != null || c.reporterPhone() != null) {
            // the callback (回访) needs a way to reach the caller whether or not a name was given, or to know there is none
            Div caller = line(getTranslation("case.reporter"), c.callerContact()
                    .map(contact -> (c.reporterName() == null ? getTranslation("case.reporter.noName") : c.reporterName()) + " · " + contact)
                    .orElseGet(() -> getTranslation("case.reporter.anonymous")));
            caller.setId("case-caller");
            add(caller);
        }
        add(new Span(getTranslation("case.counts", c.reworkCount(), c.returnCount(), c.extensionCount())));
        add(new H4(getTranslation("case.description")));
        Paragraph description = new Paragraph(c.description());
        description.setId("case-description");
        add(description);

        List<Attachment> attachments = cases.attachments(c.id());
        if (!attachments.isEmpty()) {
            add(new H4(getTranslation("case.photos")));
            add(beforeAndAfter(attachments, cases, scope));
        }
        Map<Long, List<Attachment>> byEntry = attachments.stream().filter(a -> a.timelineId() != null)
                .collect(Collectors.groupingBy(Attachment::timelineId));
        add(new H4(getTranslation("case.timeline")));
        Div timeline = new Div();
        timeline.setId("case-timeline");
        for (TimelineEntry e : cases.timeline(c.id())) {
            Div entry = new Div();
            entry.addClassName("gl-timeline-entry");
            Span meta = new Span(labels.timelineMeta(e, l));
            meta.addClassName("gl-meta");
            entry.add(meta);
            if (e.comment() != null) {
                entry.add(new Paragraph(getTranslation("case.timeline.why", e.comment())));
            }
            if (e.details() != null) {
                Paragraph details = new Paragraph(labels.details(e.details(), l));
                details.getStyle().set("white-space", "pre-line");
                entry.add(details);
            }
            int photos = byEntry.getOrDefault(e.id(), List.of()).size();
            if (photos > 0) {
                // the photos themselves stand side by side above, before and after
                entry.add(new Span(getTranslation("case.timeline.photos", photos)));
            }
            timeline.add(entry);
        }
        add(timeline);
    }

    /** The photos of the problem as found beside those of the work done, so the check compares them at a glance. */
    private Div beforeAndAfter(List<Attachment> attachments, CaseTimeline cases, AccessScope scope) {
        Div before = new Div(new Span(getTranslation("case.photos.before")));
        before.setId("photos-before");
        Div after = new Div(new Span(getTranslation("case.photos.after")));
        after.setId("photos-after");
        for (Attachment a : attachments) {
            (a.before() ? before : after).add(photo(a, cases, scope));
        }
        for (Div side : List.of(before, after)) {
            side.getStyle().set("flex", "1 1 0").set("min-width", "0");
        }
        Div both = new Div(before, after);
        both.addClassName("gl-before-after");
        both.getStyle().set("display", "flex").set("gap", "var(--lumo-space-m)");
        return both;
    }

    private static Image photo(Attachment a, CaseTimeline cases, AccessScope scope) {
        Image img = new Image(DownloadHandler.fromInputStream(event -> {
            byte[] bytes = cases.attachmentContent(a.id(), scope);
            return new DownloadResponse(new ByteArrayInputStream(bytes), a.fileName(), a.contentType(), bytes.length);
        }), a.fileName());
        img.addClassName("gl-photo");
        return img;
    }

    private Div line(String label, String value) {
        Div d = new Div();
        Span l = new Span(label + ":");
        l.getStyle().set("color", "var(--lumo-secondary-text-color)").set("margin-right", "0.5em");
        d.add(l, new Span(value));
        return d;
    }
}
