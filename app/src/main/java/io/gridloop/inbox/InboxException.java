package io.gridloop.inbox;

/** A task action refused for a reason the user must see (taken by someone else, already done …); nothing changed. */
public class InboxException extends RuntimeException {

    private final String messageKey;
    private final transient Object[] args;

    public InboxException(String messageKey, Object... args) {
        super(messageKey);
        this.messageKey = messageKey;
        this.args = args;
    }

    public String messageKey() {
        return messageKey;
    }

    public Object[] args() {
        return args;
    }
}
