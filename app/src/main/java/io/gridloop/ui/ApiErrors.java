package io.gridloop.ui;

import io.gridloop.system.UserFacingException;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A refusal through the JSON API reads as it does in the app: its message key and the message in the caller's
 * language (Accept-Language, Chinese by default), with a status that says what kind of refusal it is.
 */
@RestControllerAdvice(annotations = RestController.class)
public class ApiErrors {

    @ExceptionHandler(UserFacingException.class)
    public ResponseEntity<Map<String, Object>> refused(UserFacingException e, Locale locale) {
        return ResponseEntity.status(e.httpStatus()).body(body(e.messageKey(), Translations.translate(e.messageKey(), locale, e.args())));
    }

    public static Map<String, Object> body(String code, String message) {
        return Map.of("code", code, "message", message);
    }
}
