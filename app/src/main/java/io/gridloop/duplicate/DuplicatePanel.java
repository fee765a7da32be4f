package io.gridloop.duplicate;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import io.gridloop.casefile.Attachment;
import io.gridloop.casefile.CaseTimeline;
import io.gridloop.casefile.CaseLabels;
import io.gridloop.casefile.CaseRecord;
import io.gridloop.grid.LeafletMaps;
import io.gridloop.grid.ReferenceData;
import io.gridloop.security.AccessScope;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The likely duplicates of a report beside its registration (立案) form: each with its distance, how alike the texts are,
 * the photos of both side by side, all the points on a small map, and a button that merges the report into it in one
 * click ({@code merge} completes the registration as a duplicate, so the merge rules and the scope check apply).
 */
public class DuplicatePanel extends Div {

    final List<Button> mergeButtons = new ArrayList<>();
    private final String points;

    public DuplicatePanel(CaseRecord report, List<Duplicate> found, CaseTimeline cases, CaseLabels labels, AccessScope scope,
                          ReferenceData reference, Locale l, Consumer<String> merge) {
        setId("duplicates");
        addClassName("gl-case-panel");
        add(new H3(getTranslation("duplicate.title", found.size())));
        if (found.isEmpty()) {
            add(new Paragraph(getTranslation("duplicate.none")));
            points = null;
            return;
        }
        StringBuilder json = new StringBuilder("[").append(point(report, true));
        for (Duplicate d : found) {
            CaseRecord c = d.openCase();
            json.append(',').append(point(c, false));
            Div item = new Div();
            item.addClassName("gl-duplicate");
            item.getElement().setAttribute("data-case", c.caseNumber());
            item.getStyle().set("border-top", "1px solid var(--lumo-contrast-10pct)").set("padding", "var(--lumo-space-s) 0");
            Span meta = new Span(c.caseNumber() + " · " + getTranslation("status." + c.status().name()) + " · "
                    + labels.categoryPath(c.categoryCode(), c.subcategoryCode(), l) + " · "
                    + getTranslation("duplicate.metres", Math.round(d.metres())) + " · "
                    + getTranslation("duplicate.similarity", Math.round(d.similarity() * 100)) + " · " + labels.time(c.reportedAt()));
            meta.addClassName("gl-meta");
            item.add(meta, new Paragraph(c.description()));
            Div photos = new Div(side(getTranslation("duplicate.thisReport"), report, cases, scope),
                    side(c.caseNumber(), c, cases, scope));
            photos.getStyle().set("display", "flex").set("gap", "var(--lumo-space-m)");
            item.add(photos);
            Button button = new Button(getTranslation("duplicate.merge", c.caseNumber()), e -> merge.accept(c.caseNumber()));
            button.setId("merge-" + c.caseNumber());
            button.addThemeVariants(ButtonVariant.LUMO_SMALL);
            mergeButtons.add(button);
            item.add(button);
            add(item);
        }
        points = json.append(']').toString();
        Div map = new Div();
        map.setId("duplicates-map");
        map.setWidthFull();
        map.setHeight("220px");
        addComponentAtIndex(1, map);
        this.map = map;
        this.geoJson = reference.gridsGeoJson();
    }

    private Div map;
    private String geoJson;

    /** The report's and each candidate's point for the map: the report red, the candidates blue. */
    private static String point(CaseRecord c, boolean self) {
        return "{\"lng\":%s,\"lat\":%s,\"label\":\"%s\",\"self\":%s}".formatted(c.longitude(), c.latitude(), c.caseNumber(), self);
    }

    private Div side(String title, CaseRecord c, CaseTimeline cases, AccessScope scope) {
        Div side = new Div(new Span(title));
        side.getStyle().set("flex", "1 1 0").set("min-width", "0");
        for (Attachment a : cases.attachments(c.id())) {
            if (a.before()) {
                Image img = new Image(DownloadHandler.fromInputStream(event -> {
                    byte[] bytes = cases.attachmentContent(a.id(), scope);
                    return new DownloadResponse(new ByteArrayInputStream(bytes), a.fileName(), a.contentType(), bytes.length);
                }), a.fileName());
                img.addClassName("gl-photo");
                side.add(img);
            }
        }
        return side;
    }

    @Override
    protected void onAttach(AttachEvent event) {
        if (map == null) {
            return;
        }
        LeafletMaps.draw(map.getElement(), """
                  const map = L.map(el, {attributionControl: false});
                  L.geoJSON(JSON.parse($0), {style: {weight: 1, color: '#1676f3', fillOpacity: 0.05}}).addTo(map);
                  const pts = JSON.parse($1).filter(p => p.lat !== null && p.lng !== null);
                  const layers = pts.map(p => L.circleMarker([p.lat, p.lng], {radius: p.self ? 8 : 6,
                    color: p.self ? '#c62828' : '#1676f3'}).bindTooltip(p.label).addTo(map));
                  const group = L.featureGroup(layers);
                  map.fitBounds(group.getBounds().pad(0.5), {maxZoom: 18});
                  el._map = map;
                """, geoJson, points);
    }
}
