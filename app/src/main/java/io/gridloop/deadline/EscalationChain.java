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

    public Rung rung(String level, String urgency, String streetCode) {
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
