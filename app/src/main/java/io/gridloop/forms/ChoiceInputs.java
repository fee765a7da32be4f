package io.gridloop.forms;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * form-js choices: {@code radio} and {@code select} (one value), {@code checklist} and {@code taglist} (several). The
 * options are the form's own or the task data's list under {@code valuesKey}; each is labelled in the official's
 * language, and the value submitted is the option's value.
 */
final class ChoiceInputs {

    private ChoiceInputs() {}

    static Component radio(FieldContext ctx, FormField f) {
        List<FormField.Option> options = ctx.options(f);
        RadioButtonGroup<FormField.Option> g = new RadioButtonGroup<>();
        g.setItems(options);
        g.setItemLabelGenerator(o -> ctx.optionLabel(f, o));
        ctx.common(f, g);
        g.setValue(find(options, ctx.initial(f)));
        ctx.state().bind(f, g, () -> g.getValue() == null ? null : g.getValue().value(), FieldContext.errors(g));
        return g;
    }

    static Component select(FieldContext ctx, FormField f) {
        List<FormField.Option> options = ctx.options(f);
        if (f.raw().path("searchable").asBoolean(false) || options.size() > 8) {
            ComboBox<FormField.Option> c = new ComboBox<>();
            c.setItems(options);
            c.setItemLabelGenerator(o -> ctx.optionLabel(f, o));
            ctx.common(f, c);
            c.setValue(find(options, ctx.initial(f)));
            ctx.state().bind(f, c, () -> c.getValue() == null ? null : c.getValue().value(), FieldContext.errors(c));
            return c;
        }
        Select<FormField.Option> s = new Select<>();
        s.setItems(options);
        s.setItemLabelGenerator(o -> o == null ? "" : ctx.optionLabel(f, o));
        s.setEmptySelectionAllowed(!f.required());
        ctx.common(f, s);
        s.setValue(find(options, ctx.initial(f)));
        ctx.state().bind(f, s, () -> s.getValue() == null ? null : s.getValue().value(), FieldContext.errors(s));
        return s;
    }

    static Component checklist(FieldContext ctx, FormField f) {
        List<FormField.Option> options = ctx.options(f);
        CheckboxGroup<FormField.Option> g = new CheckboxGroup<>();
        g.setItems(options);
        g.setItemLabelGenerator(o -> ctx.optionLabel(f, o));
        ctx.common(f, g);
        g.setValue(findAll(options, ctx.initial(f)));
        ctx.state().bind(f, g, () -> g.getValue().stream().map(FormField.Option::value).toList(), FieldContext.errors(g));
        return g;
    }

    static Component taglist(FieldContext ctx, FormField f) {
        List<FormField.Option> options = ctx.options(f);
        MultiSelectComboBox<FormField.Option> m = new MultiSelectComboBox<>();
        m.setItems(options);
        m.setItemLabelGenerator(o -> ctx.optionLabel(f, o));
        ctx.common(f, m);
        m.setValue(findAll(options, ctx.initial(f)));
        ctx.state().bind(f, m, () -> m.getValue().stream().map(FormField.Option::value).toList(), FieldContext.errors(m));
        followExpression(ctx, f, options, fresh -> {
            Set<Object> kept = new LinkedHashSet<>(m.getValue().stream().map(FormField.Option::value).toList());
            m.setItems(fresh);
            m.setValue(findAll(fresh, List.copyOf(kept)));
        });
        return m;
    }

    /** Choices computed by a {@code valuesExpression}: offered anew when the values they read change. */
    @SuppressWarnings("unchecked")
    private static void followExpression(FieldContext ctx, FormField f, List<FormField.Option> first,
                                         java.util.function.Consumer<List<FormField.Option>> offer) {
        if (f.valuesExpression() == null) {
            return;
        }
        List<FormField.Option>[] shown = new List[] {first};
        ctx.state().template(() -> {
            List<FormField.Option> fresh = ctx.options(f);
            if (!fresh.equals(shown[0])) {
                shown[0] = fresh;
                offer.accept(fresh);
            }
        });
    }

    private static FormField.Option find(List<FormField.Option> options, Object value) {
        if (value == null) {
            return null;
        }
        return options.stream().filter(o -> String.valueOf(o.value()).equals(String.valueOf(value))).findFirst().orElse(null);
    }

    private static Set<FormField.Option> findAll(List<FormField.Option> options, Object values) {
        Set<FormField.Option> out = new LinkedHashSet<>();
        if (values instanceof Collection<?> c) {
            c.forEach(v -> {
                FormField.Option o = find(options, v);
                if (o != null) {
                    out.add(o);
                }
            });
        }
        return out;
    }
}
