package io.gatehouse.core.secret;

/** A sealed secret this process cannot open: sealed with a key it does not hold, or altered. */
public class SecretUnreadableException extends RuntimeException {

    public SecretUnreadableException(String message) {
        super(message);
    }
}
