package io.gridloop.open311;

import io.gridloop.system.FieldsInvalidException;
import io.gridloop.system.UserFacingException;
import io.gridloop.ui.Translations;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MultipartException;

/**
 * Open311's error list, in the format the endpoint was called in: {@code [{"code": 400, "description": "…"}]} or
 * {@code <errors><error><code/><description/></error></errors>}, with the standard statuses. Ahead of the JSON API's
 * own error answers, for the Open311 door only.
 */
@RestControllerAdvice(assignableTypes = Open311Api.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class Open311Errors {

    @ExceptionHandler(Open311Exception.class)
    public ResponseEntity<String> refused(Open311Exception e, HttpServletRequest request, Locale l) {
        return errors(request, e.status(), List.of(Translations.translate(e.messageKey(), l, e.args())));
    }

    /** Intake's own checks (category, place inside the grids, description, e-mail …): a bad parameter, field by field. */
    @ExceptionHandler(FieldsInvalidException.class)
    public ResponseEntity<String> rejected(FieldsInvalidException e, HttpServletRequest request, Locale l) {
        return errors(request, 400, e.problems().stream()
                .map(p -> Translations.translate(p.messageKey(), l, p.args())).toList());
    }

    @ExceptionHandler(UserFacingException.class)
    public ResponseEntity<String> refused(UserFacingException e, HttpServletRequest request, Locale l) {
        int status = e.httpStatus() == 422 ? 400 : e.httpStatus();
        return errors(request, status, List.of(Translations.translate(e.messageKey(), l, e.args())));
    }

    /** A body Tomcat or Spring could not read (a broken multipart, one too large). */
    @ExceptionHandler(MultipartException.class)
    public ResponseEntity<String> unreadable(Exception e, HttpServletRequest request, Locale l) {
        return errors(request, 400, List.of(Translations.translate("error.request", l)));
    }

    static ResponseEntity<String> errors(HttpServletRequest request, int status, List<String> descriptions) {
        Open311Format f = request.getRequestURI().endsWith(".xml") ? Open311Format.XML : Open311Format.JSON;
        List<Map<String, Object>> list = descriptions.stream().map(d -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("code", status);
            m.put("description", d);
            return m;
        }).toList();
        return ResponseEntity.status(status).contentType(f.mediaType()).body(f.write("errors", list));
    }
}
