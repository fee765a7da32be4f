package io.gridloop.forms;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasEnabled;
import com.vaadin.flow.component.HasHelper;
import com.vaadin.flow.component.HasLabel;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.HasValue;
import io.gridloop.ui.Translations;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/** What every field family needs while it builds a component: the form's state, its words, the task's data and checks. */
record FieldContext(FormState state, FormTexts texts, Locale locale, Map<String, Object> data, FormExpressions expressions,
                    FormValidator validator, long maxFileBytes) {

    /**
     * The value a field starts with: the task's variable of its key; else the variable a {@code prefillFrom} custom
     * property names (set in Modeler: the days granted start as the days requested); else the form's default.
     */
    Object initial(FormField f) {
        if (f.hasKey() && data.containsKey(f.key()) && data.get(f.key()) != null) {
            return data.get(f.key());
        }
        String from = f.properties().get(PREFILL_FROM);
        if (from != null && data.get(from) != null) {
            return data.get(from);
        }
        return f.defaultValue();
    }

    /** A custom property of a field: the variable whose value the field starts with. */
    static final String PREFILL_FROM = "prefillFrom";

    /** Label, help, required, read-only, disabled, width and id, as the form file says; conditions follow its changes. */
    <C extends Component & HasValue<?, ?>> void common(FormField f, C c) {
        String label = texts.label(f);
        if (c instanceof HasLabel l && label != null) {
            l.setLabel(label);
        }
        String description = texts.description(f);
        if (c instanceof HasHelper h && description != null) {
            h.setHelperText(description);
        }
        c.setRequiredIndicatorVisible(f.required());
        c.setReadOnly(f.readonly());
        if (c instanceof HasEnabled e && f.disabled()) {
            e.setEnabled(false);
        }
        if (c instanceof HasSize s) {
            s.setWidthFull();
        }
        if (f.id() != null) {
            c.setId(f.id());
        }
        c.addValueChangeListener(e -> state.refresh());
    }

    /**
     * The field's choices (static, or from the task's data), each to be labelled by {@link #optionLabel}. A
     * {@code valuesExpression} reads the values entered so far too (the co-departments leave out the lead chosen above).
     */
    List<FormField.Option> options(FormField f) {
        return validator.allowed(f, f.valuesExpression() != null ? state.context() : data);
    }

    String optionLabel(FormField f, FormField.Option o) {
        return texts.option(f, o);
    }

    String translate(String key, Object... args) {
        return Translations.translate(key, locale, args);
    }

    static <C extends HasValidation> Consumer<String> errors(C c) {
        return msg -> {
            c.setErrorMessage(msg);
            c.setInvalid(msg != null);
        };
    }
}
