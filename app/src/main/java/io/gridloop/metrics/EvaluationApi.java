package io.gridloop.metrics;

import io.gridloop.security.AccessScopes;
import io.gridloop.security.CurrentOfficial;
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
}
