package io.gridloop.forms;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.springframework.stereotype.Component;

/**
 * Checks a submission against its Camunda Form on the server, whatever the browser (or a hand-made JSON request) let
 * through: each value's type as form-js submits it (text, a finite number, a boolean, an ISO date or time), required,
 * lengths, patterns, e-mail and phone, number bounds, choices from the form's options. A number is passed on as a
 * number, also when it came as a string. Hidden fields are neither checked nor submitted, as in form-js.
 */
@Component
public class FormValidator {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern PHONE = Pattern.compile("^\\+?[0-9()\\- ]{5,20}$");

    /** A refusal of one field; the message key is translated for the user. */
    public record FieldError(String field, String messageKey, Object... args) {}

    /** What is to be submitted (visible input fields only) and what is wrong with it. */
    public record Result(Map<String, Object> values, Map<String, Integer> fileCounts, List<FieldError> errors) {
        public boolean isValid() {
            return errors.isEmpty();
        }
    }

    private final FormExpressions expressions;

    public FormValidator(FormExpressions expressions) {
        this.expressions = expressions;
    }

    /**
     * @param input      the values entered, by key
     * @param data       the task's variables and option lists, against which conditions and choices are read
     * @param fileCounts how many files each filepicker got, by key
     */
    public Result validate(FormSchema form, Map<String, Object> input, Map<String, Object> data, Map<String, Integer> fileCounts) {
        Map<String, Object> context = new HashMap<>(data);
        context.putAll(input);
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Integer> files = new LinkedHashMap<>();
        List<FieldError> errors = new ArrayList<>();
        check(form.components(), input, context, data, fileCounts, out, files, errors);
        return new Result(out, files, errors);
    }

    private void check(List<FormField> fields, Map<String, Object> input, Map<String, Object> context, Map<String, Object> data,
                       Map<String, Integer> fileCounts, Map<String, Object> out, Map<String, Integer> files, List<FieldError> errors) {
        for (FormField f : fields) {
            if (expressions.isHidden(f, context)) {
                continue;
            }
            if ("dynamiclist".equals(f.type())) {
                checkList(f, input.get(f.key()), data, out, errors);
                continue;
            }
            if (!f.components().isEmpty()) {
                check(f.components(), input, context, data, fileCounts, out, files, errors);
            }
            if (!f.isInput() || f.disabled()) {
                continue;
            }
            if ("filepicker".equals(f.type())) {
                int n = fileCounts.getOrDefault(f.key(), 0);
                if (f.required() && n == 0) {
                    errors.add(new FieldError(f.key(), "form.required", label(f)));
                }
                files.put(f.key(), n);
                continue;
            }
            if ("expression".equals(f.type())) {
                String expr = f.raw().path("expression").asText(null);
                if (expr != null) {
                    out.put(f.key(), expressions.evaluate(expr, context));
                }
                continue;
            }
            Object value = input.get(f.key());
            if (isEmpty(value)) {
                if (f.required()) {
                    errors.add(new FieldError(f.key(), "form.required", label(f)));
                }
                if ("checkbox".equals(f.type())) {
                    out.put(f.key(), Boolean.FALSE);
                } else if (f.isMultiValued()) {
                    out.put(f.key(), List.of());
                }
                continue;
            }
            if ("number".equals(f.type())) {
                Object number = number(value);
                FieldError error = number == null ? new FieldError(f.key(), "form.number", label(f)) : checkNumber(f, (Number) number);
                if (error != null) {
                    errors.add(error);
                } else {
                    // form-js's "serialize to string" option keeps big decimals exact as text; otherwise a number
                    out.put(f.key(), f.raw().path("serializeToString").asBoolean(false) ? number.toString() : number);
                }
                continue;
            }
            FieldError error = switch (f.type()) {
                case "textfield", "textarea" -> value instanceof String || value instanceof Number
                        ? checkText(f, value.toString()) : new FieldError(f.key(), "form.invalid", label(f));
                // choices computed by an expression read the other values too (no co-department that is the lead)
                case "radio", "select" -> checkChoice(f, value, f.valuesExpression() != null ? context : data);
                case "checklist", "taglist" -> checkChoices(f, value, f.valuesExpression() != null ? context : data);
                case "checkbox" -> value instanceof Boolean ? null : new FieldError(f.key(), "form.invalid", label(f));
                case "datetime" -> checkDateTime(f, value);
                default -> null;
            };
            if (error != null) {
                errors.add(error);
            } else {
                out.put(f.key(), isText(f) && value instanceof Number n ? n.toString() : value);
            }
        }
    }

    /** Each item of a dynamic list is checked as a small form of its own; errors name the item: {@code items[2].name}. */
    @SuppressWarnings("unchecked")
    private void checkList(FormField f, Object value, Map<String, Object> data, Map<String, Object> out, List<FieldError> errors) {
        List<Map<String, Object>> items = new java.util.ArrayList<>();
        if (value instanceof Collection<?> c) {
            int i = 0;
            for (Object o : c) {
                Map<String, Object> item = o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
                Result r = validate(new FormSchema(null, f.components()), item, data, Map.of());
                for (FieldError e : r.errors()) {
                    errors.add(new FieldError(f.key() + "[" + i + "]." + e.field(), e.messageKey(), e.args()));
                }
                items.add(r.values());
                i++;
            }
        }
        out.put(f.key(), items);
    }

    private static boolean isEmpty(Object v) {
        return v == null || (v instanceof String s && s.isBlank()) || (v instanceof Collection<?> c && c.isEmpty());
    }

    private static FormTexts.Label label(FormField f) {
        return FormTexts.Label.of(f);
    }

