package io.gridloop.inbox;

import io.gridloop.forms.FormValidator;
import io.gridloop.system.FieldsInvalidException;
import java.util.List;

/** A submission that failed the server's check of its form; the task was not completed. */
public class FormInvalidException extends FieldsInvalidException {

    private final List<FormValidator.FieldError> errors;

    public FormInvalidException(List<FormValidator.FieldError> errors) {
        super(errors.stream().map(e -> new Problem(e.field(), e.messageKey(), e.args())).toList());
        this.errors = List.copyOf(errors);
    }

    /** The errors as the form renderer marks them on its fields. */
    public List<FormValidator.FieldError> errors() {
        return errors;
    }
}
