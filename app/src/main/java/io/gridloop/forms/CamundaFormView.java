package io.gridloop.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.vaadin.flow.component.AbstractField;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Hr;
import com.vaadin.flow.component.html.IFrame;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.timepicker.TimePicker;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.server.streams.UploadHandler;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A Camunda Form rendered with Vaadin's own components: every form-js field type Modeler offers, its layout rows and
 * columns, labels, descriptions, defaults, conditions ({@code conditional.hide}, re-evaluated as values change) and
 * validation hints. The server checks the submission again ({@link FormValidator}); this view only collects values.
 */
public class CamundaFormView extends Div {

    /** A file chosen in a filepicker, held until the form is submitted. */
    public record PickedFile(String fileName, byte[] content) {}

    private record Binding(FormField field, Component component, Supplier<Object> value, Consumer<String> error) {}

    private final FormSchema schema;
    private final Map<String, Object> data;
    private final FormExpressions expressions;
    private final FormValidator validator;
    private final Map<String, Binding> bindings = new LinkedHashMap<>();
    private final Map<FormField, Component> conditional = new LinkedHashMap<>();
    private final Map<String, List<PickedFile>> files = new LinkedHashMap<>();
    private final List<Runnable> templates = new ArrayList<>();
    private Runnable submitAction = () -> { };
    private final long maxFileBytes;
    private final List<io.gridloop.ui.RefusedFiles> refused = new ArrayList<>();
    private final List<CamundaFormView> nested = new ArrayList<>();

    public CamundaFormView(FormSchema schema, Map<String, Object> data, FormExpressions expressions, FormValidator validator) {
        this(schema, data, expressions, validator, Integer.MAX_VALUE);
    }

    /** A form whose filepickers refuse files larger than {@code maxFileBytes} (the limit the service that stores them sets). */
    public CamundaFormView(FormSchema schema, Map<String, Object> data, FormExpressions expressions, FormValidator validator,
                           long maxFileBytes) {
        this.maxFileBytes = maxFileBytes;
        this.schema = schema;
        this.data = data;
        this.expressions = expressions;
        this.validator = validator;
        addClassName("gl-form");
        setWidthFull();
        for (Component c : render(schema.components())) {
            add(c);
        }
        refresh();
    }

    /** What a form-js submit button does here. */
    public void onSubmit(Runnable action) {
        this.submitAction = action;
    }

    public FormSchema schema() {
        return schema;
    }

    /** The values of the visible input fields, by key. */
    public Map<String, Object> values() {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> context = context();
        bindings.forEach((key, b) -> {
            if (isShown(b.field(), context)) {
                out.put(key, b.value().get());
            }
        });
        return out;
    }

    public Map<String, List<PickedFile>> files() {
        return files;
    }

    /** Keeps what the official entered on screen, read-only: the form can no longer be sent. */
    public void readOnly() {
        bindings.values().forEach(b -> {
            if (b.component() instanceof HasValue<?, ?> field) {
                field.setReadOnly(true);
            } else {
                b.component().getElement().setEnabled(false);
            }
        });
        nested.forEach(CamundaFormView::readOnly);
    }

    /** Why files the official chose were refused (empty when none was): the form is not sent until that is settled. */
    public List<String> refusedFiles() {
        List<String> out = new ArrayList<>();
        refused.stream().filter(r -> !r.isClear()).forEach(r -> out.add(r.message()));
        nested.forEach(f -> out.addAll(f.refusedFiles()));
        return out;
    }

