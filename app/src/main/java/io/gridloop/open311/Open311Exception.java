package io.gridloop.open311;

/**
 * A refusal in Open311's terms: the HTTP status (400 bad parameter, 403 key, 404 unknown id or service, 429 too many
 * calls) and a message key with its arguments, answered as Open311's error list. Thrown before anything is stored.
 */
public class Open311Exception extends RuntimeException {

    private final int status;
    private final String messageKey;
    private final transient Object[] args;

    public Open311Exception(int status, String messageKey, Object... args) {
        super(status + " " + messageKey);
        this.status = status;
        this.messageKey = messageKey;
        this.args = args;
    }

    public int status() {
        return status;
    }

    public String messageKey() {
        return messageKey;
    }

    public Object[] args() {
        return args;
    }
}
