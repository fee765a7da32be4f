package io.gridloop.ui;

import com.vaadin.flow.i18n.I18NProvider;
import io.gridloop.system.Messages;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** Chinese first, English second, for Vaadin's pages: the one MessageSource ({@link Messages}). */
@Component
public class Translations implements I18NProvider {

    public static final Locale CHINESE = Messages.CHINESE;
    public static final Locale ENGLISH = Messages.ENGLISH;

    @Override
    public List<Locale> getProvidedLocales() {
        return List.of(CHINESE, ENGLISH);
    }

    @Override
    public String getTranslation(String key, Locale locale, Object... params) {
        return translate(key, locale, params);
    }

    public static String translate(String key, Locale locale, Object... params) {
        return Messages.text(key, locale, params);
    }
}