    /** Shows the server's refusals on their fields; returns the messages of refusals that belong to no visible field. */
    public List<String> showErrors(List<FormValidator.FieldError> errors, java.util.function.Function<FormValidator.FieldError, String> text) {
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

    /** The component bound to a key, for tests and for focusing. */
    public Component field(String key) {
        Binding b = bindings.get(key);
        return b == null ? null : b.component();
    }

    private boolean isShown(FormField f, Map<String, Object> context) {
        return !expressions.isHidden(f, context);
    }

    private Map<String, Object> context() {
        Map<String, Object> context = new HashMap<>(data);
        bindings.forEach((k, b) -> context.put(k, b.value().get()));
        return context;
    }

    /** Re-evaluates conditions and templates after a value changed. */
    private void refresh() {
        Map<String, Object> context = context();
        conditional.forEach((f, c) -> c.setVisible(isShown(f, context)));
        templates.forEach(Runnable::run);
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
            conditional.put(f, c);
        }
        return c;
    }

    private Component component(FormField f) {
        return switch (f.type()) {
            case "textfield" -> textField(f);
            case "textarea" -> textArea(f);
            case "number" -> numberField(f);
            case "datetime" -> dateTime(f);
            case "checkbox" -> checkbox(f);
            case "checklist" -> checklist(f);
            case "radio" -> radio(f);
            case "select" -> select(f);
            case "taglist" -> taglist(f);
            case "text" -> text(f, true);
            case "html" -> text(f, false);
            case "image" -> image(f);
            case "separator" -> new Hr();
            case "spacer" -> spacer(f);
            case "group" -> group(f);
            case "dynamiclist" -> dynamicList(f);
            case "iframe" -> iframe(f);
            case "table" -> table(f);
            case "filepicker" -> filepicker(f);
            case "expression" -> expression(f);
            case "button" -> button(f);
            default -> unsupported(f);
        };
    }

    private Object initial(FormField f) {
        if (f.hasKey() && data.containsKey(f.key()) && data.get(f.key()) != null) {
            return data.get(f.key());
        }
        return f.defaultValue();
    }

    private <C extends Component & HasValue<?, ?>> void common(FormField f, C c) {
        if (c instanceof com.vaadin.flow.component.HasLabel l && f.label() != null) {
            l.setLabel(f.label());
        }
        if (c instanceof com.vaadin.flow.component.HasHelper h && f.description() != null) {
            h.setHelperText(f.description());
        }
        c.setRequiredIndicatorVisible(f.required());
        c.setReadOnly(f.readonly());
        if (c instanceof com.vaadin.flow.component.HasEnabled e && f.disabled()) {
            e.setEnabled(false);
        }
        if (c instanceof com.vaadin.flow.component.HasSize s) {
            s.setWidthFull();
        }
        if (f.id() != null) {
            c.setId(f.id());
        }
        c.addValueChangeListener(e -> refresh());
    }

    private void bind(FormField f, Component c, Supplier<Object> value, Consumer<String> error) {
        if (f.hasKey()) {
            bindings.put(f.key(), new Binding(f, c, value, error));
        }
    }

    private static <C extends com.vaadin.flow.component.HasValidation> Consumer<String> errors(C c) {
        return msg -> {
            c.setErrorMessage(msg);
            c.setInvalid(msg != null);
        };
    }

    private Component textField(FormField f) {
        TextField t = new TextField();
        common(f, t);
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
        Object v = initial(f);
        if (v != null) {
            t.setValue(v.toString());
        }
        bind(f, t, () -> t.getValue().isBlank() ? null : t.getValue(), errors(t));
        return t;
    }

    private Component textArea(FormField f) {
        TextArea t = new TextArea();
        common(f, t);
        if (f.maxLength() != null) {
            t.setMaxLength(f.maxLength());
        }
        t.setMinHeight("6em");
        Object v = initial(f);
        if (v != null) {
            t.setValue(v.toString());
        }
        bind(f, t, () -> t.getValue().isBlank() ? null : t.getValue(), errors(t));
        return t;
    }

    private Component numberField(FormField f) {
        NumberField n = new NumberField();
        common(f, n);
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
        Object v = initial(f);
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
        bind(f, n, () -> {
            Double d = n.getValue();
            if (d == null) {
                return null;
            }
            // whole numbers go to the engine as integers, as form-js submits them
            return (digits == null || digits == 0) && d == Math.rint(d) ? (Object) d.longValue() : d;
        }, errors(n));
        return n;
    }

