package io.gridloop.citizen;

import io.gridloop.system.UserFacingException;

/** A citizen's report or rating refused as a whole (too many reports, a failed human check, a used link); nothing stored. */
public class CitizenRefusedException extends UserFacingException {

    private final int status;

    public CitizenRefusedException(int status, String messageKey, Object... args) {
        super(messageKey, args);
        this.status = status;
    }

    @Override
    public int httpStatus() {
        return status;
    }
}
