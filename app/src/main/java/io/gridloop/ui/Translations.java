package io.gridloop.ui;

import com.vaadin.flow.i18n.I18NProvider;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import org.springframework.stereotype.Component;

/** Chinese first, English second: the bundles in {@code i18n/messages*.properties}. */
@Component
public class Translations implements I18NProvider {

    public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;
    public static final Locale ENGLISH = Locale.ENGLISH;
    private static final String BUNDLE = "i18n/messages";

    @Override
    public List<Locale> getProvidedLocales() {
        return List.of(CHINESE, ENGLISH);
    }

    @Override
    public String getTranslation(String key, Locale locale, Object... params) {
        return translate(key, locale, params);
    }

    public static String translate(String key, Locale locale, Object... params) {
        Locale l = locale != null && "en".equals(locale.getLanguage()) ? ENGLISH : Locale.ROOT;
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, l, ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            return "!" + key;
        }
        if (params.length == 0) {
            return pattern;
        }
        Object[] args = params.clone();
        for (int i = 0; i < args.length; i++) {
            if (args[i] instanceof Localized localized) {
                args[i] = localized.in(locale);
            }
        }
        return new MessageFormat(pattern.replace("'", "''"), l).format(args);
    }

    /** A message argument that has words of its own (a form field's label): put in the message's language. */
    public interface Localized {
        String in(Locale locale);
    }
}
