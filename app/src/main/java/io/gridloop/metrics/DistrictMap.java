package io.gridloop.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.ClientCallable;
import com.vaadin.flow.component.html.Div;
import io.gridloop.grid.LeafletMaps;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The district's grids coloured by their open and overdue cases (Leaflet from its WebJar, loaded at run time), and the
 * open cases as points coloured by their state (normal, warning, overdue). Polygons and points only, no tiles, so it works
 * offline. The points are drawn on one canvas (thousands stay light), the most urgent on top. A click on a grid tells the
 * page which grid, a click on a point which case.
 */
public class DistrictMap extends Div {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String geoJson;
    private final String openWord;
    private final String overdueWord;
    private final String stateWords;
    private String counts = "{}";
    private String points = "[]";
    private Consumer<String> onGrid = code -> { };
    private Consumer<String> onCase = number -> { };

    public DistrictMap(String geoJson, String openWord, String overdueWord) {
        this(geoJson, openWord, overdueWord, "{}");
    }

    /** {@code stateWords}: the states' words for the points' tooltips, as a JSON object (NORMAL, WARNING, OVERDUE). */
    public DistrictMap(String geoJson, String openWord, String overdueWord, String stateWords) {
        this.stateWords = stateWords;
        this.geoJson = geoJson;
        this.openWord = openWord;
        this.overdueWord = overdueWord;
        addClassName("gl-district-map");
        setWidthFull();
        setHeight("360px");
    }

    public void onGrid(Consumer<String> listener) {
        this.onGrid = listener;
    }

    public void onCase(Consumer<String> listener) {
        this.onCase = listener;
    }

    /** Draws these open cases as points: [longitude, latitude, state, case number], the least urgent first (drawn below). */
    public void showCases(List<BoardService.CasePoint> cases) {
        List<List<Object>> rows = new java.util.ArrayList<>();
        for (int i = cases.size() - 1; i >= 0; i--) {
            BoardService.CasePoint c = cases.get(i);
            rows.add(List.of(c.longitude(), c.latitude(), c.state(), c.caseNumber()));
        }
        try {
            points = JSON.writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        if (isAttached()) {
            getElement().executeJs("this._points = JSON.parse($0); if (this._drawPoints) { this._drawPoints(); }", points);
        }
    }

    String points() {
        return points;
    }

    /** Colours the grids by these counts: red with overdue cases, orange with open ones, green without. */
    public void show(List<Board.GridCount> grids) {
        Map<String, Map<String, Long>> byCode = new LinkedHashMap<>();
        grids.forEach(g -> byCode.put(g.grid(), Map.of("open", g.open(), "overdue", g.overdue())));
        try {
            counts = JSON.writeValueAsString(byCode);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        if (isAttached()) {
            getElement().executeJs("this._counts = JSON.parse($0); if (this._layer) { this._layer.setStyle(this._style); }", counts);
        }
    }

    String counts() {
        return counts;
    }

    @Override
    protected void onAttach(AttachEvent event) {
        // the counts first, outside the map's start: a refresh that comes before Leaflet has loaded is kept
        getElement().executeJs("this._counts = JSON.parse($0); this._points = JSON.parse($1)", counts, points);
        LeafletMaps.draw(getElement(), """
                  const geojson = JSON.parse($0), openWord = $1, overdueWord = $2, stateWords = JSON.parse($3);
                  const of = code => el._counts[code] || {open: 0, overdue: 0};
                  el._style = f => {
                    const c = of(f.properties.code);
                    return {weight: 1, color: '#555', fillColor: c.overdue > 0 ? '#c62828' : c.open > 0 ? '#ef8c00' : '#2e7d32',
                            fillOpacity: c.open > 0 ? Math.min(0.8, 0.3 + c.open * 0.05) : 0.15};
                  };
                  const map = L.map(el, {attributionControl: false, zoomSnap: 0.25});
                  const layer = L.geoJSON(geojson, {style: el._style, onEachFeature: (f, l) => {
                    l.bindTooltip(() => { const c = of(f.properties.code);
                      return f.properties.name + ' · ' + openWord + ' ' + c.open + ' · ' + overdueWord + ' ' + c.overdue; });
                    l.on('click', () => el.$server.openGrid(f.properties.code));
                  }}).addTo(map);
                  map.fitBounds(layer.getBounds());
                  el._layer = layer;
                  el._map = map;
                  const colours = {OVERDUE: '#c62828', WARNING: '#ef8c00', NORMAL: '#1676f3'};
                  const renderer = L.canvas({padding: 0.2});
                  const cases = L.layerGroup().addTo(map);
                  el._drawPoints = () => {
                    cases.clearLayers();
                    for (const [lng, lat, state, number] of (el._points || [])) {
                      L.circleMarker([lat, lng], {renderer, radius: state === 'NORMAL' ? 4 : 6, weight: 1, color: '#fff',
                          fillColor: colours[state] || '#1676f3', fillOpacity: 0.9, className: 'gl-case-point'})
                        .bindTooltip(number + ' · ' + (stateWords[state] || state))
                        .on('click', () => el.$server.openCase(number))
                        .addTo(cases);
                    }
                  };
                  el._cases = cases;
                  el._drawPoints();
                """, geoJson, openWord, overdueWord, stateWords);
    }

    /** The official clicked a case's point. */
    @ClientCallable
    public void openCase(String caseNumber) {
        onCase.accept(caseNumber);
    }

    /** The official clicked a grid. */
    @ClientCallable
    public void openGrid(String code) {
        onGrid.accept(code);
    }
}
