package io.gridloop.grid;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.ClientCallable;
import com.vaadin.flow.component.html.Div;
import java.util.Optional;

/**
 * The district's grids drawn as a map (Leaflet from its WebJar, loaded at run time): the polygons are the map, no tiles
 * are fetched, so it works where no tile server can be reached. A click picks a point; the page locates its grid.
 */
public class GridMap extends Div {

    private final ReferenceData reference;
    /** What the page does with a picked point and the grid it lies in (empty outside every grid). */
    public interface PickListener {
        void picked(double longitude, double latitude, Optional<GridCell> grid);
    }

    private PickListener onPick = (lng, lat, grid) -> { };

    public GridMap(ReferenceData reference) {
        this.reference = reference;
        setId("grid-map");
        addClassName("gl-grid-map");
        setWidthFull();
        setHeight("320px");
    }

    /** Called when the official clicks the map. */
    public void onPick(PickListener listener) {
        this.onPick = listener;
    }

    @Override
    protected void onAttach(AttachEvent event) {
        LeafletMaps.draw(getElement(), """
                  const geojson = JSON.parse($0);
                  const map = L.map(el, {attributionControl: false, zoomSnap: 0.25});
                  const grids = L.geoJSON(geojson, {
                    style: {weight: 1, color: '#1676f3', fillOpacity: 0.06},
                    onEachFeature: (f, layer) => layer.bindTooltip(f.properties.name + ' ' + f.properties.code)
                  }).addTo(map);
                  map.fitBounds(grids.getBounds());
                  map.on('click', e => el.$server.pick(e.latlng.lng, e.latlng.lat));
                  el._map = map;
                """, reference.gridsGeoJson());
    }

    /** The official clicked the map at this point. */
    @ClientCallable
    public void pick(double longitude, double latitude) {
        Optional<GridCell> grid = reference.locate(longitude, latitude);
        onPick.picked(longitude, latitude, grid);
        mark(longitude, latitude, grid.isPresent());
    }

    private void mark(double longitude, double latitude, boolean inGrid) {
        getElement().executeJs("""
                if (!this._map) { return; }
                if (this._marker) { this._marker.remove(); }
                this._marker = L.circleMarker([$1, $0], {radius: 7, color: $2 ? '#0a7d32' : '#c62828'}).addTo(this._map);
                """, longitude, latitude, inGrid);
    }
}