    private static FieldError checkText(FormField f, String s) {
        if (f.minLength() != null && s.length() < f.minLength()) {
            return new FieldError(f.key(), "form.minLength", label(f), f.minLength());
        }
        if (f.maxLength() != null && s.length() > f.maxLength()) {
            return new FieldError(f.key(), "form.maxLength", label(f), f.maxLength());
        }
        if (f.pattern() != null && !f.pattern().isBlank()) {
            try {
                if (!Pattern.compile(f.pattern()).matcher(s).matches()) {
                    return new FieldError(f.key(), "form.pattern", label(f));
                }
            } catch (PatternSyntaxException e) {
                return new FieldError(f.key(), "form.pattern", label(f));
            }
        }
        if ("email".equals(f.validationType()) && !EMAIL.matcher(s).matches()) {
            return new FieldError(f.key(), "form.email", label(f));
        }
        if ("phone".equals(f.validationType()) && !PHONE.matcher(s).matches()) {
            return new FieldError(f.key(), "form.phone", label(f));
        }
        return null;
    }

    private static boolean isText(FormField f) {
        return "textfield".equals(f.type()) || "textarea".equals(f.type());
    }

    /**
     * The value as a finite number (a whole number as a Long, as form-js and the form view submit it), or null when it is
     * none: a boolean, "NaN", "Infinity", a list, a number wider than a double.
     */
    static Number number(Object value) {
        BigDecimal d;
        try {
            if (value instanceof Double || value instanceof Float) {
                double x = ((Number) value).doubleValue();
                if (!Double.isFinite(x)) {
                    return null;
                }
                d = BigDecimal.valueOf(x);
            } else if (value instanceof Number n) {
                d = new BigDecimal(n.toString());
            } else if (value instanceof String s) {
                // BigDecimal takes neither NaN nor Infinity nor hex, unlike Double.parseDouble
                d = new BigDecimal(s.strip());
            } else {
                return null;
            }
        } catch (NumberFormatException e) {
            return null;
        }
        if (!Double.isFinite(d.doubleValue())) {
            return null;
        }
        if (d.signum() == 0 || d.stripTrailingZeros().scale() <= 0) {
            try {
                return d.longValueExact();
            } catch (ArithmeticException tooLarge) {
                return d.doubleValue();
            }
        }
        return d.doubleValue();
    }

    private static FieldError checkNumber(FormField f, Number value) {
        double d = value.doubleValue();
        if (f.decimalDigits() != null && f.decimalDigits() == 0 && value instanceof Double) {
            return new FieldError(f.key(), "form.number", label(f));
        }
        if (f.min() != null && d < f.min()) {
            return new FieldError(f.key(), "form.min", label(f), format(f.min()));
        }
        if (f.max() != null && d > f.max()) {
            return new FieldError(f.key(), "form.max", label(f), format(f.max()));
        }
        return null;
    }

    /** form-js submits ISO text: a date (2026-10-08), a time (09:30, maybe with an offset), or a date and time. */
    private static FieldError checkDateTime(FormField f, Object value) {
        if (!(value instanceof String s)) {
            return new FieldError(f.key(), "form.date", label(f));
        }
        String t = s.strip();
        boolean ok = switch (f.subtype()) {
            case "time" -> parses(() -> LocalTime.parse(t)) || parses(() -> OffsetTime.parse(t));
            case "datetime" -> parses(() -> LocalDateTime.parse(t)) || parses(() -> OffsetDateTime.parse(t)) || parses(() -> Instant.parse(t));
            default -> parses(() -> LocalDate.parse(t));
        };
        return ok ? null : new FieldError(f.key(), "form.date", label(f));
    }

    private static boolean parses(Runnable parse) {
        try {
            parse.run();
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static String format(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    private FieldError checkChoice(FormField f, Object value, Map<String, Object> data) {
        if (value instanceof Map<?, ?> || value instanceof Collection<?>) {
            return new FieldError(f.key(), "form.choice", label(f));
        }
        return allowed(f, data).stream().anyMatch(o -> same(o.value(), value)) ? null : new FieldError(f.key(), "form.choice", label(f));
    }

    private FieldError checkChoices(FormField f, Object value, Map<String, Object> data) {
        if (!(value instanceof Collection<?> values)) {
            return new FieldError(f.key(), "form.choice", label(f));
        }
        List<FormField.Option> allowed = allowed(f, data);
        for (Object v : values) {
            if (allowed.stream().noneMatch(o -> same(o.value(), v))) {
                return new FieldError(f.key(), "form.choice", label(f));
            }
        }
        return null;
    }

    private static boolean same(Object a, Object b) {
        return Objects.equals(a, b) || (a != null && b != null && a.toString().equals(b.toString()));
    }

    /** The field's choices: static values, or the list the task data holds under its valuesKey. */
    public List<FormField.Option> allowed(FormField f, Map<String, Object> data) {
        if (f.valuesKey() != null) {
            return options(data.get(f.valuesKey()));
        }
        if (f.valuesExpression() != null) {
            return options(expressions.evaluate(f.valuesExpression(), data));
        }
        return f.options();
    }

    @SuppressWarnings("unchecked")
    static List<FormField.Option> options(Object source) {
        List<FormField.Option> out = new ArrayList<>();
        if (source instanceof Collection<?> c) {
            for (Object o : c) {
                if (o instanceof Map<?, ?> m) {
                    Object value = m.get("value");
                    if (value == null || value instanceof String v && v.isBlank()) {
                        continue; // nothing to choose (an empty entry of a list an expression built)
                    }
                    Object label = m.get("label") != null ? m.get("label") : value;
                    Object labelEn = m.get("labelEn");
                    out.add(new FormField.Option(String.valueOf(label), value, labelEn == null ? null : labelEn.toString()));
                } else if (o != null) {
                    out.add(new FormField.Option(o.toString(), o));
                }
            }
        }
        return out;
    }
}
