package io.gridloop.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the JSON of a {@code .form} file into a {@link FormSchema}. */
public final class FormSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FormSchemas() {}

    public static FormSchema parse(InputStream in) throws IOException {
        return parse(JSON.readTree(in));
    }

    public static FormSchema parse(String json) throws IOException {
        return parse(JSON.readTree(json));
    }

    public static FormSchema parse(JsonNode root) {
        if (!root.path("components").isArray()) {
            throw new IllegalArgumentException("not a Camunda Form: no components");
        }
        return new FormSchema(root.path("id").asText(null), fields(root.path("components")));
    }

    private static List<FormField> fields(JsonNode components) {
        List<FormField> out = new ArrayList<>();
        for (JsonNode c : components) {
            out.add(field(c));
        }
        return out;
    }

    private static FormField field(JsonNode c) {
        JsonNode validate = c.path("validate");
        List<FormField.Option> options = new ArrayList<>();
        for (JsonNode v : c.path("values")) {
            options.add(new FormField.Option(v.path("label").asText(), scalar(v.path("value"))));
        }
        Map<String, String> properties = new LinkedHashMap<>();
        c.path("properties").fields().forEachRemaining(e -> properties.put(e.getKey(), e.getValue().asText()));
        String text = c.hasNonNull("text") ? c.get("text").asText() : c.hasNonNull("content") ? c.get("content").asText() : null;
        return new FormField(
                c.path("id").asText(null),
                c.path("type").asText(""),
                c.hasNonNull("key") ? c.get("key").asText()
                        : "dynamiclist".equals(c.path("type").asText()) && c.hasNonNull("path") ? c.get("path").asText() : null,
                c.hasNonNull("label") ? c.get("label").asText() : null,
                c.hasNonNull("description") ? c.get("description").asText() : null,
                c.has("defaultValue") ? scalar(c.get("defaultValue")) : null,
                validate.path("required").asBoolean(false),
                validate.hasNonNull("minLength") ? validate.get("minLength").asInt() : null,
                validate.hasNonNull("maxLength") ? validate.get("maxLength").asInt() : null,
                validate.hasNonNull("min") ? validate.get("min").asDouble() : null,
                validate.hasNonNull("max") ? validate.get("max").asDouble() : null,
                validate.hasNonNull("pattern") ? validate.get("pattern").asText() : null,
                validate.hasNonNull("validationType") ? validate.get("validationType").asText() : null,
                c.path("readonly").asBoolean(false) || "true".equals(c.path("readonly").asText()),
                c.path("disabled").asBoolean(false),
                c.path("conditional").hasNonNull("hide") ? c.path("conditional").get("hide").asText() : null,
                options,
                c.hasNonNull("valuesKey") ? c.get("valuesKey").asText() : null,
                c.hasNonNull("valuesExpression") ? c.get("valuesExpression").asText() : null,
                text,
                c.path("layout").hasNonNull("row") ? c.path("layout").get("row").asText() : null,
                c.path("layout").hasNonNull("columns") ? c.path("layout").get("columns").asInt() : null,
                properties,
                c.has("components") ? fields(c.get("components")) : List.of(),
                c);
    }

    static Object scalar(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return null;
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isIntegralNumber()) {
            return v.asLong();
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (v.isArray()) {
            List<Object> list = new ArrayList<>();
            v.forEach(e -> list.add(scalar(e)));
            return list;
        }
        return v.asText();
    }
}
