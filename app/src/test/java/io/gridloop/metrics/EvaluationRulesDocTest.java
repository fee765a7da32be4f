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

                ## 汇总 How the figures stay fast (summaries, V25, V27)

                Every count of a case happens on one day at most and stays on it once it happened (the first return, the
                first approved extension, the first hold, the first rework, the first valid callback answer, a voiding
                status on the day it was reached, a re-report on the day the place was first reported again), so a period's
                counts are the sums of its days' counts. `EvaluationRollup` rolls every finished day up into
                `gl_eval_summary` (a row per day and per month, unit kind and unit: every count, the reports weighted by
                difficulty, the handling times' count, sum, longest and histogram) and the cases overdue and still to be
                handled at each day's end into `gl_eval_pending`: after midnight in the district's zone
                (`gridloop.evaluation.rollup-cron`, `0 10 0 * * *`), one node at a time (a lease on
                `gl_eval_rollup_state`), and on start-up for the days not rolled up yet (a new database, a migration, a
                changed difficulty table: then all of them). It reads the cases alive in a month (or the days left of it)
                with their facts in one ordered, streamed pass and counts them with `CaseFigures`, the rules' one place.

                Today is rolled up too, every few minutes (`gridloop.evaluation.today-rollup-every`, `PT5M`; the same lease,
                the same code): the events of today before an instant T, a minute before the roll-up reads (a transaction
                that wrote an event just before may not have committed yet), go into today's day rows, and the roll-up
                keeps what can still change on an open case and move counts it already made: its lead department (a case
                dispatched, or returned and dispatched to another department, moves its report, registration … to the new
                department's row) and the due dates of its open steps (an extension or a hold moves them, and with them the
                day a step was overdue on). Each roll-up also corrects the earlier days of the cases touched since the one
                before, so the day rows always count every case as the roll-up read it. All of it in one transaction
                that reads one snapshot. The night's roll-up finishes the day before in the same way.

                Earlier days are corrected case by case, not rolled up again: for each case touched since the last roll-up,
                on each earlier day it counts on (now, or as the last roll-up read it), its rows of every unit kind lose what
                the last roll-up counted for it (the case with the lead department and open due dates that roll-up kept,
                counted by `CaseFigures`) and gain what it counts now: counts, weighted reports, the handling times' count,
                sum and histogram. The longest handling time cannot be taken out of a row; where a case took out the longest
                of its row, it is found again among the cases that unit handled that day (as the evaluation does for a
                period). The month rows of the units corrected are summed again from their days. A day is still rolled up
                again whole, from every case touched on it, where case by case cannot be exact: a day the same run has just
                rolled up before its snapshot (the night's, or days written into the past) for a case touched since that
                read began; every earlier day when the last roll-up kept no state of the open cases (summaries from before
                V27); a day whose rows would fall below zero. So a few minutes' roll-up costs what those few cases cost, not
                what their days cost (docs/benchmarks.md).

                The evaluation of a period adds the month rows of its whole months and the day rows of the other days
                (today's up to T), then reads live the cases touched since T (an event at or after T: reported,
                registered, closed, a step started, finished or falling due), a few hundred at most between two
                roll-ups, and counts each as it is now, less what the summaries counted for it: its events before T, with
                the lead department and due dates the roll-up kept. So a case counts once, in the unit it belongs to now,
                whether its events fell before or after T. Every count of a case happens at one instant (see above), so
                nothing before T is counted twice and nothing after it is lost. The state at the period's end comes from
                `gl_eval_pending` for a past day; when it ends now, from the roll-up's count at T (`gl_eval_pending_as_of`),
                each case touched since counted again (a step falling due is such an event). The figures
                are those of the live evaluation; `EvaluationSummaryTest` and `EvaluationSummaryOnPostgresTest` prove it,
                also for a period ending today after a roll-up at T with events before and after T, a roll-up again, and
                the night's. Where that could not be exact (a case's handling time taken out of a unit's row was the
                longest of that unit's, which the sums cannot undo) the evaluation is read live. A case or step written with
                a time before the last roll-up (a history loaded into the past) makes those days live again until the
                next roll-up; an official whose scope does not follow the unit's rows (a street's official by department,
                a grid worker) gets the figures read live. The state at a past day's end (`gl_eval_pending`) is as the
                night after that day saw it; read live, a department or due date changed since would count (not made to
                agree yet).

                The mean handling time is exact (the sum of working seconds). The 90th percentile is read from the
                summed histogram: the upper edge of the bucket holding the nearest rank, never more than the longest
                time. Bucket edges (working hours): 0.25, 0.5, 0.75, 1, 1.5, 2, 2.5, 3, 4, 5, 6, 7, 7.5, 8, 10, 12, 15,
                18, 22.5, 24, 30, 37.5, 45, 52.5, 60, 75, 90, 112.5, 150, 187.5, 225, 300, 450, 600, 900 and above: the
                figure is at most a quarter of an hour high below 1 h, at most 1 h below 8 h, at most 7.5 h (a working
                day) below 60 h, and coarser beyond.
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
