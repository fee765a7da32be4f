package io.gridloop.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridloop.security.Roles;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Camunda's REST API words its errors for developers: the exception's class ({@code "type": "…Exception"}) and its
 * message, which may name tables, classes and ids. Process owners and administrators (Modeler, Cockpit) keep them;
 * anyone else gets the same status as {@code {"code", "message"}} in their language, and a failure inside the engine
 * is their request refused (400), not a 500 that tells them about it.
 */
@Configuration
public class EngineRestErrors {

    @Bean
    public FilterRegistrationBean<OncePerRequestFilter> engineRestErrorWording(LocaleResolver locales, ObjectMapper json) {
        FilterRegistrationBean<OncePerRequestFilter> bean = new FilterRegistrationBean<>(new Wording(locales, json));
        bean.addUrlPatterns("/engine-rest/*");
        bean.setName("engine-rest-error-wording");
        // after Spring Security (which has signed the caller in), before Camunda's own authentication and resources
        bean.setOrder(0);
        return bean;
    }

    static boolean processOwner(Authentication auth) {
        return auth != null && auth.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_" + Roles.PROCESS_OWNER)
                || a.getAuthority().equals("ROLE_" + Roles.ADMIN));
    }

    static final class Wording extends OncePerRequestFilter {

        private final LocaleResolver locales;
        private final ObjectMapper json;

        Wording(LocaleResolver locales, ObjectMapper json) {
            this.locales = locales;
            this.json = json;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (processOwner(SecurityContextHolder.getContext().getAuthentication())) {
                chain.doFilter(request, response);
                return;
            }
            ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
            chain.doFilter(request, wrapper);
            int status = wrapper.getStatus();
            if (status < 400 || response.isCommitted()) {
                wrapper.copyBodyToResponse();
                return;
            }
            wrapper.resetBuffer();
            HttpStatus refused = status >= 500 ? HttpStatus.BAD_REQUEST : HttpStatus.resolve(status);
            if (refused == null) {
                refused = HttpStatus.BAD_REQUEST;
            }
            String code = status >= 500 ? "error.engine" : ErrorDoor.codeOf(refused);
            response.setStatus(refused.value());
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            response.setHeader("Content-Length", null);
            byte[] body = json.writeValueAsBytes(ApiErrors.body(code, Translations.translate(code, locales.resolveLocale(request))));
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        }
    }
}
