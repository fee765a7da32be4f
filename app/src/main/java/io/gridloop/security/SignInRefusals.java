package io.gridloop.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.i18n.I18NProvider;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;

/**
 * How a refused sign-in is told, in the caller's language: HTTP Basic callers (/api, /engine-rest) get 401, or 429 with
 * {@code Retry-After} when their client is throttled for the account, as {@code {"code", "message"}}; the login page
 * comes back with the reason ({@code ?error} or {@code ?throttled=N}).
 */
@Component
public class SignInRefusals implements AuthenticationEntryPoint, AuthenticationFailureHandler {

    private final I18NProvider translations;
    private final LocaleResolver locales;
    private final ObjectMapper json;

    public SignInRefusals(I18NProvider translations, LocaleResolver locales, ObjectMapper json) {
        this.translations = translations;
        this.locales = locales;
        this.json = json;
    }

    /** HTTP Basic: no or wrong credentials, or a throttled pair. */
    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException {
        if (e instanceof SignInThrottledException t) {
            response.setHeader("Retry-After", String.valueOf(t.waitSeconds()));
            write(request, response, 429, SignInThrottledException.MESSAGE_KEY, t.waitSeconds());
        } else {
            response.setHeader("WWW-Authenticate", "Basic realm=\"GridLoop\"");
            write(request, response, 401, "error.signIn.required");
        }
    }

    /** The login page's form. */
    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        String query = e instanceof SignInThrottledException t ? "?throttled=" + t.waitSeconds() : "?error";
        response.sendRedirect(request.getContextPath() + "/login" + query);
    }

    /** A refusal as the JSON API words every refusal. */
    public void write(HttpServletRequest request, HttpServletResponse response, int status, String code, Object... args)
            throws IOException {
        Locale locale = locales.resolveLocale(request);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", translations.getTranslation(code, locale, args));
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), body);
    }
}
