package io.gridloop.metrics;

import io.gridloop.ui.Translations;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;

/**
 * Every figure of the evaluation (综合评价), written once: its name (as the JSON API, the exports and the page name it),
 * how it is computed from the counts of a unit, and where its label and its rule in words live in messages*.properties
 * ({@code evaluation.<name>} and {@code evaluation.<name>.rule}). What counts a case into a count is {@link CaseFigures}.
 */
public enum Indicator {
    REPORTS("reports"),
    REGISTERED("registered"),
    REJECTED("rejected"),
    NOT_CONFIRMED("notConfirmed"),
    MERGED("merged"),
    SELF_RESOLVED("selfResolved"),
    DISPATCHED("dispatched"),
    RETURNED("returned"),
    EXTENDED("extended"),
    HELD("held"),
    FILED("filed"),
    FILED_ON_TIME("filedOnTime"),
    OVERDUE_STEPS("overdueSteps"),
    REWORKED("reworked"),
    SATISFIED("satisfied"),
    BASICALLY_SATISFIED("basicallySatisfied"),
    DISSATISFIED("dissatisfied"),

    // counts the rates divide, not published under their own name
    DUE_TO_CLOSE("dueToClose", false),
    HANDLED("handled", false),
    HANDLED_ON_TIME("handledOnTime", false),
    OVERDUE_PENDING("overduePending", false),
    REGISTERED_ON_TIME("registeredOnTime", false),
    VOIDED("voided", false),
    CALLBACKS("callbacks", false),
    EASY_REPORTS("easyReports", false),
    RE_REPORTED("reReported", false),

    CLOSE_RATE("closeRate", true, (t, s) -> ratio(t.get(FILED), t.get(DUE_TO_CLOSE))),
    ON_TIME_RATE("onTimeRate", true, (t, s) -> ratio(t.get(FILED_ON_TIME), t.get(DUE_TO_CLOSE))),
    REWORK_RATE("reworkRate", false, (t, s) -> ratio(t.get(REWORKED), t.get(DUE_TO_CLOSE))),
    HANDLE_RATE("handleRate", true, (t, s) -> ratio(t.get(HANDLED), t.get(DISPATCHED))),
    ON_TIME_HANDLE_RATE("onTimeHandleRate", true, (t, s) -> ratio(t.get(HANDLED_ON_TIME), t.get(DISPATCHED))),
    OVERDUE_PENDING_RATE("overduePendingRate", false, (t, s) -> ratio(t.get(OVERDUE_PENDING), t.get(DISPATCHED))),
    EXTENSION_RATE("extensionRate", false, (t, s) -> ratio(t.get(EXTENDED),
            t.get(s.extensionRateDenominator() == EvaluationSettings.Denominator.DISPATCHED ? DISPATCHED : DUE_TO_CLOSE))),
    ON_TIME_REGISTER_RATE("onTimeRegisterRate", true, (t, s) -> ratio(t.get(REGISTERED_ON_TIME), t.get(REGISTERED))),
    ACCURATE_REGISTER_RATE("accurateRegisterRate", true, (t, s) -> ratio(t.get(REGISTERED) - t.get(VOIDED), t.get(REGISTERED))),
    SATISFACTION_RATE("satisfactionRate", true, (t, s) -> ratio(
            t.get(SATISFIED) + s.basicallySatisfiedWeight() * t.get(BASICALLY_SATISFIED), t.get(CALLBACKS))),

    MEAN_HANDLING_HOURS("meanHandlingHours", (t, s) -> t.meanHandlingHours()),
    P90_HANDLING_HOURS("p90HandlingHours", (t, s) -> t.p90HandlingHours()),

    SCORE("score", (t, s) -> null),

    // the honest figures (issue 10): what quotas cannot game
    WEIGHTED_REPORTS("weightedReports", Kind.WEIGHTED, (t, s) -> Tally.round2(t.weightedReports())),
    EASY_SHARE("easyShare", false, (t, s) -> ratio(t.get(EASY_REPORTS), t.get(REPORTS))),
    RE_REPORT_RATE("reReportRate", false, (t, s) -> ratio(t.get(RE_REPORTED), t.get(SELF_RESOLVED)));

    public enum Kind {
        COUNT,
        RATE,
        HOURS,
        SCORE,
        /** a sum of weights (the reports weighted by difficulty) */
        WEIGHTED
    }

    private final String key;
    private final Kind kind;
    private final boolean published;
    private final boolean higherIsBetter;
    private final BiFunction<Tally, EvaluationSettings, Double> formula;

    Indicator(String key) {
        this(key, true);
    }

    Indicator(String key, boolean published) {
        this.key = key;
        this.kind = Kind.COUNT;
        this.published = published;
        this.higherIsBetter = true;
        this.formula = null;
    }

    Indicator(String key, boolean higherIsBetter, BiFunction<Tally, EvaluationSettings, Double> formula) {
        this.key = key;
        this.kind = Kind.RATE;
        this.published = true;
        this.higherIsBetter = higherIsBetter;
        this.formula = formula;
    }

    Indicator(String key, Kind kind, BiFunction<Tally, EvaluationSettings, Double> formula) {
        this.key = key;
        this.kind = kind;
        this.published = true;
        this.higherIsBetter = true;
        this.formula = formula;
    }

    Indicator(String key, BiFunction<Tally, EvaluationSettings, Double> formula) {
        this.key = key;
        this.kind = key.equals("score") ? Kind.SCORE : Kind.HOURS;
        this.published = true;
        this.higherIsBetter = kind == Kind.SCORE;
        this.formula = formula;
    }

    /** The name in the JSON API, the exports and the DMN weights table. */
    public String key() {
        return key;
    }

    public Kind kind() {
        return kind;
    }

    public boolean published() {
        return published;
    }

    /** Whether more is better; a score takes (1 − rate) of a rate where less is better. */
    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** A rate's or an hours figure's value from a unit's counts; null where its denominator is 0. */
    Double compute(Tally tally, EvaluationSettings settings) {
        return formula == null ? null : formula.apply(tally, settings);
    }

    public String label(Locale locale) {
        return Translations.translate("evaluation." + key, locale);
    }

    /** The rule in words, shown beside the figure on the page, in the API's docs and the exports. */
    public String rule(Locale locale) {
        return Translations.translate("evaluation." + key + ".rule", locale);
    }

    /** The figures a row shows, in order: counts, rates, hours, the score, then the honest figures. */
    public static List<Indicator> publishedFigures() {
        return Arrays.stream(values()).filter(Indicator::published).toList();
    }

    public static java.util.Optional<Indicator> ofKey(String key) {
        return Arrays.stream(values()).filter(i -> i.key.equals(key)).findFirst();
    }

    static Double ratio(double numerator, long denominator) {
        return denominator == 0 ? null : numerator / denominator;
    }
}
