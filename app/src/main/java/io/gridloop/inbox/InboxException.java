package io.gridloop.inbox;

import io.gridloop.system.UserFacingException;

/** A task action refused for a reason the user must see (taken by someone else, already done …); nothing changed. */
public class InboxException extends UserFacingException {

    public InboxException(String messageKey, Object... args) {
        super(messageKey, args);
    }

    @Override
    public int httpStatus() {
        return switch (messageKey()) {
            case "error.task.notYours" -> 403;
            case "error.task.gone", "error.task.claimedByOther" -> 409;
            default -> 422;
        };
    }

    /** Whether the task no longer exists: another official completed it (or the case moved on) a moment earlier. */
    public boolean gone() {
        return "error.task.gone".equals(messageKey());
    }
}
