package io.gridloop.inbox;

import io.gridloop.forms.FormValidator;
import java.util.List;

/** A submission that failed the server's check of its form; the task was not completed. */
public class FormRejectedException extends io.gridloop.system.FieldsRejectedException {

    private final List<FormValidator.FieldError> errors;

    public FormRejectedException(List<FormValidator.FieldError> errors) {
        super(errors.stream().map(e -> e.field() + ":" + e.messageKey()).toList().toString());
        this.errors = List.copyOf(errors);
    }

    public List<FormValidator.FieldError> errors() {
        return errors;
    }

    @Override
    public List<FieldProblem> fieldProblems() {
        return errors.stream().map(e -> new FieldProblem(e.field(), e.messageKey(), e.args())).toList();
    }
}
