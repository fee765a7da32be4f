package io.gridloop.inbox;

import io.gridloop.system.UserFacingException;

/** A task action refused for a reason the user must see (taken by someone else, already done …); nothing changed. */
public class InboxException extends UserFacingException {

    public InboxException(String messageKey, Object... args) {
        super(messageKey, args);
    }
}
