package io.gridloop.forms;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * One component of a Camunda Form (form-js schema) as Modeler saves it. The typed fields cover what GridLoop renders and
 * validates; {@link #raw()} keeps the rest.
 */
public record FormField(
        String id,
        String type,
        String key,
        String label,
        String description,
        Object defaultValue,
        boolean required,
        Integer minLength,
        Integer maxLength,
        Double min,
        Double max,
        String pattern,
        String validationType,
        boolean readonly,
        boolean disabled,
        String hide,
        List<Option> options,
        String valuesKey,
        String valuesExpression,
        String text,
        String layoutRow,
        Integer layoutColumns,
        Map<String, String> properties,
        List<FormField> components,
        JsonNode raw) {

    /**
     * One choice of a radio, select, checklist or taglist. {@code labelEn} is the English of a choice from the task's
     * data (a department's name); a static choice's English is in the bundles ({@link FormTexts}).
     */
    public record Option(String label, Object value, String labelEn) {
        public Option(String label, Object value) {
            this(label, value, null);
        }
    }

    public boolean hasKey() {
        return key != null && !key.isBlank();
    }

    /** Field types whose value is a list of choices. */
    public boolean isMultiValued() {
        return "checklist".equals(type) || "taglist".equals(type)
                || ("filepicker".equals(type) && raw.path("multiple").asBoolean(false));
    }

    /** The form-js types that submit a value (the others only show something). */
    public boolean isInput() {
        return switch (type) {
            case "textfield", "textarea", "number", "datetime", "checkbox", "checklist", "radio", "select", "taglist",
                 "filepicker", "expression", "dynamiclist" -> hasKey();
            default -> false;
        };
    }

    /** Marks the field whose value is the step's decision on the timeline (a custom property set in Modeler). */
    public boolean isDecision() {
        return "true".equals(properties.get("decision"));
    }

    public String subtype() {
        return raw.path("subtype").asText("date");
    }

    public Integer decimalDigits() {
        return raw.hasNonNull("decimalDigits") ? raw.get("decimalDigits").asInt() : null;
    }
}
