package io.gridloop.metrics;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The evaluation of a period for one kind of unit: a row per unit and the total over them. */
public record Evaluation(LocalDate from, LocalDate to, EvaluationUnit unit, List<Row> rows, Row total) {

    /** One unit's figures, under the names of {@link Indicator#key()}. */
    public record Row(String unit, String name, Map<Indicator, Number> figures) {

        public Number get(Indicator indicator) {
            return figures.get(indicator);
        }

        /** As the JSON API and the exports give it: unit, name, then every published figure in order. */
        @JsonValue
        public Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("unit", unit);
            m.put("name", name);
            for (Indicator i : Indicator.publishedFigures()) {
                m.put(i.key(), figures.get(i));
            }
            return m;
        }
    }
}
