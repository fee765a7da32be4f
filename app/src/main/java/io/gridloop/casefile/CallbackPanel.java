package io.gridloop.casefile;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import java.util.Optional;

/**
 * How the callback (回访) reaches the caller. A hotline case is called back by phone: the panel shows the number to call
 * (a tel: link), or says that the caller stayed anonymous and there is no number. Other channels get no panel; the case
 * beside the form shows their contact.
 */
public class CallbackPanel extends Div {

    /** The number a hotline case's callback dials, empty for an anonymous caller. */
    public static Optional<String> phoneOf(CaseRecord c) {
        return Optional.ofNullable(c.reporterPhone()).filter(p -> !p.isBlank());
    }

    /** The panel for the callback of a case, or empty when the case is no hotline case. */
    public static Optional<CallbackPanel> of(CaseRecord c) {
        return c.channel() == Channel.HOTLINE ? Optional.of(new CallbackPanel(c)) : Optional.empty();
    }

    private CallbackPanel(CaseRecord c) {
        setId("callback-phone");
        getStyle().set("background", "var(--lumo-primary-color-10pct)").set("padding", "var(--lumo-space-s) var(--lumo-space-m)")
                .set("border-radius", "var(--lumo-border-radius-m)");
        Optional<String> phone = phoneOf(c);
        if (phone.isPresent()) {
            String name = c.reporterName() == null ? getTranslation("case.reporter.noName") : c.reporterName();
            add(new Span(getTranslation("callback.byPhone", name) + " "));
            Anchor call = new Anchor("tel:" + phone.get().replaceAll("[^0-9+]", ""), phone.get());
            call.setId("callback-number");
            add(call);
        } else {
            add(new Span(getTranslation("callback.anonymous")));
        }
    }
}
