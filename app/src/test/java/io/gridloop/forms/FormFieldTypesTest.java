package io.gridloop.forms;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Hr;
import com.vaadin.flow.component.html.IFrame;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.timepicker.TimePicker;
import com.vaadin.flow.component.upload.Upload;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every form-js field type, from one form as Camunda Modeler saves it: parsed, rendered as Vaadin components, and
 * checked on the server.
 */
class FormFieldTypesTest {

    private final FormExpressions expressions = new FormExpressions();
    private final FormValidator validator = new FormValidator(expressions);
    private FormSchema form;
    private final Map<String, Object> data = new HashMap<>(Map.of(
            "departments", List.of(Map.of("label", "水务局", "value", "water"), Map.of("label", "公安分局", "value", "police")),
            "rows", List.of(Map.of("step", "立案", "by", "lina"), Map.of("step", "派遣", "by", "zhangmin"))));

    @BeforeEach
    void load() throws Exception {
        MockVaadin.setup();
        try (InputStream in = getClass().getResourceAsStream("/forms-test/all-field-types.form")) {
            form = FormSchemas.parse(in);
        }
    }

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
    }

    private FormField field(String id) {
        return form.allFields().stream().filter(f -> id.equals(f.id())).findFirst().orElseThrow();
    }

    private Map<String, Object> valid() {
        Map<String, Object> v = new HashMap<>();
        v.put("name", "Zhang San");
        v.put("size", "S");
        v.put("street", "西直门内大街");
        return v;
    }

    private List<String> errors(Map<String, Object> input, Map<String, Integer> files) {
        return validator.validate(form, input, data, files).errors().stream().map(e -> e.field() + ":" + e.messageKey()).toList();
    }

    private List<String> errors(Map<String, Object> input) {
        return errors(input, Map.of("photos", 1));
    }

    private Map<String, Object> with(String key, Object value) {
        Map<String, Object> v = valid();
        v.put(key, value);
        return v;
    }

    // ---- parsing

    @Test
    void parsesEveryTypeModelerSaves() {
        assertThat(form.id()).isEqualTo("allFieldTypes");
        assertThat(form.allFields()).extracting(FormField::type).contains("textfield", "textarea", "number", "datetime", "checkbox",
                "checklist", "radio", "select", "taglist", "text", "html", "image", "separator", "spacer", "group", "dynamiclist",
                "iframe", "table", "filepicker", "expression", "button");
        FormField name = field("Field_0name01");
        assertThat(name.required()).isTrue();
        assertThat(name.minLength()).isEqualTo(2);
        assertThat(name.maxLength()).isEqualTo(20);
        assertThat(name.layoutRow()).isEqualTo("Row_0a1b2c3");
        assertThat(name.layoutColumns()).isEqualTo(8);
        assertThat(field("Field_0size01").options()).extracting(FormField.Option::value).containsExactly("S", "L");
        assertThat(field("Field_0dept01").valuesKey()).isEqualTo("departments");
        assertThat(field("Field_0reas01").hide()).isEqualTo("=size != \"L\"");
        assertThat(field("Field_0dyna01").key()).isEqualTo("items");
        assertThat(FormSchema.rows(form.components()).get(0)).extracting(FormField::key).containsExactly("name", "email");
    }

    // ---- server-side validation, field type by field type

    @Test
    void aValidSubmissionPasses() {
        assertThat(errors(valid())).isEmpty();
    }

    @Test
    void textfieldChecksRequiredLengthAndPattern() {
        assertThat(errors(with("name", null))).containsExactly("name:form.required");
        assertThat(errors(with("name", "Z"))).containsExactly("name:form.minLength");
        assertThat(errors(with("name", "Zhang San the Very Long"))).containsExactly("name:form.maxLength");
        assertThat(errors(with("name", "张三三"))).containsExactly("name:form.pattern");
    }

    @Test
    void textfieldChecksEmailAndPhone() {
        assertThat(errors(with("email", "not-mail"))).containsExactly("email:form.email");
        assertThat(errors(with("email", "a@b.cn"))).isEmpty();
        assertThat(errors(with("phone", "call me"))).containsExactly("phone:form.phone");
        assertThat(errors(with("phone", "+86 138 0000 0000"))).isEmpty();
    }

    @Test
    void textareaChecksLength() {
        assertThat(errors(with("notes", "01234567890"))).containsExactly("notes:form.maxLength");
    }

    @Test
    void numberChecksBoundsAndType() {
        assertThat(errors(with("amount", 0))).containsExactly("amount:form.min");
        assertThat(errors(with("amount", 11))).containsExactly("amount:form.max");
        assertThat(errors(with("amount", "many"))).containsExactly("amount:form.number");
    }

    @Test
    void aNumberMustBeAFiniteNumberAndIsPassedOnAsANumber() {
        assertThat(errors(with("amount", "NaN"))).containsExactly("amount:form.number");
        assertThat(errors(with("amount", "Infinity"))).containsExactly("amount:form.number");
        assertThat(errors(with("amount", "1e400"))).containsExactly("amount:form.number");
        assertThat(errors(with("amount", Double.NaN))).containsExactly("amount:form.number");
        assertThat(errors(with("amount", true))).containsExactly("amount:form.number");
        assertThat(errors(with("amount", List.of(5)))).containsExactly("amount:form.number");
        assertThat(errors(with("amount", "0x5"))).containsExactly("amount:form.number");
        assertThat(errors(with("amount", "2.5"))).as("decimalDigits 0").containsExactly("amount:form.number");
        assertThat(errors(with("amount", "99"))).containsExactly("amount:form.max");
        assertThat(validator.validate(form, with("amount", "5"), data, Map.of("photos", 1)).values()).containsEntry("amount", 5L);
        assertThat(validator.validate(form, with("amount", 7.0), data, Map.of("photos", 1)).values()).containsEntry("amount", 7L);
    }

    @Test
    void datesTimesAndBooleansMustBeWhatFormJsSubmits() {
        assertThat(errors(with("day", "2026-10-08"))).isEmpty();
        assertThat(errors(with("day", "next week"))).containsExactly("day:form.date");
        assertThat(errors(with("day", "2026-02-30"))).containsExactly("day:form.date");
        assertThat(errors(with("day", 20261008))).containsExactly("day:form.date");
        assertThat(errors(with("at", "09:30"))).isEmpty();
        assertThat(errors(with("at", "25:00"))).containsExactly("at:form.date");
        assertThat(errors(with("when", "2026-10-08T09:30"))).isEmpty();
        assertThat(errors(with("when", "2026-10-08T09:30:00+08:00"))).isEmpty();
        assertThat(errors(with("when", "2026-10-08 nine"))).containsExactly("when:form.date");
        assertThat(errors(with("agree", "yes"))).containsExactly("agree:form.invalid");
        assertThat(errors(with("name", Map.of("first", "Zhang")))).containsExactly("name:form.invalid");
        assertThat(errors(with("size", Map.of("value", "S")))).contains("size:form.choice");
    }

    @Test
    void choicesMustBeAmongTheOptions() {
        assertThat(errors(with("size", "XL"))).containsExactly("size:form.choice");
        assertThat(errors(with("tools", List.of("shovel", "axe")))).containsExactly("tools:form.choice");
        assertThat(errors(with("tags", List.of("green")))).containsExactly("tags:form.choice");
        assertThat(errors(with("dept", "water"))).isEmpty();
        assertThat(errors(with("dept", "fire"))).as("not in the data's departments").containsExactly("dept:form.choice");
    }

    @Test
    void checkboxIsFalseWhenLeftEmpty() {
        assertThat(validator.validate(form, valid(), data, Map.of("photos", 1)).values()).containsEntry("agree", false);
    }

    @Test
    void hiddenFieldsAreNeitherCheckedNorSubmitted() {
        FormValidator.Result small = validator.validate(form, with("largeReason", "ignored"), data, Map.of("photos", 1));
        assertThat(small.values()).doesNotContainKey("largeReason");
        assertThat(errors(with("size", "L"))).containsExactly("largeReason:form.required");
    }

    @Test
    void groupFieldsAreCheckedLikeTopLevelOnes() {
        assertThat(errors(with("street", null))).containsExactly("street:form.required");
    }

    @Test
    void dynamicListItemsAreCheckedOneByOne() {
        FormValidator.Result r = validator.validate(form, with("items", List.of(Map.of("item", "a"), Map.of("item", "b"))), data,
                Map.of("photos", 1));
        assertThat(r.values().get("items")).isEqualTo(List.of(Map.of("item", "a"), Map.of("item", "b")));
    }

    @Test
    void filepickerRequiresAFile() {
        assertThat(errors(valid(), Map.of())).containsExactly("photos:form.required");
    }

    @Test
    void expressionIsComputedOnTheServer() {
        assertThat(validator.validate(form, with("amount", 4L), data, Map.of("photos", 1)).values()).containsEntry("doubled", 8L);
    }

    // ---- rendering

    private CamundaFormView view() {
        return new CamundaFormView(form, data, expressions, validator);
    }

    private static Stream<Component> all(Component c) {
        return Stream.concat(Stream.of(c), c.getChildren().flatMap(FormFieldTypesTest::all));
    }

    @Test
    void rendersEachTypeAsItsVaadinComponent() {
        CamundaFormView v = view();
        assertThat(v.field("name")).isInstanceOf(TextField.class);
        assertThat(((TextField) v.field("name")).getValue()).as("default").isEqualTo("Zhang San");
        assertThat(((TextField) v.field("name")).getPrefixComponent()).isNotNull();
        assertThat(v.field("notes")).isInstanceOf(TextArea.class);
        assertThat(v.field("amount")).isInstanceOf(NumberField.class);
        assertThat(((NumberField) v.field("amount")).getMax()).isEqualTo(10);
        assertThat(v.field("day")).isInstanceOf(DatePicker.class);
        assertThat(v.field("at")).isInstanceOf(TimePicker.class);
        assertThat(v.field("when")).isInstanceOf(DateTimePicker.class);
        assertThat(v.field("agree")).isInstanceOf(Checkbox.class);
        assertThat(v.field("tools")).isInstanceOf(CheckboxGroup.class);
        assertThat(v.field("size")).isInstanceOf(RadioButtonGroup.class);
        assertThat(v.field("dept")).isInstanceOf(Select.class);
        assertThat(v.field("tags")).isInstanceOf(MultiSelectComboBox.class);
        assertThat(v.field("photos")).isInstanceOf(Upload.class);
        assertThat(v.field("street")).as("inside a group").isInstanceOf(TextField.class);
        assertThat(all(v).filter(Hr.class::isInstance)).hasSize(1);
        assertThat(all(v).filter(Image.class::isInstance)).hasSize(1);
        assertThat(all(v).filter(IFrame.class::isInstance)).hasSize(1);
        assertThat(all(v).filter(c -> c instanceof Grid<?>)).hasSize(1);
        assertThat(v.getElement().toString()).contains("data-field-type=\"spacer\"", "data-field-type=\"dynamiclist\"",
                "data-field-type=\"button\"");
        assertThat(((TextField) v.field("name")).isRequiredIndicatorVisible()).isTrue();
    }

    @Test
    void textTemplatesFollowTheValuesAndHtmlIsSanitised() {
        CamundaFormView v = view();
        String html = all(v).filter(Html.class::isInstance).map(c -> ((Html) c).getInnerHtml()).reduce("", String::concat);
        assertThat(html).contains("Hello Zhang San", "<strong>3</strong>", "<b>html</b>").doesNotContain("<script");
        ((TextField) v.field("name")).setValue("Li Si");
        String after = all(v).filter(Html.class::isInstance).map(c -> ((Html) c).getInnerHtml()).reduce("", String::concat);
        assertThat(after).contains("Hello Li Si");
    }

    @Test
    void conditionsShowAndHideFieldsAsValuesChange() {
        CamundaFormView v = view();
        Component reason = v.field("largeReason");
        assertThat(reason.isVisible()).isFalse();
        @SuppressWarnings("unchecked")
        RadioButtonGroup<FormField.Option> size = (RadioButtonGroup<FormField.Option>) v.field("size");
        size.setValue(size.getListDataView().getItems().filter(o -> o.value().equals("L")).findFirst().orElseThrow());
        assertThat(reason.isVisible()).isTrue();
        assertThat(v.values()).containsKey("largeReason");
    }

    @Test
    void valuesAreTypedAsFormJsSubmitsThem() {
        CamundaFormView v = view();
        ((DatePicker) v.field("day")).setValue(LocalDate.of(2026, 10, 8));
        Map<String, Object> values = v.values();
        assertThat(values).containsEntry("amount", 3L).containsEntry("size", "S").containsEntry("agree", false)
                .containsEntry("day", "2026-10-08").containsEntry("tools", List.of());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) values.get("items");
        assertThat(items).hasSize(1);
        assertThat(items.get(0)).containsOnlyKeys("item").containsEntry("item", null);
    }

    @Test
    void prefillsFromTaskVariablesBeforeDefaults() {
        data.put("name", "Wang Wu");
        data.put("dept", "police");
        CamundaFormView v = view();
        assertThat(((TextField) v.field("name")).getValue()).isEqualTo("Wang Wu");
        @SuppressWarnings("unchecked")
        Select<FormField.Option> dept = (Select<FormField.Option>) v.field("dept");
        assertThat(dept.getValue().label()).isEqualTo("公安分局");
    }

    @Test
    void everyGridLoopFormParsesAndEveryDecisionFieldIsARadioOrSelect() throws Exception {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("../forms"))) {
            List<java.nio.file.Path> forms = files.filter(p -> p.toString().endsWith(".form")).toList();
            assertThat(forms).hasSizeGreaterThanOrEqualTo(11);
            for (java.nio.file.Path p : forms) {
                FormSchema s = FormSchemas.parse(java.nio.file.Files.readString(p));
                assertThat(s.id() + ".form").isEqualTo(p.getFileName().toString());
                assertThat(s.allFields().stream().filter(FormField::isDecision)).allSatisfy(f -> assertThat(f.type()).isIn("radio", "select"));
                new CamundaFormView(s, data, expressions, validator);
            }
        }
    }
}
