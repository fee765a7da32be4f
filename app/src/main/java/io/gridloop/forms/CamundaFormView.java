package io.gridloop.forms;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A Camunda Form rendered with Vaadin's own components: every form-js field type Modeler offers, its layout rows and
 * columns, labels, descriptions, defaults, conditions ({@code conditional.hide}, re-evaluated as values change) and
 * validation hints, in the official's language ({@link FormTexts}). The server checks the submission again
 * ({@link FormValidator}); this view only collects values. Each field family builds its own components
 * ({@link TextInputs}, {@link NumberInputs}, {@link DateInputs}, {@link CheckboxInputs}, {@link ChoiceInputs},
 * {@link UploadInputs}, {@link DisplayComponents}); {@link FormState} holds what was entered; this class lays them out.
 */
public class CamundaFormView extends Div {

    /** A file chosen in a filepicker, held until the form is submitted. */
    public record PickedUpload(String fileName, byte[] content) {}

    private final FormSchema schema;
    private final FormState state;
    private final FieldContext ctx;

    public CamundaFormView(FormSchema schema, Map<String, Object> data, FormExpressions expressions, FormValidator validator) {
        this(schema, data, expressions, validator, Integer.MAX_VALUE);
    }

    /** A form whose filepickers refuse files larger than {@code maxFileBytes} (the limit the service that stores them sets). */
    public CamundaFormView(FormSchema schema, Map<String, Object> data, FormExpressions expressions, FormValidator validator,
                           long maxFileBytes) {
        this.schema = schema;
        this.state = new FormState(data, expressions);
        this.ctx = new FieldContext(state, new FormTexts(schema.id(), getLocale()), getLocale(), data, expressions, validator,
                maxFileBytes);
        addClassName("gl-form");
        setWidthFull();
        for (Component c : render(schema.components())) {
            add(c);
        }
        state.refresh();
    }

    /** What a form-js submit button does here. */
    public void onSubmit(Runnable action) {
        state.onSubmit(action);
    }

    public FormSchema schema() {
        return schema;
    }

    /** The values of the visible input fields, by key. */
    public Map<String, Object> values() {
        return state.values();
    }

    public Map<String, List<PickedUpload>> files() {
        return state.files();
    }

    /** Keeps what the official entered on screen, read-only: the form can no longer be sent. */
    public void readOnly() {
        state.readOnly();
    }

    /** Why files the official chose were refused (empty when none was): the form is not sent until that is settled. */
    public List<String> refusedFiles() {
        return state.refusedFiles();
    }

    /** Shows the server's refusals on their fields; returns the messages of refusals that belong to no visible field. */
    public List<String> showErrors(List<FormValidator.FieldError> errors, Function<FormValidator.FieldError, String> text) {
        return state.showErrors(errors, text);
    }

    /** The component bound to a key, for tests and for focusing. */
    public Component field(String key) {
        return state.component(key);
    }

    private List<Component> render(List<FormField> fields) {
        List<Component> out = new ArrayList<>();
        for (List<FormField> row : FormSchema.rows(fields)) {
            if (row.size() == 1 && row.get(0).layoutColumns() == null) {
                out.add(wrap(row.get(0)));
            } else {
                Div line = new Div();
                line.addClassName("gl-form-row");
                for (FormField f : row) {
                    Component c = wrap(f);
                    int cols = f.layoutColumns() == null ? 16 / row.size() : f.layoutColumns();
                    c.getElement().getStyle().set("flex", cols + " 1 0");
                    line.add(c);
                }
                out.add(line);
            }
        }
        return out;
    }

    private Component wrap(FormField f) {
        Component c = component(f);
        c.getElement().setAttribute("data-field-type", f.type());
        if (f.hasKey()) {
            c.getElement().setAttribute("data-field-key", f.key());
        }
        if (f.hide() != null) {
            state.conditional(f, c);
        }
        return c;
    }

    private Component component(FormField f) {
        return switch (f.type()) {
            case "textfield" -> TextInputs.textField(ctx, f);
            case "textarea" -> TextInputs.textArea(ctx, f);
            case "number" -> NumberInputs.number(ctx, f);
            case "datetime" -> DateInputs.dateTime(ctx, f);
            case "checkbox" -> CheckboxInputs.checkbox(ctx, f);
            case "checklist" -> ChoiceInputs.checklist(ctx, f);
            case "radio" -> ChoiceInputs.radio(ctx, f);
            case "select" -> ChoiceInputs.select(ctx, f);
            case "taglist" -> ChoiceInputs.taglist(ctx, f);
            case "text" -> DisplayComponents.text(ctx, f, true);
            case "html" -> DisplayComponents.text(ctx, f, false);
            case "image" -> DisplayComponents.image(ctx, f);
            case "separator" -> DisplayComponents.separator();
            case "spacer" -> DisplayComponents.spacer(f);
            case "group" -> group(f);
            case "dynamiclist" -> dynamicList(f);
            case "iframe" -> DisplayComponents.iframe(ctx, f);
            case "table" -> DisplayComponents.table(ctx, f);
            case "filepicker" -> UploadInputs.filepicker(ctx, f);
            case "expression" -> DisplayComponents.expression();
            case "button" -> DisplayComponents.button(ctx, f);
            default -> DisplayComponents.unsupported(ctx, f);
        };
    }

    private Component group(FormField f) {
        Div box = new Div();
        box.addClassName("gl-form-group");
        String label = ctx.texts().label(f);
        if (label != null) {
            box.add(new H4(label));
        }
        render(f.components()).forEach(box::add);
        return box;
    }

    /** A repeating group: each item is a nested form; the value is the list of the items' values. */
    private Component dynamicList(FormField f) {
        String path = f.raw().path("path").asText(f.key());
        Div box = new Div();
        box.addClassName("gl-form-group");
        String label = ctx.texts().label(f);
        if (label != null) {
            box.add(new H4(label));
        }
        Div items = new Div();
        List<CamundaFormView> forms = new ArrayList<>();
        FormSchema itemSchema = new FormSchema(schema.id(), f.components());
        boolean addRemove = f.raw().path("allowAddRemove").asBoolean(true);
        Consumer<Map<String, Object>> addItem = values -> {
            Map<String, Object> itemData = new HashMap<>(ctx.data());
            itemData.putAll(values);
            CamundaFormView item = new CamundaFormView(itemSchema, itemData, ctx.expressions(), ctx.validator(), ctx.maxFileBytes());
            forms.add(item);
            state.addNested(item);
            Div row = new Div(item);
            if (addRemove) {
                row.add(new Button(ctx.translate("form.removeItem"), e -> {
                    forms.remove(item);
                    state.removeNested(item);
                    items.remove(row);
                }));
            }
            items.add(row);
        };
        Object initial = path == null ? null : ctx.data().get(path);
        if (initial instanceof Collection<?> list && !list.isEmpty()) {
            for (Object o : list) {
                @SuppressWarnings("unchecked")
                Map<String, Object> m = o instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
                addItem.accept(m);
            }
        } else {
            for (int i = 0; i < f.raw().path("defaultRepetitions").asInt(1); i++) {
                addItem.accept(Map.of());
            }
        }
        box.add(items);
        if (addRemove) {
            box.add(new Button(ctx.translate("form.addItem"), e -> addItem.accept(Map.of())));
        }
        if (path != null) {
            Span error = new Span();
            error.addClassName("gl-field-error");
            box.add(error);
            state.bind(path, f, box, () -> forms.stream().map(CamundaFormView::values).toList(),
                    msg -> error.setText(msg == null ? "" : msg));
        }
        return box;
    }
}
