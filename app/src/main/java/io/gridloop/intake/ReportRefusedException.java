package io.gridloop.intake;

import io.gridloop.system.FieldsInvalidException;
import java.util.List;

/** A report that cannot be accepted as it is; each problem is a message key with its arguments. Nothing was saved. */
public class ReportRefusedException extends FieldsInvalidException {

    public ReportRefusedException(List<Problem> problems) {
        super(problems);
    }
}