    private Component dateTime(FormField f) {
        Object v = initial(f);
        String label = f.label() != null ? f.label() : f.raw().path("dateLabel").asText(null);
        switch (f.subtype()) {
            case "time" -> {
                TimePicker t = io.gridloop.ui.ComponentTexts.timePicker(new TimePicker());
                common(f, t);
                t.setLabel(f.raw().path("timeLabel").asText(label));
                if (v != null) {
                    t.setValue(LocalTime.parse(v.toString().length() > 8 ? v.toString().substring(0, 8) : v.toString()));
                }
                bind(f, t, () -> t.getValue() == null ? null : t.getValue().toString(), errors(t));
                return t;
            }
            case "datetime" -> {
                DateTimePicker t = io.gridloop.ui.ComponentTexts.dateTimePicker(new DateTimePicker());
                common(f, t);
                t.setLabel(label);
                if (v != null) {
                    t.setValue(LocalDateTime.parse(v.toString().replace("Z", "")));
                }
                bind(f, t, () -> t.getValue() == null ? null : t.getValue().toString(), errors(t));
                return t;
            }
            default -> {
                DatePicker t = io.gridloop.ui.ComponentTexts.datePicker(new DatePicker());
                common(f, t);
                t.setLabel(label);
                if (v != null) {
                    t.setValue(LocalDate.parse(v.toString().substring(0, 10)));
                }
                bind(f, t, () -> t.getValue() == null ? null : t.getValue().toString(), errors(t));
                return t;
            }
        }
    }

    private Component checkbox(FormField f) {
        Checkbox c = new Checkbox(f.label() == null ? "" : f.label());
        common(f, c);
        Object v = initial(f);
        c.setValue(Boolean.TRUE.equals(v) || "true".equals(String.valueOf(v)));
        Span error = new Span();
        error.addClassName("gl-field-error");
        Div box = new Div(c, error);
        bind(f, c, c::getValue, msg -> error.setText(msg == null ? "" : msg));
        return box;
    }

    private List<FormField.Option> options(FormField f) {
        return validator.allowed(f, data);
    }

    private static FormField.Option find(List<FormField.Option> options, Object value) {
        if (value == null) {
            return null;
        }
        return options.stream().filter(o -> String.valueOf(o.value()).equals(String.valueOf(value))).findFirst().orElse(null);
    }

