package io.gridloop.grid;

import com.vaadin.flow.dom.Element;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Properties;

/**
 * Leaflet from its WebJar, loaded at run time (no npm build): the one place that loads it into the page once and starts
 * a map on an element. Maps draw the district's GeoJSON polygons only, never tiles, so they work where no tile server can
 * be reached.
 */
public final class LeafletMaps {

    public static final String LEAFLET = "/webjars/leaflet/" + leafletVersion() + "/dist/";

    private LeafletMaps() {}

    /**
     * Runs {@code draw} on the element once Leaflet is there: in it {@code el} is the element, {@code L} is Leaflet,
     * a map made before on the element is gone, and $0, $1 … are {@code args}; it keeps its map as {@code el._map}.
     */
    public static void draw(Element element, String draw, Serializable... args) {
        // Element.executeJs takes Serializable...: an Object[] would travel as one parameter
        Serializable[] all = Arrays.copyOf(args, args.length + 1);
        all[args.length] = LEAFLET;
        element.executeJs("""
                const el = this, base = $%d;
                const init = () => {
                  if (el._map) { el._map.remove(); el._map = null; }
                %s
                };
                if (!document.querySelector('link[data-leaflet]')) {
                  const css = document.createElement('link');
                  css.rel = 'stylesheet'; css.href = base + 'leaflet.css'; css.dataset.leaflet = 'true';
                  document.head.appendChild(css);
                }
                if (window.L) { init(); return; }
                const js = document.createElement('script');
                js.src = base + 'leaflet.js'; js.onload = init;
                document.head.appendChild(js);
                """.formatted(args.length, draw), all);
    }

    private static String leafletVersion() {
        try (InputStream in = LeafletMaps.class.getResourceAsStream("/META-INF/maven/org.webjars.npm/leaflet/pom.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "1.9.4");
        } catch (IOException e) {
            return "1.9.4";
        }
    }
}
