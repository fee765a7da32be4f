package io.gridloop.metrics;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * The counting rules where practice differs (../shared/domain.md, "Counting rules in practice"): the defaults are the
 * domain's, each one a setting under {@code gridloop.evaluation}.
 *
 * @param basicallySatisfiedWeight how much a "basically satisfied" answer counts in the satisfaction rate (满意率 =
 *                                 (满意 + w × 基本满意) / 有效回访数; one implementation uses 0.9)
 * @param extensionRateDenominator what the extension rate divides by: {@code DUE_TO_CLOSE} (应结案数, reproduces
 *                                 Zhengzhou's published figures) or {@code DISPATCHED} (应处置数)
 * @param holdsDueToClose          whether a case on hold (挂账) past its handling due date is due to be closed; by default
 *                                 a hold stops the clock and the case leaves the denominator
 * @param voidedStatuses           the statuses a registered case may end in that void its registration (作废), for the
 *                                 accurate registration rate
 * @param easyWeight               a subcategory whose difficulty weight (processes/difficultyWeights.dmn) is at most this is
 *                                 an easy one (容易的小类), for the share of easy reports
 * @param reReportMeters           how near a later report of the same subcategory must be to re-report a self-resolved case
 * @param reReportDays             within how many days after the self-resolved case's report
 * @param repeatMeters             how near reports of the same subcategory must be to be one place (高频问题, repeat places)
 * @param repeatTimes              how many reports at one place within {@code repeatDays} make a repeat place
 * @param repeatDays               the window of a repeat place, in days
 * @param frequentTop              how many subcategories and places the high-frequency lists show
 */
@ConfigurationProperties("gridloop.evaluation")
public record EvaluationSettings(Double basicallySatisfiedWeight, Denominator extensionRateDenominator, Boolean holdsDueToClose,
                                 List<String> voidedStatuses, Double easyWeight, Double reReportMeters, Integer reReportDays,
                                 Double repeatMeters, Integer repeatTimes, Integer repeatDays, Integer frequentTop) {

    public enum Denominator {
        DUE_TO_CLOSE,
        DISPATCHED
    }

    @ConstructorBinding
    public EvaluationSettings {
        basicallySatisfiedWeight = basicallySatisfiedWeight == null ? 0.9 : basicallySatisfiedWeight;
        extensionRateDenominator = extensionRateDenominator == null ? Denominator.DUE_TO_CLOSE : extensionRateDenominator;
        holdsDueToClose = holdsDueToClose != null && holdsDueToClose;
        voidedStatuses = voidedStatuses == null ? List.of("REJECTED", "MERGED", "NOT_CONFIRMED") : List.copyOf(voidedStatuses);
        easyWeight = easyWeight == null ? 1.0 : easyWeight;
        reReportMeters = reReportMeters == null ? 100.0 : reReportMeters;
        reReportDays = reReportDays == null ? 30 : reReportDays;
        repeatMeters = repeatMeters == null ? 100.0 : repeatMeters;
        repeatTimes = repeatTimes == null ? 3 : repeatTimes;
        repeatDays = repeatDays == null ? 90 : repeatDays;
        frequentTop = frequentTop == null ? 10 : frequentTop;
    }

    /** The counting rules alone, the honest figures' parameters at their defaults. */
    public EvaluationSettings(Double basicallySatisfiedWeight, Denominator extensionRateDenominator, Boolean holdsDueToClose,
                              List<String> voidedStatuses) {
        this(basicallySatisfiedWeight, extensionRateDenominator, holdsDueToClose, voidedStatuses, null, null, null, null, null, null,
                null);
    }

    /** The domain's defaults. */
    public static EvaluationSettings defaults() {
        return new EvaluationSettings(null, null, null, null);
    }
}
