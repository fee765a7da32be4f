package io.gridloop.casefile;

import io.gridloop.system.UserFacingException;

/**
 * A business rule refused a step (e.g. merging into a case that does not exist). Thrown inside the engine transaction,
 * so the whole step rolls back; the message key is translated for the user.
 */
public class CaseRuleException extends UserFacingException {

    public CaseRuleException(String messageKey, Object... args) {
        super(messageKey, args);
    }
}
