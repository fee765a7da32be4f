package io.gridloop.forms;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.NumberField;
import io.gridloop.ui.Translations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The task forms hold one language (Chinese, as Modeler saves it); English comes from the bundles by field key and
 * option value. Every word of every form in forms/ has its key in both bundles, the Chinese bundle says what the form
 * file says (the timeline reads it there), and no form file carries English any more.
 */
class FormTranslationsTest {

    private static final Pattern ENGLISH_WORD = Pattern.compile("\\b[A-Za-z]{3,}\\b");
    private final FormExpressions expressions = new FormExpressions();
    private final FormValidator validator = new FormValidator(expressions);

    @BeforeEach
    void setUp() {
        MockVaadin.setup();
    }

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
    }

    private static List<FormSchema> forms() throws Exception {
        List<FormSchema> out = new ArrayList<>();
        try (var files = Files.list(Path.of("../forms"))) {
            for (Path p : files.filter(p -> p.toString().endsWith(".form")).sorted().toList()) {
                out.add(FormSchemas.parse(Files.readString(p)));
            }
        }
        return out;
    }

    private static String zh(String key) {
        return Translations.translate(key, Translations.CHINESE);
    }

    private static String en(String key) {
        return Translations.translate(key, Translations.ENGLISH);
    }

    /** The key a field's label is read under: the form's own where it has one, else the shared one. */
    private static String labelKey(FormSchema form, FormField f) {
        String scoped = "form." + form.id() + "." + f.key() + ".label";
        return zh(scoped).startsWith("!") ? FormTexts.labelKey(f.key()) : scoped;
    }

    @Test
    void everyFieldOptionAndTextHasItsKeyInBothBundles() throws Exception {
        List<String> problems = new ArrayList<>();
        List<FormSchema> forms = forms();
        assertThat(forms).hasSizeGreaterThanOrEqualTo(13);
        for (FormSchema form : forms) {
            for (FormField f : form.allFields()) {
                List<String[]> words = new ArrayList<>(); // key, the form file's words
                if (f.hasKey() && f.label() != null) {
                    words.add(new String[] {labelKey(form, f), f.label()});
                }
                if (f.hasKey() && f.description() != null) {
                    words.add(new String[] {"form." + f.key() + ".description", f.description()});
                }
                for (FormField.Option o : f.options()) {
                    words.add(new String[] {FormTexts.optionKey(f.key(), o.value()), o.label()});
                }
                if (f.text() != null) {
                    words.add(new String[] {"form." + form.id() + "." + f.id() + ".text", f.text()});
                }
                for (String[] w : words) {
                    if (!zh(w[0]).equals(w[1])) {
                        problems.add(form.id() + ": " + w[0] + " in messages.properties is '" + zh(w[0]) + "', the form says '" + w[1] + "'");
                    }
                    if (en(w[0]).startsWith("!") || en(w[0]).isBlank()) {
                        problems.add(form.id() + ": " + w[0] + " is missing in messages_en.properties");
                    }
                    // a form keeps one language: no English words next to the Chinese (templates' {{names}} aside)
                    if (ENGLISH_WORD.matcher(w[1].replaceAll("\\{\\{[^}]*}}", "")).find()) {
                        problems.add(form.id() + ": English in the form file: " + w[1]);
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    private CamundaFormView render(String formId, Locale locale, Map<String, Object> data) throws Exception {
        UI.getCurrent().setLocale(locale);
        FormSchema s = FormSchemas.parse(Files.readString(Path.of("../forms/" + formId + ".form")));
        return new CamundaFormView(s, new HashMap<>(data), expressions, validator);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aFormReadsInOneLanguageTheOfficials() throws Exception {
        CamundaFormView zhForm = render("registerForm", Translations.CHINESE, Map.of());
        RadioButtonGroup<FormField.Option> zhDecision = (RadioButtonGroup<FormField.Option>) zhForm.field("registerDecision");
        assertThat(zhDecision.getLabel()).isEqualTo("立案决定");
        assertThat(zhDecision.getListDataView().getItems().map(o -> zhDecision.getItemLabelGenerator().apply(o)).toList())
                .containsExactly("立案", "不予立案", "重复案件");

        CamundaFormView enForm = render("registerForm", Translations.ENGLISH, Map.of());
        RadioButtonGroup<FormField.Option> enDecision = (RadioButtonGroup<FormField.Option>) enForm.field("registerDecision");
        assertThat(enDecision.getLabel()).isEqualTo("Decision");
        assertThat(enDecision.getListDataView().getItems().map(o -> enDecision.getItemLabelGenerator().apply(o)).toList())
                .containsExactly("Register", "Reject", "Duplicate");
        // the value submitted is the option's value, whatever the language
        enDecision.setValue(enDecision.getListDataView().getItems().findFirst().orElseThrow());
        assertThat(enForm.values()).containsEntry("registerDecision", "REGISTER");

        CamundaFormView handle = render("handleForm", Translations.ENGLISH, Map.of());
        assertThat(((NumberField) handle.field("extensionDays")).getLabel()).isEqualTo("Days requested");
    }

    @Test
    @SuppressWarnings("unchecked")
    void departmentsFromTheTaskDataAreNamedInTheOfficialsLanguage() throws Exception {
        Map<String, Object> data = Map.of("departments", List.of(
                Map.of("label", "水务局", "labelEn", "Water Bureau", "value", "water"),
                Map.of("label", "公安分局", "value", "police")));
        CamundaFormView en = render("dispatchForm", Translations.ENGLISH, data);
        Select<FormField.Option> lead = (Select<FormField.Option>) en.field("department");
        assertThat(lead.getLabel()).isEqualTo("Lead department");
        assertThat(lead.getListDataView().getItems().map(o -> lead.getItemLabelGenerator().apply(o)).toList())
                .containsExactly("Water Bureau", "公安分局");
    }

    @Test
    void textComponentsAndRefusalsFollowTheLanguage() throws Exception {
        CamundaFormView en = render("approveExtensionForm", Translations.ENGLISH, Map.of("extensionDays", 3, "extensionReason", "rain"));
        String text = en.getChildren().map(c -> c.getElement().getOuterHTML()).reduce("", String::concat);
        assertThat(text).contains("Extension requested").doesNotContain("申请延期");
        // a refusal names the field in the reader's language, from the same field error
        FormSchema s = en.schema();
        var errors = validator.validate(s, Map.of(), Map.of(), Map.of()).errors();
        var required = errors.stream().filter(e -> e.field().equals("extensionDecision")).findFirst().orElseThrow();
        assertThat(Translations.translate(required.messageKey(), Translations.ENGLISH, required.args())).contains("Decision");
        assertThat(Translations.translate(required.messageKey(), Translations.CHINESE, required.args())).isEqualTo("审批:必填");
    }
}
