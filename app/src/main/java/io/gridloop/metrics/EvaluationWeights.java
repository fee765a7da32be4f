package io.gridloop.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.DecisionService;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The composite score's weights, from the DMN table {@code processes/evaluationWeights.dmn} (decision
 * {@code evaluationWeights}), so the district changes them from Modeler: each matching row gives one rate its weight.
 */
@Component
public class EvaluationWeights {

    public static final String DECISION = "evaluationWeights";

    private final DecisionService decisions;

    public EvaluationWeights(DecisionService decisions) {
        this.decisions = decisions;
    }

    /**
     * The weights for a unit, by rate. Outside the caller's read-only transaction: the engine may write the decision's
     * history (PostgreSQL refuses that inside a read-only one).
     */
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public Map<Indicator, Double> of(EvaluationUnit unit) {
        Map<Indicator, Double> weights = new LinkedHashMap<>();
        for (Map<String, Object> row : decisions.evaluateDecisionTableByKey(DECISION)
                .variables(Map.of("unit", unit.name())).evaluate().getResultList()) {
            Indicator indicator = Indicator.ofKey(String.valueOf(row.get("indicator")))
                    .filter(i -> i.kind() == Indicator.Kind.RATE)
                    .orElseThrow(() -> new IllegalStateException("evaluationWeights names no rate: " + row.get("indicator")));
            weights.merge(indicator, ((Number) row.get("weight")).doubleValue(), Double::sum);
        }
        return weights;
    }

    /**
     * The score (0–100 when the weights add up to 100): each rate times its weight, (1 − rate) for a rate where less is
     * better. A rate without a denominator leaves the sum and the others' weights are scaled up to the same total, so a
     * unit is not marked down for work it never had; null when no weighted rate has a value.
     */
    static Double score(Map<Indicator, Double> weights, Map<Indicator, Double> rates) {
        double total = 0;
        double present = 0;
        double sum = 0;
        for (var w : weights.entrySet()) {
            total += w.getValue();
            Double rate = rates.get(w.getKey());
            if (rate != null) {
                present += w.getValue();
                sum += w.getValue() * (w.getKey().higherIsBetter() ? rate : 1 - rate);
            }
        }
        return present == 0 ? null : Tally.round2(sum * total / present);
    }
}
