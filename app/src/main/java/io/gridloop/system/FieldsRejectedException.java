package io.gridloop.system;

import java.util.List;

/**
 * Input refused field by field (a report, a task's form): each problem names its field and a message key. Nothing was
 * saved. Views mark the fields; the JSON API answers 422 with the same messages.
 */
public abstract class FieldsRejectedException extends RuntimeException {

    public record FieldProblem(String field, String messageKey, Object... args) {}

    protected FieldsRejectedException(String message) {
        super(message);
    }

    public abstract List<FieldProblem> fieldProblems();
}
