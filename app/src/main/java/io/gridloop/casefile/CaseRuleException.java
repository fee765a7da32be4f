package io.gridloop.casefile;

/**
 * A business rule refused a step (e.g. merging into a case that does not exist). Thrown inside the engine transaction,
 * so the whole step rolls back; the message key is translated for the user.
 */
public class CaseRuleException extends RuntimeException {

    private final String messageKey;
    private final transient Object[] args;

    public CaseRuleException(String messageKey, Object... args) {
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
