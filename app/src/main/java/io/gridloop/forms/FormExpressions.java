package io.gridloop.forms;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngineFactory;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * FEEL as form-js uses it: {@code =expr} for conditions and computed values, {@code {{expr}}} in text templates.
 * Evaluated with Camunda's own FEEL engine, so forms behave as they do in Modeler's preview.
 */
@Component
public class FormExpressions {

    private static final Pattern TEMPLATE = Pattern.compile("\\{\\{\\s*(.+?)\\s*}}");

    private final FeelEngine feel = new ScalaFeelEngineFactory().createInstance();

    /** True when the field's {@code conditional.hide} holds for these values. */
    public boolean isHidden(FormField field, Map<String, Object> values) {
        if (field.hide() == null || field.hide().isBlank()) {
            return false;
        }
        return Boolean.TRUE.equals(evaluate(field.hide(), values));
    }

    public Object evaluate(String expression, Map<String, Object> values) {
        String expr = expression.strip();
        if (expr.startsWith("=")) {
            expr = expr.substring(1);
        }
        try {
            return feel.evaluateSimpleExpression(expr, Variables.fromMap(values).asVariableContext());
        } catch (RuntimeException e) {
            // a broken expression hides nothing and computes nothing, as in form-js
            return null;
        }
    }

    /** Replaces {@code {{expr}}} in a text with the expressions' values. */
    public String template(String text, Map<String, Object> values) {
        if (text == null) {
            return "";
        }
        String body = text.startsWith("=") ? String.valueOf(evaluate(text, values)) : text;
        Matcher m = TEMPLATE.matcher(body);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object v = evaluate(m.group(1), values);
            m.appendReplacement(out, Matcher.quoteReplacement(v == null ? "" : String.valueOf(v)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
