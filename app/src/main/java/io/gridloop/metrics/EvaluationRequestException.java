package io.gridloop.metrics;

import io.gridloop.system.UserFacingException;

/** An evaluation asked for with a period or unit that cannot be read (400), or by someone with no figures to see (403). */
public class EvaluationRequestException extends UserFacingException {

    private final int status;

    public EvaluationRequestException(int status, String messageKey, Object... args) {
        super(messageKey, args);
        this.status = status;
    }

    public static EvaluationRequestException badRequest(String messageKey, Object... args) {
        return new EvaluationRequestException(400, messageKey, args);
    }

    @Override
    public int httpStatus() {
        return status;
    }
}
