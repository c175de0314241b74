package io.gatehouse.gateway.event.source;

/** The event source cannot be reached or refused the operation for now; trying again later may succeed. */
public class SourceUnavailableException extends RuntimeException {

    public SourceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public SourceUnavailableException(String message) {
        super(message);
    }
}
