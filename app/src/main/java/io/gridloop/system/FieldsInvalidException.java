package io.gridloop.system;

import java.util.List;

/**
 * Input refused field by field (a report, a task's form): each problem names its field and a message key. Nothing was
 * saved. Views mark the fields; the JSON API answers 422 with the same messages.
 */
public class FieldsInvalidException extends RuntimeException {

    public record Problem(String field, String messageKey, Object... args) {}

    private final List<Problem> problems;

    public FieldsInvalidException(List<Problem> problems) {
        super(problems.stream().map(p -> p.field() + ":" + p.messageKey()).toList().toString());
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
