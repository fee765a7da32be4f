package io.gridloop.metrics;

import io.gridloop.security.AccessScopes;
import io.gridloop.security.CurrentOfficial;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The evaluation for other systems: {@code GET /api/evaluation?from=YYYY-MM-DD&to=YYYY-MM-DD&unit=…}, dates inclusive in
 * the district's zone, on the same service and scope as the page. Unreadable parameters answer 400 in words.
 */
@RestController
@RequestMapping("/api")
public class EvaluationApi {

    private final EvaluationService evaluation;
    private final CurrentOfficial official;
    private final AccessScopes scopes;

    public EvaluationApi(EvaluationService evaluation, CurrentOfficial official, AccessScopes scopes) {
        this.evaluation = evaluation;
        this.official = official;
        this.scopes = scopes;
    }

    @GetMapping("/evaluation")
    public Evaluation evaluation(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                 @RequestParam(required = false, defaultValue = "DISTRICT") String unit, Locale locale) {
        return evaluation.evaluate(from, to, unit, scopes.of(official.require()), locale);
    }

    /** The same rows as CSV (the API's names as header, UTF-8). Computed before anything is written, so refusals stay JSON. */
    @GetMapping("/evaluation.csv")
    public void csv(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                    @RequestParam(required = false, defaultValue = "DISTRICT") String unit, Locale locale,
                    HttpServletResponse response) throws IOException {
        Evaluation e = evaluation(from, to, unit, locale);
        attachment(response, e, "text/csv;charset=UTF-8", "csv");
        EvaluationExport.csv(e, response.getOutputStream());
    }

    /** The same rows as an Excel workbook, labels in the caller's language, with a sheet of the rules. */
    @GetMapping("/evaluation.xlsx")
    public void xlsx(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                     @RequestParam(required = false, defaultValue = "DISTRICT") String unit, Locale locale,
                     HttpServletResponse response) throws IOException {
        Evaluation e = evaluation(from, to, unit, locale);
        attachment(response, e, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx");
        EvaluationExport.xlsx(e, locale, response.getOutputStream());
    }

    private static void attachment(HttpServletResponse response, Evaluation e, String type, String extension) {
        response.setContentType(type);
        response.setHeader("Content-Disposition", "attachment; filename=\"evaluation-%s-%s-%s.%s\""
                .formatted(e.unit().name().toLowerCase(Locale.ROOT), e.from(), e.to(), extension));
    }
}
