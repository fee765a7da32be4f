package io.gridloop.ui;

import io.gridloop.system.FieldsInvalidException;
import io.gridloop.system.UserFacingException;
import java.util.LinkedHashMap;
import java.util.List;
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

    /** Input refused field by field: 422 with each field's message, as the form or report page would show them. */
    @ExceptionHandler(FieldsInvalidException.class)
    public ResponseEntity<Map<String, Object>> rejected(FieldsInvalidException e, Locale locale) {
        List<Map<String, String>> fields = e.problems().stream()
                .map(f -> Map.of("field", String.valueOf(f.field()), "code", f.messageKey(),
                        "message", Translations.translate(f.messageKey(), locale, f.args())))
                .toList();
        Map<String, Object> body = new LinkedHashMap<>(body("error.form", Translations.translate("error.form", locale)));
        body.put("fields", fields);
        return ResponseEntity.unprocessableEntity().body(body);
    }

    /** JSON that cannot be read (malformed, an unknown urgency …): 400, said in words. */
    @ExceptionHandler(org.springframework.http.converter.HttpMessageNotReadableException.class)
    public ResponseEntity<Map<String, Object>> unreadable(Exception e, Locale locale) {
        return ResponseEntity.badRequest().body(body("error.request", Translations.translate("error.request", locale)));
    }

    /**
     * A request the API cannot take as sent (wrong method, content type, missing or mistyped parameter, an upload too
     * large …): its 4xx, said in words, never a 500 and never the exception's name.
     */
    @ExceptionHandler({jakarta.servlet.ServletException.class, org.springframework.web.ErrorResponseException.class,
            org.springframework.beans.TypeMismatchException.class, org.springframework.web.multipart.MultipartException.class})
    public ResponseEntity<Map<String, Object>> badRequest(Exception e, Locale locale) {
        int status = e instanceof org.springframework.web.ErrorResponse r ? r.getStatusCode().value() : 400;
        if (status >= 500) {
            status = 400;
        }
        String code = switch (status) {
            case 404 -> "error.notFound";
            case 405 -> "error.method";
            case 415, 406 -> "error.mediaType";
            case 403 -> "error.forbidden";
            default -> "error.request";
        };
        return ResponseEntity.status(status).body(body(code, Translations.translate(code, locale)));
    }

    public static Map<String, Object> body(String code, String message) {
        return Map.of("code", code, "message", message);
    }
}
