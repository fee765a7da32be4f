package io.gridloop.metrics;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

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
 */
@ConfigurationProperties("gridloop.evaluation")
public record EvaluationSettings(Double basicallySatisfiedWeight, Denominator extensionRateDenominator, Boolean holdsDueToClose,
                                 List<String> voidedStatuses) {

    public enum Denominator {
        DUE_TO_CLOSE,
        DISPATCHED
    }

    public EvaluationSettings {
        basicallySatisfiedWeight = basicallySatisfiedWeight == null ? 0.9 : basicallySatisfiedWeight;
        extensionRateDenominator = extensionRateDenominator == null ? Denominator.DUE_TO_CLOSE : extensionRateDenominator;
        holdsDueToClose = holdsDueToClose != null && holdsDueToClose;
        voidedStatuses = voidedStatuses == null ? List.of("REJECTED", "MERGED", "NOT_CONFIRMED") : List.copyOf(voidedStatuses);
    }

    /** The domain's defaults. */
    public static EvaluationSettings defaults() {
        return new EvaluationSettings(null, null, null, null);
    }
}
