package io.gridloop.metrics;

import io.gridloop.grid.Category;
import io.gridloop.grid.ReferenceData;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * How hard each subcategory (小类) is to find and to fix, from the DMN table {@code processes/difficultyWeights.dmn}
 * (decision {@code difficultyWeights}), so the district changes the weights from Modeler: the weighted reports and the
 * easy subcategories ({@link EvaluationSettings#easyWeight()}) of the evaluation read them here and nowhere else.
 */
@Component
public class DifficultyWeights {

    public static final String DECISION = "difficultyWeights";

    /** The weights of every subcategory, as read from one deployed version of the table. */
    public record Table(String decisionDefinitionId, Map<String, Double> weights, double easyWeight) {

        public double weight(String subcategory) {
            Double w = weights.get(subcategory);
            return w == null ? 1.0 : w;
        }

        public boolean easy(String subcategory) {
            return weight(subcategory) <= easyWeight;
        }
    }

    private final DecisionService decisions;
    private final RepositoryService repository;
    private final ReferenceData reference;
    private final EvaluationSettings settings;
    private volatile Table cached;

    public DifficultyWeights(DecisionService decisions, RepositoryService repository, ReferenceData reference,
                             EvaluationSettings settings) {
        this.decisions = decisions;
        this.repository = repository;
        this.reference = reference;
        this.settings = settings;
    }

    /**
     * The weight of every subcategory from the latest deployed table, read again only when a new version is deployed.
     * Outside the caller's read-only transaction: the engine may write the decision's history.
     */
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public Table table() {
        DecisionDefinition latest = repository.createDecisionDefinitionQuery().decisionDefinitionKey(DECISION).latestVersion()
                .singleResult();
        if (latest == null) {
            throw new IllegalStateException("the decision " + DECISION + " is not deployed");
        }
        Table t = cached;
        if (t != null && t.decisionDefinitionId().equals(latest.getId())) {
            return t;
        }
        Map<String, Double> weights = new HashMap<>();
        for (Category c : reference.categories().stream().flatMap(c -> c.subcategories().stream()).toList()) {
            {
                var result = decisions.evaluateDecisionTableById(latest.getId()).variables(Map.of("subcategory", c.code())).evaluate()
                        .getSingleResult();
                Object w = result == null ? null : result.getSingleEntry();
                if (!(w instanceof Number n) || n.doubleValue() < 0) {
                    throw new IllegalStateException(DECISION + " gives " + c.code() + " no weight of zero or more: " + w);
                }
                weights.put(c.code(), n.doubleValue());
            }
        }
        t = new Table(latest.getId(), Map.copyOf(weights), settings.easyWeight());
        cached = t;
        return t;
    }
}
