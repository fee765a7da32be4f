package io.gridloop.forms;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;

/** form-js {@code checkbox}: one yes/no, false when left empty. */
final class CheckboxInputs {

    private CheckboxInputs() {}

    static Component checkbox(FieldContext ctx, FormField f) {
        String label = ctx.texts().label(f);
        Checkbox c = new Checkbox(label == null ? "" : label);
        ctx.common(f, c);
        Object v = ctx.initial(f);
        c.setValue(Boolean.TRUE.equals(v) || "true".equals(String.valueOf(v)));
        Span error = new Span();
        error.addClassName("gl-field-error");
        Div box = new Div(c, error);
        ctx.state().bind(f, c, c::getValue, msg -> error.setText(msg == null ? "" : msg));
        return box;
    }
}
