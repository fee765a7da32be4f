package io.gridloop.deadline;

import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * What the BPMN's business rule task {@code Task_DecideHandlingStages} keeps of the handlingStages table's rows: the
 * stages as JSON, how many, and the first stage's name and limit (in place of the timeLimits table's handling limit).
 */
@Component("handlingStages")
public class HandlingStages {

    public int first() {
        return 1;
    }

    public int count(List<Map<String, Object>> rows) {
        return Math.max(1, stages(rows).size());
    }

    /** The stages as JSON; none for a subcategory handled at once. */
    public String json(List<Map<String, Object>> rows) {
        List<HandlingStage> stages = stages(rows);
        return stages.isEmpty() ? null : HandlingStage.write(stages);
    }

    public String firstName(List<Map<String, Object>> rows) {
        List<HandlingStage> stages = stages(rows);
        return stages.isEmpty() ? null : stages.get(0).name();
    }

    public String firstLimit(List<Map<String, Object>> rows, String handleLimit) {
        List<HandlingStage> stages = stages(rows);
        return stages.isEmpty() ? handleLimit : stages.get(0).limit();
    }

    private static List<HandlingStage> stages(List<Map<String, Object>> rows) {
        return rows == null ? List.of() : rows.stream().map(HandlingStage::of).toList();
    }
}
