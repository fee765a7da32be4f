package io.gridloop.casefile;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.html.Div;
import io.gridloop.grid.LeafletMaps;
import io.gridloop.grid.ReferenceData;

/**
 * A case's place on a small map: its grid's polygon and a marker at the reported point (Leaflet from its WebJar, as
 * {@link GridMap} loads it; no tiles, none can be reached).
 */
public class CaseMap extends Div {

    private final String geoJson;

    public CaseMap(ReferenceData reference, String gridCode, Double longitude, Double latitude) {
        this.geoJson = reference.gridsGeoJson();
        setId("case-map");
        addClassName("gl-case-map");
        setWidthFull();
        setHeight("220px");
        getElement().setAttribute("data-grid", gridCode == null ? "" : gridCode);
        if (longitude != null && latitude != null) {
            getElement().setAttribute("data-lng", String.valueOf(longitude));
            getElement().setAttribute("data-lat", String.valueOf(latitude));
        }
    }

    @Override
    protected void onAttach(AttachEvent event) {
        LeafletMaps.draw(getElement(), """
                  const geojson = JSON.parse($0), code = el.dataset.grid;
                  const map = L.map(el, {attributionControl: false, zoomSnap: 0.25});
                  const grid = L.geoJSON(geojson, {filter: f => f.properties.code === code,
                    style: {weight: 2, color: '#1676f3', fillOpacity: 0.12},
                    onEachFeature: (f, layer) => layer.bindTooltip(f.properties.name)}).addTo(map);
                  const bounds = grid.getLayers().length ? grid.getBounds() : L.geoJSON(geojson).getBounds();
                  if (el.dataset.lat) {
                    const point = [parseFloat(el.dataset.lat), parseFloat(el.dataset.lng)];
                    L.circleMarker(point, {radius: 7, color: '#c62828'}).addTo(map);
                    bounds.extend(point);
                  }
                  map.fitBounds(bounds, {padding: [12, 12]});
                  el._map = map;
                """, geoJson);
    }
}
