package io.gatehouse.core.webhook;

/** A callback URL may not be called now: it is malformed, does not resolve, or resolves to a forbidden address. */
public class CallbackRefusedException extends RuntimeException {

    public CallbackRefusedException(String message) {
        super(message);
    }
}
