package io.gridloop.ui;

import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Any other address under /api: 404 as JSON in the caller's language. Without it the request would fall through to
 * Vaadin, which owns every other path and answers 200 with its HTML page.
 */
@RestController
public class ApiNotFound {

    @RequestMapping("/api/**")
    public ResponseEntity<Map<String, Object>> none(Locale locale) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ApiErrors.body("error.notFound", Translations.translate("error.notFound", locale)));
    }
}
