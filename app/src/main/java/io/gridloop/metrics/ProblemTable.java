package io.gridloop.metrics;

import io.gridloop.ui.Translations;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The tables of {@link DistrictProblems}, written once: their names (as the JSON API and the exports name them), their
 * columns (the records' components) and where their label and their rule in words live in messages*.properties
 * ({@code evaluation.problems.<name>} and {@code evaluation.problems.<name>.rule}; columns {@code evaluation.column.<name>}).
 */
public enum ProblemTable {
    BLIND_SPOTS("blindSpots", DistrictProblems.BlindSpot.class),
    FREQUENT_SUBCATEGORIES("frequentSubcategories", DistrictProblems.FrequentSubcategory.class),
    FREQUENT_PLACES("frequentPlaces", DistrictProblems.FrequentPlace.class),
    REPEAT_PLACES("repeatPlaces", DistrictProblems.RepeatPlace.class);

    private final String key;
    private final Class<? extends Record> type;

    ProblemTable(String key, Class<? extends Record> type) {
        this.key = key;
        this.type = type;
    }

    public String key() {
        return key;
    }

    public static java.util.Optional<ProblemTable> ofKey(String key) {
        return Arrays.stream(values()).filter(t -> t.key.equals(key)).findFirst();
    }

    public String label(Locale locale) {
        return Translations.translate("evaluation.problems." + key, locale);
    }

    public String rule(Locale locale) {
        return Translations.translate("evaluation.problems." + key + ".rule", locale);
    }

    /** The columns, as the JSON API names them. */
    public List<String> columns() {
        return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
    }

    public static String columnLabel(String column, Locale locale) {
        return Translations.translate("evaluation.column." + column, locale);
    }

    public List<? extends Record> rows(DistrictProblems.Problems p) {
        return switch (this) {
            case BLIND_SPOTS -> p.blindSpots();
            case FREQUENT_SUBCATEGORIES -> p.frequentSubcategories();
            case FREQUENT_PLACES -> p.frequentPlaces();
            case REPEAT_PLACES -> p.repeatPlaces();
        };
    }

    /** A row's values in column order; a list of case numbers as one space-separated text, dates as YYYY-MM-DD. */
    public List<Object> values(Record row) {
        List<Object> out = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            try {
                Object v = c.getAccessor().invoke(row);
                out.add(v instanceof Collection<?> list ? String.join(" ", list.stream().map(String::valueOf).toList())
                        : v instanceof java.time.LocalDate d ? d.toString() : v);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }
}
