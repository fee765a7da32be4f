package io.gridloop.casefile;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import io.gridloop.security.AccessScope;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The case beside a task and on its own page: description, place, photos, and the timeline of every step. */
public class CaseDetails extends Div {

    public CaseDetails(CaseRecord c, CaseFileService cases, CaseLabels labels, Locale l, AccessScope scope) {
        addClassName("gl-case-panel");
        setId("case-details");
        add(new H3(c.caseNumber() + " · " + getTranslation("status." + c.status().name())));
        add(line(getTranslation("report.category"), labels.categoryPath(c.categoryCode(), c.subcategoryCode(), l)
                + " (" + getTranslation("kind." + c.kind()) + ")"));
        add(line(getTranslation("report.channel"), getTranslation("channel." + c.channel().name()) + " · "
                + getTranslation("urgency." + c.urgency().name())));
        // what the intake operator reads out to a caller who wants to follow the case at /track
        add(line(getTranslation("case.trackingCode"), c.trackingCode()));
        add(line(getTranslation("case.location"), labels.street(c.streetCode(), l) + " · " + labels.grid(c.gridCode(), l)
                + (c.address() == null ? "" : " · " + c.address())
                + (c.longitude() == null ? "" : " (%.5f, %.5f)".formatted(c.longitude(), c.latitude()))));
        if (c.departmentCode() != null) {
            add(line(getTranslation("case.department"), labels.department(c.departmentCode(), l)
                    + (c.coDepartments() == null || c.coDepartments().isBlank() ? ""
                    : " · " + getTranslation("case.coDepartments") + ": " + labels.departments(c.coDepartments(), l))));
        }
        if (c.dueAt() != null) {
            add(line(getTranslation("case.due"), labels.time(c.dueAt())));
        }
        add(line(getTranslation("case.reportedBy"), labels.person(c.reportedBy(), l) + " · " + labels.time(c.reportedAt())
                + (c.reporterName() == null ? "" : " · " + getTranslation("case.reporter") + ": " + c.reporterName()
                + (c.reporterPhone() == null ? "" : " " + c.reporterPhone()))));
        add(new Span(getTranslation("case.counts", c.reworkCount(), c.returnCount(), c.extensionCount())));
        add(new H4(getTranslation("case.description")));
        Paragraph description = new Paragraph(c.description());
        description.setId("case-description");
        add(description);

        List<Attachment> attachments = cases.attachments(c.id());
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
                entry.add(new Paragraph(e.comment()));
            }
            if (e.details() != null) {
                Paragraph details = new Paragraph(labels.details(e.details(), l));
                details.getStyle().set("white-space", "pre-line");
                entry.add(details);
            }
            for (Attachment a : byEntry.getOrDefault(e.id(), List.of())) {
                entry.add(photo(a, cases, scope));
            }
            timeline.add(entry);
        }
        add(timeline);
    }

    private static Image photo(Attachment a, CaseFileService cases, AccessScope scope) {
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