    private Set<FormField.Option> findAll(List<FormField.Option> options, Object values) {
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

    private Component checklist(FormField f) {
        List<FormField.Option> options = options(f);
        CheckboxGroup<FormField.Option> g = new CheckboxGroup<>();
        g.setItems(options);
        g.setItemLabelGenerator(FormField.Option::label);
        common(f, g);
        g.setValue(findAll(options, initial(f)));
        bind(f, g, () -> g.getValue().stream().map(FormField.Option::value).toList(), errors(g));
        return g;
    }

    private Component radio(FormField f) {
        List<FormField.Option> options = options(f);
        RadioButtonGroup<FormField.Option> g = new RadioButtonGroup<>();
        g.setItems(options);
        g.setItemLabelGenerator(FormField.Option::label);
        common(f, g);
        g.setValue(find(options, initial(f)));
        bind(f, g, () -> g.getValue() == null ? null : g.getValue().value(), errors(g));
        return g;
    }

    private Component select(FormField f) {
        List<FormField.Option> options = options(f);
        if (f.raw().path("searchable").asBoolean(false) || options.size() > 8) {
            ComboBox<FormField.Option> c = new ComboBox<>();
            c.setItems(options);
            c.setItemLabelGenerator(FormField.Option::label);
            common(f, c);
            c.setValue(find(options, initial(f)));
            bind(f, c, () -> c.getValue() == null ? null : c.getValue().value(), errors(c));
            return c;
        }
        Select<FormField.Option> s = new Select<>();
        s.setItems(options);
        s.setItemLabelGenerator(o -> o == null ? "" : o.label());
        s.setEmptySelectionAllowed(!f.required());
        common(f, s);
        s.setValue(find(options, initial(f)));
        bind(f, s, () -> s.getValue() == null ? null : s.getValue().value(), errors(s));
        return s;
    }

    private Component taglist(FormField f) {
        List<FormField.Option> options = options(f);
        MultiSelectComboBox<FormField.Option> m = new MultiSelectComboBox<>();
        m.setItems(options);
        m.setItemLabelGenerator(FormField.Option::label);
        common(f, m);
        m.setValue(findAll(options, initial(f)));
        bind(f, m, () -> m.getValue().stream().map(FormField.Option::value).toList(), errors(m));
        return m;
    }

    private Component text(FormField f, boolean markdown) {
        Div holder = new Div();
        holder.addClassName("gl-form-text");
        Runnable render = () -> {
            String body = expressions.template(f.text(), context());
            holder.removeAll();
            holder.add(new Html(markdown ? SafeHtml.fromMarkdown(body) : SafeHtml.clean(body)));
        };
        render.run();
        templates.add(render);
        return holder;
    }

    private Component image(FormField f) {
        String source = f.raw().path("source").asText("");
        String src = source.startsWith("=") ? String.valueOf(expressions.evaluate(source, context())) : source;
        Image img = new Image(src, f.raw().path("alt").asText(f.label() == null ? "" : f.label()));
        img.setMaxWidth("100%");
        return img;
    }

    private Component spacer(FormField f) {
        Div d = new Div();
        d.setHeight(f.raw().path("height").asInt(60) + "px");
        return d;
    }

    private Component group(FormField f) {
        Div box = new Div();
        box.addClassName("gl-form-group");
        if (f.label() != null) {
            box.add(new H4(f.label()));
        }
        render(f.components()).forEach(box::add);
        return box;
    }

    /** A repeating group: each item is a nested form; the value is the list of the items' values. */
    private Component dynamicList(FormField f) {
        String path = f.raw().path("path").asText(f.key());
        Div box = new Div();
        box.addClassName("gl-form-group");
        if (f.label() != null) {
            box.add(new H4(f.label()));
        }
        Div items = new Div();
        List<CamundaFormView> forms = new ArrayList<>();
        FormSchema itemSchema = new FormSchema(null, f.components());
        boolean addRemove = f.raw().path("allowAddRemove").asBoolean(true);
        Runnable[] add = new Runnable[1];
        java.util.function.Consumer<Map<String, Object>> addItem = values -> {
            Map<String, Object> itemData = new HashMap<>(data);
            itemData.putAll(values);
            CamundaFormView item = new CamundaFormView(itemSchema, itemData, expressions, validator, maxFileBytes);
            forms.add(item);
            nested.add(item);
            Div row = new Div(item);
            if (addRemove) {
                row.add(new com.vaadin.flow.component.button.Button(getTranslation("form.removeItem"), e -> {
                    forms.remove(item);
                    nested.remove(item);
                    items.remove(row);
                }));
            }
            items.add(row);
        };
        Object initial = path == null ? null : data.get(path);
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
        add[0] = () -> addItem.accept(Map.of());
        box.add(items);
        if (addRemove) {
            box.add(new com.vaadin.flow.component.button.Button(getTranslation("form.addItem"), e -> add[0].run()));
        }
        if (path != null) {
            Span error = new Span();
            error.addClassName("gl-field-error");
            box.add(error);
            bindings.put(path, new Binding(f, box, () -> forms.stream().map(CamundaFormView::values).toList(),
                    msg -> error.setText(msg == null ? "" : msg)));
        }
        return box;
    }

    private Component iframe(FormField f) {
        IFrame frame = new IFrame(f.raw().path("url").asText("about:blank"));
        frame.setSandbox(IFrame.SandboxType.ALLOW_SCRIPTS);
        frame.setWidth("100%");
        frame.setHeight(f.raw().path("height").asInt(300) + "px");
        Div box = new Div();
        if (f.label() != null) {
            box.add(new Span(f.label()));
        }
        box.add(frame);
        return box;
    }

    @SuppressWarnings("unchecked")
    private Component table(FormField f) {
        Grid<Map<String, Object>> grid = new Grid<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        String source = f.raw().path("dataSource").asText(null);
        Object value = source == null ? null : source.startsWith("=") ? expressions.evaluate(source, context()) : data.get(source);
        if (value instanceof Collection<?> c) {
            c.forEach(r -> {
                if (r instanceof Map<?, ?> m) {
                    rows.add((Map<String, Object>) m);
                }
            });
        }
        JsonNode columns = f.raw().path("columns");
        if (columns.isArray() && !columns.isEmpty()) {
            for (JsonNode col : columns) {
                String key = col.path("key").asText();
                grid.addColumn(m -> String.valueOf(m.getOrDefault(key, ""))).setHeader(col.path("label").asText(key));
            }
        } else if (!rows.isEmpty()) {
            rows.get(0).keySet().forEach(key -> grid.addColumn(m -> String.valueOf(m.getOrDefault(key, ""))).setHeader(key));
        }
        grid.setItems(rows);
        grid.setAllRowsVisible(true);
        Div box = new Div();
        if (f.label() != null) {
            box.add(new Span(f.label()));
        }
        box.add(grid);
        return box;
    }

    private Component filepicker(FormField f) {
        List<PickedFile> picked = new ArrayList<>();
        if (f.hasKey()) {
            files.put(f.key(), picked);
        }
        Upload upload = new Upload(UploadHandler.inMemory((meta, bytes) -> picked.add(new PickedFile(meta.fileName(), bytes))));
        String accept = f.raw().path("accept").asText(null);
        if (accept != null && !accept.isBlank()) {
            upload.setAcceptedFileTypes(accept.split("\\s*,\\s*"));
        }
        upload.setMaxFiles(f.raw().path("multiple").asBoolean(false) ? 9 : 1);
        io.gridloop.ui.ComponentTexts.upload(upload);
        upload.addFileRemovedListener(e -> picked.removeIf(p -> p.fileName().equals(e.getFileName())));
        if (f.id() != null) {
            upload.setId(f.id());
        }
        Span error = new Span();
        error.addClassName("gl-field-error");
        io.gridloop.ui.RefusedFiles refusedHere = new io.gridloop.ui.RefusedFiles(upload, maxFileBytes);
        refused.add(refusedHere);
        Div box = new Div();
        if (f.label() != null) {
            box.add(new Span(f.label()));
        }
        box.add(upload, refusedHere, error);
        if (f.hasKey()) {
            bindings.put(f.key(), new Binding(f, upload, () -> picked.size(), msg -> error.setText(msg == null ? "" : msg)));
        }
        return box;
    }

    private Component expression(FormField f) {
        // computed on submit by the server from the other values; nothing to show
        Div d = new Div();
        d.setVisible(false);
        return d;
    }

    private Component button(FormField f) {
        com.vaadin.flow.component.button.Button b = new com.vaadin.flow.component.button.Button(f.label() == null ? "" : f.label());
        if ("reset".equals(f.raw().path("action").asText("submit"))) {
            b.addClickListener(e -> bindings.values().forEach(binding -> {
                if (binding.component() instanceof AbstractField<?, ?> field) {
                    field.clear();
                } else if (binding.component() instanceof HasValue<?, ?> hv) {
                    hv.clear();
                }
            }));
        } else {
            b.addThemeName("primary");
            b.addClickListener(e -> submitAction.run());
        }
        return b;
    }

    private Component unsupported(FormField f) {
        Span s = new Span(getTranslation("form.unsupported", f.type()));
        s.addClassName("gl-field-error");
        return s;
    }
}
