package io.gridloop.forms;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValue;
import io.gridloop.ui.RefusedUploads;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What a rendered form holds while the official fills it in: the input bound to each key, the conditions and templates
 * to re-evaluate as values change, the files chosen and refused, and what submitting does. The field families
 * ({@link TextInputs}, {@link ChoiceInputs} …) build components and register them here; {@link CamundaFormView} reads
 * the values back for the submission.
 */
final class FormState {

    /** An input: its field, its component, how to read its value and where to show a refusal. */
    record Binding(FormField field, Component component, Supplier<Object> value, Consumer<String> error) {}

    private final Map<String, Object> data;
    private final FormExpressions expressions;
    private final Map<String, Binding> bindings = new LinkedHashMap<>();
    private final Map<FormField, Component> conditional = new LinkedHashMap<>();
    private final Map<String, List<CamundaFormView.PickedUpload>> files = new LinkedHashMap<>();
    private final List<Runnable> templates = new ArrayList<>();
    private final List<RefusedUploads> refused = new ArrayList<>();
    private final List<CamundaFormView> nested = new ArrayList<>();
    private Runnable submitAction = () -> { };

    FormState(Map<String, Object> data, FormExpressions expressions) {
        this.data = data;
        this.expressions = expressions;
    }

    void bind(FormField f, Component c, Supplier<Object> value, Consumer<String> error) {
        if (f.hasKey()) {
            bindings.put(f.key(), new Binding(f, c, value, error));
        }
    }

    /** A binding under a key of its own (a dynamic list's path, a filepicker's key). */
    void bind(String key, FormField f, Component c, Supplier<Object> value, Consumer<String> error) {
        bindings.put(key, new Binding(f, c, value, error));
    }

    void conditional(FormField f, Component c) {
        conditional.put(f, c);
    }

    void template(Runnable render) {
        templates.add(render);
    }

    List<CamundaFormView.PickedUpload> filesOf(String key) {
        return files.computeIfAbsent(key, k -> new ArrayList<>());
    }

    void refusals(RefusedUploads r) {
        refused.add(r);
    }

    void addNested(CamundaFormView item) {
        nested.add(item);
    }

    void removeNested(CamundaFormView item) {
        nested.remove(item);
    }

    void onSubmit(Runnable action) {
        this.submitAction = action;
    }

    void submit() {
        submitAction.run();
    }

    Map<String, List<CamundaFormView.PickedUpload>> files() {
        return files;
    }

    Component component(String key) {
        Binding b = bindings.get(key);
        return b == null ? null : b.component();
    }

    /** The task's data with what the official entered so far: what conditions and templates read. */
    Map<String, Object> context() {
        Map<String, Object> context = new HashMap<>(data);
        bindings.forEach((k, b) -> context.put(k, b.value().get()));
        return context;
    }

    private boolean isShown(FormField f, Map<String, Object> context) {
        return !expressions.isHidden(f, context);
    }

    /** Re-evaluates conditions and templates after a value changed. */
    void refresh() {
        Map<String, Object> context = context();
        conditional.forEach((f, c) -> c.setVisible(isShown(f, context)));
        templates.forEach(Runnable::run);
    }

    /** The values of the visible input fields, by key. */
    Map<String, Object> values() {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> context = context();
        bindings.forEach((key, b) -> {
            if (isShown(b.field(), context)) {
                out.put(key, b.value().get());
            }
        });
        return out;
    }

    /** Clears every input (a form-js reset button). */
    void reset() {
        bindings.values().forEach(binding -> {
            if (binding.component() instanceof HasValue<?, ?> hv) {
                hv.clear();
            }
        });
    }

    void readOnly() {
        bindings.values().forEach(b -> {
            if (b.component() instanceof HasValue<?, ?> field) {
                field.setReadOnly(true);
            } else {
                b.component().getElement().setEnabled(false);
            }
        });
        nested.forEach(CamundaFormView::readOnly);
    }

    List<String> refusedFiles() {
        List<String> out = new ArrayList<>();
        refused.stream().filter(r -> !r.isClear()).forEach(r -> out.add(r.message()));
        nested.forEach(f -> out.addAll(f.refusedFiles()));
        return out;
    }

    List<String> showErrors(List<FormValidator.FieldError> errors, Function<FormValidator.FieldError, String> text) {
        bindings.values().forEach(b -> b.error().accept(null));
        List<String> unplaced = new ArrayList<>();
        for (FormValidator.FieldError e : errors) {
            Binding b = bindings.get(e.field());
            if (b != null) {
                b.error().accept(text.apply(e));
            } else {
                unplaced.add(text.apply(e));
            }
        }
        return unplaced;
    }
}
