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
 * The district's grids coloured by their open and overdue cases (Leaflet from its WebJar, loaded at run time). Polygons
 * only, no tiles, so it works offline. A click on a grid tells the page which grid.
 */
public class DistrictMap extends Div {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String geoJson;
    private final String openWord;
    private final String overdueWord;
    private String counts = "{}";
    private Consumer<String> onGrid = code -> { };

    public DistrictMap(String geoJson, String openWord, String overdueWord) {
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
        getElement().executeJs("this._counts = JSON.parse($0)", counts);
        LeafletMaps.draw(getElement(), """
                  const geojson = JSON.parse($0), openWord = $1, overdueWord = $2;
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
                """, geoJson, openWord, overdueWord);
    }

    /** The official clicked a grid. */
    @ClientCallable
    public void openGrid(String code) {
        onGrid.accept(code);
    }
}
