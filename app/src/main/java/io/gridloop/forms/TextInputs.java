package io.gridloop.forms;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;

/** form-js {@code textfield} and {@code textarea}: free text with its lengths, pattern and adorners. */
final class TextInputs {

    private TextInputs() {}

    static Component textField(FieldContext ctx, FormField f) {
        TextField t = new TextField();
        ctx.common(f, t);
        if (f.maxLength() != null) {
            t.setMaxLength(f.maxLength());
        }
        if (f.minLength() != null) {
            t.setMinLength(f.minLength());
        }
        if (f.pattern() != null) {
            t.setPattern(f.pattern());
        }
        String prefix = f.raw().path("appearance").path("prefixAdorner").asText(null);
        String suffix = f.raw().path("appearance").path("suffixAdorner").asText(null);
        if (prefix != null) {
            t.setPrefixComponent(new Span(prefix));
        }
        if (suffix != null) {
            t.setSuffixComponent(new Span(suffix));
        }
        Object v = ctx.initial(f);
        if (v != null) {
            t.setValue(v.toString());
        }
        ctx.state().bind(f, t, () -> t.getValue().isBlank() ? null : t.getValue(), FieldContext.errors(t));
        return t;
    }

    static Component textArea(FieldContext ctx, FormField f) {
        TextArea t = new TextArea();
        ctx.common(f, t);
        if (f.maxLength() != null) {
            t.setMaxLength(f.maxLength());
        }
        t.setMinHeight("6em");
        Object v = ctx.initial(f);
        if (v != null) {
            t.setValue(v.toString());
        }
        ctx.state().bind(f, t, () -> t.getValue().isBlank() ? null : t.getValue(), FieldContext.errors(t));
        return t;
    }
}
