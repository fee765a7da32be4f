package io.gridloop.intake;

import java.util.List;

/** A report that cannot be accepted as it is; each problem is a message key with its arguments. Nothing was saved. */
public class ReportRejectedException extends io.gridloop.system.FieldsRejectedException {

    public record Problem(String field, String messageKey, Object... args) {}

    private final List<Problem> problems;

    public ReportRejectedException(List<Problem> problems) {
        super(problems.stream().map(Problem::messageKey).toList().toString());
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    @Override
    public List<FieldProblem> fieldProblems() {
        return problems.stream().map(p -> new FieldProblem(p.field(), p.messageKey(), p.args())).toList();
    }
}
