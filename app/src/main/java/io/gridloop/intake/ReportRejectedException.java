package io.gridloop.intake;

import io.gridloop.system.FieldsRejectedException;
import java.util.List;

/** A report that cannot be accepted as it is; each problem is a message key with its arguments. Nothing was saved. */
public class ReportRejectedException extends FieldsRejectedException {

    public ReportRejectedException(List<Problem> problems) {
        super(problems);
    }
}
