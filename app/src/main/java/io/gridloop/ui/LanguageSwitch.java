package io.gridloop.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.VaadinSession;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** Every UI starts in Chinese unless the official switched to English in this session. */
@Component
public class LanguageSwitch implements VaadinServiceInitListener {

    private static final String ATTRIBUTE = "gridloop.locale";

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(e -> e.getUI().setLocale(current(e.getUI().getSession())));
    }

    public static Locale current(VaadinSession session) {
        Object l = session == null ? null : session.getAttribute(ATTRIBUTE);
        return l instanceof Locale locale ? locale : Translations.CHINESE;
    }

    /** Switches between Chinese and English and reloads the page in the other language. */
    public static void toggle(UI ui) {
        Locale next = "en".equals(ui.getLocale().getLanguage()) ? Translations.CHINESE : Translations.ENGLISH;
        ui.getSession().setAttribute(ATTRIBUTE, next);
        ui.setLocale(next);
        ui.getPage().reload();
    }
}
