package io.gridloop.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The docs' page of evaluation rules (docs/evaluation.md) is written from {@link Indicator}'s texts, the same the page,
 * the API's exports and the Excel rules sheet show: when a rule changes, this test rewrites the page and fails once, so
 * the change is committed with it.
 */
class EvaluationRulesDocTest {

    static final Path DOC = Path.of("../docs/evaluation.md");

    static String render() {
        StringBuilder b = new StringBuilder("""
                # 综合评价 Evaluation: figures and counting rules

                Written from `Indicator` and `messages*.properties` by `EvaluationRulesDocTest`; the page, the JSON API
                (`GET /api/evaluation?from=YYYY-MM-DD&to=YYYY-MM-DD&unit=DISTRICT|STREET|COMMUNITY|GRID|DEPARTMENT|GRID_WORKER`)
                and its exports (`/api/evaluation.csv`, `/api/evaluation.xlsx`) show the same words. Settings under
                `gridloop.evaluation` (`EvaluationSettings`); the score's weights in `processes/evaluationWeights.dmn`, the
                subcategories' difficulty weights in `processes/difficultyWeights.dmn`.

                """);
        b.append("- ").append(io.gridloop.ui.Translations.translate("evaluation.unit.rule", Locale.ROOT)).append('\n');
        b.append("- ").append(io.gridloop.ui.Translations.translate("evaluation.unit.rule", Locale.ENGLISH)).append("\n\n");
        b.append("| name | 指标 | rule | 规则 |\n|---|---|---|---|\n");
        for (Indicator i : Indicator.values()) {
            b.append("| `").append(i.key()).append("`").append(i.published() ? "" : " (not in the API)")
                    .append(" | ").append(i.label(Locale.ROOT))
                    .append(" | ").append(i.label(Locale.ENGLISH)).append(": ").append(i.rule(Locale.ENGLISH))
                    .append(" | ").append(i.rule(Locale.ROOT)).append(" |\n");
        }
        b.append("""

                ## 盲区与高频问题 Blind spots and high-frequency problems

                `GET /api/evaluation/problems?from=YYYY-MM-DD&to=YYYY-MM-DD` (the tables below, within the caller's scope),
                `/api/evaluation/problems/{table}.csv` and `/api/evaluation/problems.xlsx`; the page shows them under the
                evaluation, each with its rule.

                | table | 表 | rule | 规则 |
                |---|---|---|---|
                """);
        for (ProblemTable t : ProblemTable.values()) {
            b.append("| `").append(t.key()).append("` (").append(String.join(", ", t.columns())).append(") | ").append(t.label(Locale.ROOT))
                    .append(" | ").append(t.label(Locale.ENGLISH)).append(": ").append(t.rule(Locale.ENGLISH))
                    .append(" | ").append(t.rule(Locale.ROOT)).append(" |\n");
        }
        b.append("""

                ## 月度报告 The monthly report

                On the first working day of each month (the holiday calendar's: after the National Day holiday, 8 October),
                `MonthlyReports` queues the previous month's report to every manager through the outbox, once across nodes (its
                workbook's key in `gl_outbox_file`): a summary of the district's figures, the rankings of departments and streets,
                blind spots and high-frequency problems in the mail, and the same as an Excel workbook attached. Anyone with
                figures to see downloads a month's report within their scope from the evaluation page or
                `GET /api/evaluation/monthly-report.xlsx?month=YYYY-MM`. The check runs hourly
                (`gridloop.evaluation.monthly-report-cron`, `0 5 * * * *` in the district's zone).
                """);
        EvaluationSettings d = EvaluationSettings.defaults();
        b.append("\nSettings (`gridloop.evaluation.*`, defaults from ../shared/domain.md):\n\n")
                .append("- `basically-satisfied-weight`: ").append(d.basicallySatisfiedWeight()).append('\n')
                .append("- `extension-rate-denominator`: ").append(d.extensionRateDenominator()).append(" (or DISPATCHED)\n")
                .append("- `holds-due-to-close`: ").append(d.holdsDueToClose()).append('\n')
                .append("- `voided-statuses`: ").append(String.join(", ", d.voidedStatuses())).append('\n')
                .append("- `easy-weight`: ").append(d.easyWeight()).append(" (a subcategory weighing at most this is easy)\n")
                .append("- `re-report-meters`: ").append(d.reReportMeters()).append(", `re-report-days`: ").append(d.reReportDays()).append('\n')
                .append("- `repeat-meters`: ").append(d.repeatMeters()).append(", `repeat-times`: ").append(d.repeatTimes())
                .append(", `repeat-days`: ").append(d.repeatDays()).append('\n')
                .append("- `frequent-top`: ").append(d.frequentTop()).append('\n');
        return b.toString();
    }

    @Test
    void theDocsSayWhatTheFiguresDo() throws Exception {
        String expected = render();
        String actual = Files.exists(DOC) ? Files.readString(DOC, StandardCharsets.UTF_8) : "";
        if (!actual.equals(expected)) {
            Files.createDirectories(DOC.getParent());
            Files.writeString(DOC, expected, StandardCharsets.UTF_8);
        }
        assertThat(actual).as("docs/evaluation.md was out of date and has been rewritten: commit it").isEqualTo(expected);
    }
}
