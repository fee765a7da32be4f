package io.gridloop.security;

import org.springframework.security.core.AuthenticationException;

/** Too many wrong passwords from this client for this account: refused without checking, for {@link #waitSeconds()}. */
public class SignInThrottledException extends AuthenticationException {

    public static final String MESSAGE_KEY = "error.signIn.throttled";

    private final long waitSeconds;

    public SignInThrottledException(long waitSeconds) {
        super("too many attempts, try again in " + waitSeconds + " s");
        this.waitSeconds = waitSeconds;
    }

    public long waitSeconds() {
        return waitSeconds;
    }
}
