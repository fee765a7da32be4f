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
    private final DistrictProblems problems;
    private final MonthlyReports reports;

    public EvaluationApi(EvaluationService evaluation, CurrentOfficial official, AccessScopes scopes, DistrictProblems problems,
                         MonthlyReports reports) {
        this.evaluation = evaluation;
        this.problems = problems;
        this.reports = reports;
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

    /** Blind spots, high-frequency subcategories and places, repeat places of the period, within the caller's scope. */
    @GetMapping("/evaluation/problems")
    public DistrictProblems.Problems problems(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                              Locale locale) {
        return problems.problems(from, to, scopes.of(official.require()), locale);
    }

    /** One of those tables as CSV (the API's names as header, UTF-8): blindSpots, frequentSubcategories, frequentPlaces, repeatPlaces. */
    @GetMapping("/evaluation/problems/{table}.csv")
    public void problemsCsv(@org.springframework.web.bind.annotation.PathVariable String table, @RequestParam(required = false) String from,
                            @RequestParam(required = false) String to, Locale locale, HttpServletResponse response) throws IOException {
        ProblemTable t = ProblemTable.ofKey(table).orElseThrow(() -> EvaluationRequestException.badRequest("error.evaluation.table", table));
        DistrictProblems.Problems p = problems(from, to, locale);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"%s-%s-%s.csv\"".formatted(t.key(), p.from(), p.to()));
        ProblemsExport.csv(t, p, response.getOutputStream());
    }

    /** Every table of problems as a sheet of one workbook, labels in the caller's language, each table's rule above it. */
    @GetMapping("/evaluation/problems.xlsx")
    public void problemsXlsx(@RequestParam(required = false) String from, @RequestParam(required = false) String to, Locale locale,
                             HttpServletResponse response) throws IOException {
        DistrictProblems.Problems p = problems(from, to, locale);
        response.setContentType(MonthlyReports.XLSX);
        response.setHeader("Content-Disposition", "attachment; filename=\"problems-%s-%s.xlsx\"".formatted(p.from(), p.to()));
        ProblemsExport.xlsx(p, locale, response.getOutputStream());
    }

    /** The monthly report of a month (YYYY-MM) as the managers receive it, within the caller's scope. */
    @GetMapping("/evaluation/monthly-report.xlsx")
    public void monthlyReport(@RequestParam(required = false) String month, Locale locale, HttpServletResponse response) throws IOException {
        java.time.YearMonth m = MonthlyReports.month(month);
        java.io.ByteArrayOutputStream file = new java.io.ByteArrayOutputStream();
        // written in full before the answer starts, so a refusal is still JSON
        reports.write(m, scopes.of(official.require()), locale, file);
        response.setContentType(MonthlyReports.XLSX);
        response.setHeader("Content-Disposition", "attachment; filename=\"%s\"".formatted(MonthlyReports.fileName(m)));
        file.writeTo(response.getOutputStream());
    }

    private static void attachment(HttpServletResponse response, Evaluation e, String type, String extension) {
        response.setContentType(type);
        response.setHeader("Content-Disposition", "attachment; filename=\"evaluation-%s-%s-%s.%s\""
                .formatted(e.unit().name().toLowerCase(Locale.ROOT), e.from(), e.to(), extension));
    }
}
