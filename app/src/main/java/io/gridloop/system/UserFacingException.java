package io.gridloop.system;

/**
 * A refusal the official must read: a message key with its arguments, translated by the view. Thrown before or inside
 * a transaction, it leaves nothing half-saved.
 */
public class UserFacingException extends RuntimeException {

    private final String messageKey;
    private final transient Object[] args;

    public UserFacingException(String messageKey, Object... args) {
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

    /** The HTTP status an API client gets for this refusal: 422 unless the kind of refusal says otherwise. */
    public int httpStatus() {
        return 422;
    }
}
