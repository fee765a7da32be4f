package io.gridloop.system;

import java.text.MessageFormat;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The one {@link MessageSource} of GridLoop: pages, the JSON API's refusals, the engine's refusals and mail all read
 * {@code i18n/messages*.properties}, Chinese the default, English second; a key lives there once. Static as well as a
 * bean, for the engine plugins and the outbox's static labels, which have no context to ask.
 */
@Configuration(proxyBeanMethods = false)
public class Messages {

    public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;
    public static final Locale ENGLISH = Locale.ENGLISH;

    private static final ResourceBundleMessageSource SOURCE = new ResourceBundleMessageSource() {
        @Override
        protected MessageFormat createMessageFormat(String msg, Locale locale) {
            // an apostrophe is text ("can't"), never MessageFormat's quote
            return new MessageFormat(msg.replace("'", "''"), locale);
        }
    };

    static {
        SOURCE.setBasename("i18n/messages");
        SOURCE.setDefaultEncoding("UTF-8");
        // an unknown language gets Chinese (the base bundle), whatever the server's own locale is
        SOURCE.setFallbackToSystemLocale(false);
    }

    /** The context's MessageSource (Spring Boot's own then stands back). */
    @Bean
    public static MessageSource messageSource() {
        return SOURCE;
    }

    /** English for a locale whose language is English, Chinese for any other. */
    public static Locale of(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) ? ENGLISH : Locale.ROOT;
    }

    /** The text of a key in the language of a locale; {@code !key} when no bundle has it. */
    public static String text(String key, Locale locale, Object... args) {
        Object[] inLanguage = args;
        if (args != null) {
            inLanguage = args.clone();
            for (int i = 0; i < inLanguage.length; i++) {
                if (inLanguage[i] instanceof Localized localized) {
                    inLanguage[i] = localized.in(locale);
                }
            }
        }
        try {
            return SOURCE.getMessage(key, inLanguage, of(locale));
        } catch (NoSuchMessageException e) {
            return "!" + key;
        }
    }

    /** Whether the bundles have the key. */
    public static boolean has(String key) {
        try {
            SOURCE.getMessage(key, null, Locale.ROOT);
            return true;
        } catch (NoSuchMessageException e) {
            return false;
        }
    }

    /** A message argument with words of its own in each language (a form field's label, a category): put in the message's. */
    public interface Localized {
        String in(Locale locale);
    }
}
