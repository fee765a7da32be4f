package io.gridloop.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.dom.Element;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A line chart drawn by Chart.js from its WebJar, loaded at run time (no npm build, no inline script): a canvas in a div
 * and one executeJs call that draws or updates it.
 */
public class TrendChart extends Div {

    static final String CHART_JS = "/webjars/chart.js/4.5.1/dist/chart.umd.js";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One line of the chart. */
    public record Line(String label, String color, List<Long> values) {}

    private String data;

    public TrendChart() {
        addClassName("gl-trend-chart");
        getStyle().set("position", "relative");
        setWidthFull();
        setHeight("260px");
        getElement().appendChild(new Element("canvas"));
    }

    @Override
    protected void onAttach(AttachEvent event) {
        event.getUI().getPage().addJavaScript(CHART_JS);
        if (data != null) {
            draw();
        }
    }

    /** Shows these lines over these labels, drawing the chart the first time and updating it after. */
    public void show(List<String> labels, List<Line> lines) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("labels", labels);
        List<Map<String, Object>> sets = new ArrayList<>();
        for (Line l : lines) {
            sets.add(Map.of("label", l.label(), "data", l.values(), "borderColor", l.color(), "backgroundColor", l.color(),
                    "tension", 0.2, "pointRadius", 2));
        }
        d.put("datasets", sets);
        try {
            data = JSON.writeValueAsString(d);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        if (isAttached()) {
            draw();
        }
    }

    /** The JSON the chart was last given (what the browser draws). */
    String data() {
        return data;
    }

    private void draw() {
        getElement().executeJs("""
                const el = this, data = JSON.parse($0);
                let tries = 0;
                const draw = () => {
                  if (!window.Chart) { if (tries++ < 200) { setTimeout(draw, 50); } return; }
                  if (el._chart) { el._chart.data = data; el._chart.update('none'); return; }
                  el._chart = new Chart(el.querySelector('canvas'), {type: 'line', data,
                    options: {animation: false, responsive: true, maintainAspectRatio: false,
                              interaction: {mode: 'index', intersect: false}, scales: {y: {beginAtZero: true}}}});
                };
                draw();
                """, data);
    }
}
