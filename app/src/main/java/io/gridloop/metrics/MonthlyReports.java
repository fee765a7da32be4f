package io.gridloop.metrics;

import io.gridloop.deadline.WorkingTime;
import io.gridloop.notify.Outbox;
import io.gridloop.security.AccessScope;
import io.gridloop.security.Roles;
import io.gridloop.ui.Translations;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The monthly report (月度评价报告): the month's summary, the rankings of departments and streets, the blind spots and the
 * high-frequency problems, as an Excel workbook. Queued through the outbox to the managers on the first working day of
 * the next month (the working calendar's, so after a holiday), with the workbook attached; downloadable from the
 * evaluation page and the JSON API for any month, within the caller's scope.
 */
@Service
public class MonthlyReports {

    private static final Logger LOG = LoggerFactory.getLogger(MonthlyReports.class);
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    /** The district-wide scope the queued report is computed in: the managers' own. */
    private static final AccessScope DISTRICT = AccessScope.of("monthly-report", List.of(Roles.MANAGER), Set.of());

    private final EvaluationService evaluations;
    private final EvaluationRankings rankings;
    private final DistrictProblems problems;
    private final Outbox outbox;
    private final IdentityService identity;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final WorkingTime workingTime;
    private final Clock clock;

    public MonthlyReports(EvaluationService evaluations, EvaluationRankings rankings, DistrictProblems problems, Outbox outbox,
                          IdentityService identity, JdbcClient jdbc, TransactionTemplate tx, WorkingTime workingTime, Clock clock) {
        this.evaluations = evaluations;
        this.rankings = rankings;
        this.problems = problems;
        this.outbox = outbox;
        this.identity = identity;
        this.jdbc = jdbc;
        this.tx = tx;
        this.workingTime = workingTime;
        this.clock = clock;
    }

    /** What a month's report holds, computed once for the workbook and the mail. */
    record Content(YearMonth month, Evaluation district, Evaluation streets, EvaluationRankings.Ranking departmentRanking,
                   EvaluationRankings.Ranking streetRanking, DistrictProblems.Problems problems) {}

    Content content(YearMonth month, AccessScope scope, Locale locale) {
        LocalDate from = month.atDay(1);
        LocalDate to = month.atEndOfMonth();
        return new Content(month, evaluations.evaluate(from, to, EvaluationUnit.DISTRICT, scope, locale),
                evaluations.evaluate(from, to, EvaluationUnit.STREET, scope, locale),
                rankings.rank(from, to, EvaluationUnit.DEPARTMENT, scope, locale), rankings.rank(from, to, EvaluationUnit.STREET, scope, locale),
                problems.problems(from, to, scope, locale));
    }

    public static String fileName(YearMonth month) {
        return "evaluation-report-" + month + ".xlsx";
    }

    /** The month's report as an Excel workbook, within the scope, labels in the reader's language, written to the stream. */
    public void write(YearMonth month, AccessScope scope, Locale locale, OutputStream out) throws IOException {
        write(content(month, scope, locale), locale, out);
    }

    /** Reads the month as YYYY-MM, refused in words otherwise. */
    public static YearMonth month(String value) {
        if (value == null || value.isBlank()) {
            throw EvaluationRequestException.badRequest("error.evaluation.dateMissing", "month");
        }
        String v = value.trim();
        try {
            YearMonth m = YearMonth.parse(v);
            if (!EvaluationService.heldYear(v, m.getYear())) {
                throw EvaluationRequestException.badRequest("error.evaluation.month", value);
            }
            return m;
        } catch (java.time.format.DateTimeParseException e) {
            throw EvaluationRequestException.badRequest("error.evaluation.month", value);
        }
    }

    static void write(Content c, Locale locale, OutputStream out) throws IOException {
        Workbook wb = new Workbook(out, "GridLoop", "1.0");
        Worksheet summary = wb.newWorksheet(Translations.translate("evaluation.report.summary", locale));
        summary.value(0, 0, Translations.translate("evaluation.report.title", locale, c.month().toString()));
        summary.value(1, 0, Translations.translate("evaluation.figure", locale));
        summary.value(1, 1, c.district().total().name());
        summary.value(1, 2, Translations.translate("evaluation.rules", locale));
        int r = 2;
        for (Indicator i : Indicator.publishedFigures()) {
            summary.value(r, 0, i.label(locale));
            Number v = c.district().total().get(i);
            if (v != null) {
                summary.value(r, 1, v);
            }
            summary.value(r++, 2, i.rule(locale));
        }
        Worksheet streets = wb.newWorksheet(Translations.translate("evaluation.unit.STREET", locale));
        List<Indicator> figures = Indicator.publishedFigures();
        streets.value(0, 0, Translations.translate("evaluation.name", locale));
        for (int f = 0; f < figures.size(); f++) {
            streets.value(0, f + 1, figures.get(f).label(locale));
        }
        r = 1;
        for (Evaluation.Row row : c.streets().rows()) {
            streets.value(r, 0, row.name());
            for (int f = 0; f < figures.size(); f++) {
                ProblemsExport.cell(streets, r, f + 1, row.get(figures.get(f)));
            }
            r++;
        }
        ranking(wb, c.departmentRanking(), Translations.translate("evaluation.ranking.DEPARTMENT", locale), locale);
        ranking(wb, c.streetRanking(), Translations.translate("evaluation.ranking.STREET", locale), locale);
        for (ProblemTable t : ProblemTable.values()) {
            ProblemsExport.sheet(wb, t, c.problems(), locale);
        }
        wb.finish();
    }

    private static void ranking(Workbook wb, EvaluationRankings.Ranking ranking, String title, Locale locale) {
        Worksheet ws = wb.newWorksheet(title);
        ws.value(0, 0, Translations.translate("evaluation.ranking.rule", locale));
        String[] headers = {"evaluation.rank", "evaluation.name", "evaluation.score", "evaluation.change", "evaluation.previousRank"};
        for (int h = 0; h < headers.length; h++) {
            ws.value(1, h, Translations.translate(headers[h], locale));
        }
        int r = 2;
        for (EvaluationRankings.Ranked row : ranking.rows()) {
            ProblemsExport.cell(ws, r, 0, row.rank());
            ws.value(r, 1, row.name());
            ProblemsExport.cell(ws, r, 2, row.score());
            ProblemsExport.cell(ws, r, 3, row.change() == null ? null : Tally.round2(row.change()));
            ProblemsExport.cell(ws, r++, 4, row.previousRank());
        }
    }

    /** The mail's summary in one language: the headline figures, the top of each ranking and list. */
    static String summary(Content c, Locale locale) {
        Evaluation.Row t = c.district().total();
        StringBuilder b = new StringBuilder();
        for (Indicator i : List.of(Indicator.REPORTS, Indicator.WEIGHTED_REPORTS, Indicator.REGISTERED, Indicator.FILED, Indicator.CLOSE_RATE,
                Indicator.ON_TIME_RATE, Indicator.SATISFACTION_RATE, Indicator.RE_REPORT_RATE, Indicator.SCORE)) {
            b.append(i.label(locale)).append(": ").append(EvaluationView.format(i, t.get(i))).append('\n');
        }
        b.append('\n').append(Translations.translate("evaluation.ranking.DEPARTMENT", locale)).append(": ")
                .append(top(c.departmentRanking()));
        b.append('\n').append(Translations.translate("evaluation.ranking.STREET", locale)).append(": ").append(top(c.streetRanking()));
        b.append('\n').append(ProblemTable.BLIND_SPOTS.label(locale)).append(": ").append(c.problems().blindSpots().size()).append(" · ")
                .append(c.problems().blindSpots().stream().limit(5).map(s -> s.gridName() + " " + s.subcategoryName())
                        .collect(Collectors.joining(", ")));
        b.append('\n').append(ProblemTable.FREQUENT_SUBCATEGORIES.label(locale)).append(": ")
                .append(c.problems().frequentSubcategories().stream().limit(3)
                        .map(s -> s.subcategoryName() + " " + s.reports() + " (" + String.format(Locale.ROOT, "%+d", s.change()) + ")")
                        .collect(Collectors.joining(", ")));
        b.append('\n').append(ProblemTable.REPEAT_PLACES.label(locale)).append(": ").append(c.problems().repeatPlaces().size());
        return b.toString();
    }

    private static String top(EvaluationRankings.Ranking ranking) {
        return ranking.rows().stream().filter(r -> r.rank() != null).limit(3)
                .map(r -> r.rank() + ". " + r.name() + " " + EvaluationView.format(Indicator.SCORE, r.score())).collect(Collectors.joining(", "));
    }

    /** The first working day of a month by the working calendar (holidays and swapped working weekends). */
    public LocalDate firstWorkingDay(YearMonth month) {
        LocalDate d = month.atDay(1);
        while (!workingTime.holidays().isWorkingDay(d)) {
            d = d.plusDays(1);
        }
        return d;
    }

    /** Every hour of the working day; only the first working day of a month queues anything, and only once. */
    @Scheduled(cron = "${gridloop.evaluation.monthly-report-cron:0 5 * * * *}", zone = "${gridloop.zone:Asia/Shanghai}")
    public void scheduled() {
        queueDue();
    }

    /**
     * On the first working day of a month, queues the previous month's report to the managers; any other day, or once it
     * is queued (by this node or another), nothing. Returns how many messages it queued.
     */
    public int queueDue() {
        LocalDate today = LocalDate.now(clock);
        if (!today.equals(firstWorkingDay(YearMonth.from(today)))) {
            return 0;
        }
        return queue(YearMonth.from(today).minusMonths(1));
    }

    /** Queues a month's report to every manager, once: the workbook's key in gl_outbox_file is the guard across nodes. */
    int queue(YearMonth month) {
        String key = "monthly-report:" + month;
        if (queued(key)) {
            return 0;
        }
        Content zh = content(month, DISTRICT, Locale.SIMPLIFIED_CHINESE);
        String summaryEn = summary(content(month, DISTRICT, Locale.ENGLISH), Locale.ENGLISH);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try {
            write(zh, Locale.SIMPLIFIED_CHINESE, file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> managers = identity.createUserQuery().memberOfGroup(Roles.MANAGER).list().stream().map(User::getId).sorted().toList();
        try {
            Integer n = tx.execute(s -> {
                jdbc.sql("""
                        insert into gl_outbox_file (file_key, file_name, content_type, content, created_at)
                        values (:k, :name, :type, :content, :now)""")
                        .param("k", key).param("name", fileName(month)).param("type", XLSX).param("content", file.toByteArray())
                        .param("now", OffsetDateTime.now(clock)).update();
                return outbox.toUsersWithFile(key, managers, "mail.monthlyReport", "/evaluation", key, month.toString(),
                        new Outbox.Localized(summary(zh, Locale.SIMPLIFIED_CHINESE), summaryEn));
            });
            LOG.info("Monthly report {} queued to {} managers", month, n);
            return n == null ? 0 : n;
        } catch (DataIntegrityViolationException e) {
            LOG.info("Monthly report {} was queued by another node", month);
            return 0;
        }
    }

    private boolean queued(String key) {
        return jdbc.sql("select count(*) from gl_outbox_file where file_key = :k").param("k", key).query(Long.class).single() > 0;
    }
}
