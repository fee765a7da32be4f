package io.gridloop.ui;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.autoconfigure.web.servlet.error.BasicErrorController;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorViewResolver;
import org.springframework.boot.web.servlet.error.ErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * /error, where the servlet container sends what no door answered itself (a refused sign-in, an unknown path under a
 * servlet, a container-level failure). JSON callers get {@code {"code", "message"}} in their language, with the status,
 * and never an exception's name or trace; /error opened directly is "not found", not the 500 Spring Boot would answer
 * for an error without a status.
 */
@Controller
public class ErrorDoor extends BasicErrorController {

    public ErrorDoor(ErrorAttributes errorAttributes, ServerProperties server, List<ErrorViewResolver> resolvers) {
        super(errorAttributes, server.getError(), resolvers);
    }

    @Override
    protected HttpStatus getStatus(HttpServletRequest request) {
        if (request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) == null) {
            return HttpStatus.NOT_FOUND;
        }
        return super.getStatus(request);
    }

    @Override
    public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        HttpStatus status = getStatus(request);
        if (status == HttpStatus.NO_CONTENT) {
            return new ResponseEntity<>(status);
        }
        String code = codeOf(status);
        return ResponseEntity.status(status).body(ApiErrors.body(code, Translations.translate(code, RequestContextUtils.getLocale(request))));
    }

    static String codeOf(HttpStatus status) {
        return switch (status.value()) {
            case 401 -> "error.signIn.required";
            case 403 -> "error.forbidden";
            case 404 -> "error.notFound";
            case 405 -> "error.method";
            case 406, 415 -> "error.mediaType";
            default -> status.is4xxClientError() ? "error.request" : "error.internal";
        };
    }
}
