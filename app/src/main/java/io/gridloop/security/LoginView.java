package io.gridloop.security;

import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;

/** The sign-in page of the embedded default (production signs in through Keycloak). */
@Route("login")
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final LoginForm form = new LoginForm();
    private final LoginI18n i18n = LoginI18n.createDefault();

    public LoginView(org.springframework.beans.factory.ObjectProvider<DemoUsers> demo) {
        addClassName("login-view");
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);
        i18n.getForm().setTitle(getTranslation("login.title"));
        i18n.getForm().setUsername(getTranslation("login.username"));
        i18n.getForm().setPassword(getTranslation("login.password"));
        i18n.getForm().setSubmit(getTranslation("login.submit"));
        i18n.getErrorMessage().setTitle(getTranslation("login.error.title"));
        i18n.getErrorMessage().setMessage(getTranslation("login.error.message"));
        form.setI18n(i18n);
        form.setForgotPasswordButtonVisible(false);
        form.setAction("login");
        add(new H1(getTranslation("app.name")), new Paragraph(getTranslation("app.tagline")), form);
        // the embedded default lists its demo officials, so that anyone can try every role
        demo.ifAvailable(d -> {
            com.vaadin.flow.component.html.Div list = new com.vaadin.flow.component.html.Div();
            list.setId("demo-users");
            list.getStyle().set("max-width", "40em").set("font-size", "var(--lumo-font-size-s)")
                    .set("color", "var(--lumo-secondary-text-color)").set("text-align", "center");
            list.add(new Paragraph(getTranslation("login.demo") + ": " + d.users().stream()
                    .map(u -> u.id() + " (" + u.roleLabel().split(" ")[0] + ")").collect(java.util.stream.Collectors.joining("、"))));
            add(list);
        });
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        java.util.Map<String, java.util.List<String>> query = event.getLocation().getQueryParameters().getParameters();
        long wait = query.getOrDefault("throttled", java.util.List.of()).stream().findFirst()
                .filter(v -> v.matches("\\d{1,6}")).map(Long::parseLong).orElse(0L);
        if (wait > 0) {
            // the throttle's refusal, in words: how long to wait, not whether the password was right
            i18n.getErrorMessage().setTitle(getTranslation("login.throttled.title"));
            i18n.getErrorMessage().setMessage(getTranslation(SignInThrottledException.MESSAGE_KEY, wait));
        } else {
            i18n.getErrorMessage().setTitle(getTranslation("login.error.title"));
            i18n.getErrorMessage().setMessage(getTranslation("login.error.message"));
        }
        form.setI18n(i18n);
        form.setError(wait > 0 || query.containsKey("error"));
    }

    @Override
    public String getPageTitle() {
        // ui depends on security, so the page-title format of ui/ComponentTexts is spelled out here
        return getTranslation("title.login") + " · GridLoop";
    }
}
