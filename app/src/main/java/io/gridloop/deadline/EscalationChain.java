package io.gridloop.deadline;

import io.gridloop.process.CaseLoop;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.engine.DecisionService;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The escalation chain of overdue handling, as {@code processes/escalation.dmn} gives it: for each level the BPMN's
 * boundary timers name (STREET, DISTRICT, NOTICE), after how long past the limit it opens and which group issues it and
 * reads the answer. The process owner changes it in Modeler; the newest deployed table applies.
 * {@code ${escalationChain.after(handleLimit, 'STREET', urgency)}} is a timer's duration.
 */
@Component("escalationChain")
public class EscalationChain {

    /** One level of the chain: opened this long past the limit, issued by this group. */
    public record Rung(TimeLimit after, String issuerGroup) {}

    private final DecisionService decisions;

    public EscalationChain(@Lazy DecisionService decisions) {
        this.decisions = decisions;
    }

    /** The rows evaluated while a caller remembers them (see {@link #remembering}), by level, urgency and street. */
    private final ThreadLocal<Map<String, Rung>> remembered = new ThreadLocal<>();

    /**
     * Runs {@code work} with each row of the table evaluated once on this thread: for a caller that creates many timers
     * at once while nothing is deployed (the demo history's open cases), where evaluating the table for each timer and
     * order would cost most of the time.
     */
    public <T> T remembering(java.util.function.Supplier<T> work) {
        if (remembered.get() != null) {
            return work.get();
        }
        remembered.set(new HashMap<>());
        try {
            return work.get();
        } finally {
            remembered.remove();
        }
    }

    public Rung rung(String level, String urgency, String streetCode) {
        Map<String, Rung> memo = remembered.get();
        if (memo == null) {
            return evaluate(level, urgency, streetCode);
        }
        String key = level + "/" + urgency + "/" + streetCode;
        Rung rung = memo.get(key);
        if (rung == null) {
            rung = evaluate(level, urgency, streetCode);
            memo.put(key, rung);
        }
        return rung;
    }

    private Rung evaluate(String level, String urgency, String streetCode) {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("level", level);
        inputs.put("urgency", urgency);
        inputs.put("streetCode", streetCode == null ? "" : streetCode);
        DmnDecisionRuleResult row = decisions.evaluateDecisionTableByKey(CaseLoop.DECISION_ESCALATION).variables(inputs).evaluate()
                .getFirstResult();
        if (row == null || row.get("after") == null) {
            throw new IllegalStateException("escalation.dmn has no row for level " + level + " and urgency " + urgency);
        }
        Object issuer = row.get("issuerGroup");
        return new Rung(TimeLimit.parse(row.get("after").toString()), issuer == null || issuer.toString().isBlank() ? null : issuer.toString());
    }

    /** The limit plus the level's interval: when the level's timer fires, counted on the case's clock. */
    public String after(String limit, String level, String urgency) {
        TimeLimit base = TimeLimit.parse(limit);
        TimeLimit extra = rung(level, urgency, null).after();
        return new TimeLimit(base.days() + extra.days(), base.time().plus(extra.time())).toString();
    }
}
