package io.gridloop.forms;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.textfield.NumberField;

/** form-js {@code number}: bounds, step, and whole numbers submitted as integers. */
final class NumberInputs {

    private NumberInputs() {}

    static Component number(FieldContext ctx, FormField f) {
        NumberField n = new NumberField();
        ctx.common(f, n);
        if (f.min() != null) {
            n.setMin(f.min());
        }
        if (f.max() != null) {
            n.setMax(f.max());
        }
        String increment = f.raw().path("increment").asText(null);
        if (increment != null && !increment.isBlank()) {
            n.setStep(Double.parseDouble(increment));
            n.setStepButtonsVisible(true);
        }
        Object v = ctx.initial(f);
        if (v instanceof Number num) {
            n.setValue(num.doubleValue());
        } else if (v != null) {
            try {
                n.setValue(Double.parseDouble(v.toString()));
            } catch (NumberFormatException ignored) {
                // a default that is no number leaves the field empty
            }
        }
        Integer digits = f.decimalDigits();
        ctx.state().bind(f, n, () -> {
            Double d = n.getValue();
            if (d == null) {
                return null;
            }
            // whole numbers go to the engine as integers, as form-js submits them
            return (digits == null || digits == 0) && d == Math.rint(d) ? (Object) d.longValue() : d;
        }, FieldContext.errors(n));
        return n;
    }
}
