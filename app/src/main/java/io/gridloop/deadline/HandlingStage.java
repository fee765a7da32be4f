package io.gridloop.deadline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/**
 * One stage of a case handled in stages (e.g. illegal building: stop work, penalty, demolition), as a row of the
 * handlingStages table gives it. A case keeps its stages as they were when it was reported (a JSON string variable),
 * so a changed table applies to new cases only, like every other time limit.
 */
public record HandlingStage(String code, String name, String limit) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public HandlingStage {
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException("a handling stage needs a code");
        }
        TimeLimit.parse(limit);
        name = name == null || name.isBlank() ? code : name;
    }

    static HandlingStage of(Map<String, Object> row) {
        return new HandlingStage((String) row.get("stage"), (String) row.get("stageName"), (String) row.get("stageLimit"));
    }

    static String write(List<HandlingStage> stages) {
        try {
            return JSON.writeValueAsString(stages);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<HandlingStage> read(Object json) {
        if (json == null) {
            return List.of();
        }
        try {
            return JSON.readValue(json.toString(), new TypeReference<List<HandlingStage>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable handling stages: " + json, e);
        }
    }
}
