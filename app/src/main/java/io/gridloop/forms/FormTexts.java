package io.gridloop.forms;

import io.gridloop.ui.Translations;
import java.util.Locale;

/**
 * The words of a Camunda Form in the official's language. The {@code .form} file holds one language, Chinese, as
 * Modeler edits it; English (and the timeline's labels in both languages) comes from the bundles by the field's key:
 * <ul>
 *   <li>{@code form.<key>.label}, {@code form.<key>.description}, {@code form.<key>.option.<value>};</li>
 *   <li>{@code form.<formId>.<key>.label} where one form calls a shared key otherwise (the dispatcher's comment);</li>
 *   <li>{@code form.<formId>.<componentId>.text} for a text (markdown) component, which has no key.</li>
 * </ul>
 * Chinese is read from the form file itself, so what a process owner saves in Modeler is what Chinese officials see;
 * a word without its English yet shows in Chinese rather than as a key ({@code FormTranslationsTest} lists the gaps).
 */
public final class FormTexts {

    private final String formId;
    private final Locale locale;

    public FormTexts(String formId, Locale locale) {
        this.formId = formId;
        this.locale = locale;
    }

    public static boolean isEnglish(Locale l) {
        return l != null && "en".equals(l.getLanguage());
    }

    public String label(FormField f) {
        if (f.label() == null || !isEnglish(locale)) {
            return f.label();
        }
        if (f.hasKey()) {
            String scoped = formId == null ? null : found("form." + formId + "." + f.key() + ".label");
            String shared = scoped != null ? scoped : found(labelKey(f.key()));
            if (shared != null) {
                return shared;
            }
        }
        return f.label();
    }

    public String description(FormField f) {
        if (f.description() == null || !isEnglish(locale) || !f.hasKey()) {
            return f.description();
        }
        String en = found("form." + f.key() + ".description");
        return en == null ? f.description() : en;
    }

    /** An option's label: the bundle's for the field key and value, else the option's own (a department's name …). */
    public String option(FormField f, FormField.Option o) {
        if (o == null) {
            return "";
        }
        if (isEnglish(locale)) {
            if (o.labelEn() != null) {
                return o.labelEn();
            }
            String en = f.hasKey() && o.value() != null ? found(optionKey(f.key(), o.value())) : null;
            if (en != null) {
                return en;
            }
        }
        return o.label();
    }

    /** A text component's markdown (its templates still to fill). */
    public String text(FormField f) {
        if (f.text() == null || !isEnglish(locale) || formId == null || f.id() == null) {
            return f.text();
        }
        String en = found("form." + formId + "." + f.id() + ".text");
        return en == null ? f.text() : en;
    }

    public static String labelKey(String fieldKey) {
        return "form." + fieldKey + ".label";
    }

    public static String optionKey(String fieldKey, Object value) {
        return "form." + fieldKey + ".option." + value;
    }

    /** A field's label as a message argument: put in the reader's language when the message is. */
    public record Label(String fieldKey, String label) implements io.gridloop.system.Messages.Localized {
        public static Label of(FormField f) {
            return new Label(f.key(), f.label() != null ? f.label() : f.key());
        }

        @Override
        public String in(Locale l) {
            if (isEnglish(l) && fieldKey != null) {
                String en = found(labelKey(fieldKey), l);
                if (en != null) {
                    return en;
                }
            }
            return label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private String found(String key) {
        return found(key, locale);
    }

    private static String found(String key, Locale l) {
        String s = Translations.translate(key, l);
        return s.startsWith("!") ? null : s;
    }
}
