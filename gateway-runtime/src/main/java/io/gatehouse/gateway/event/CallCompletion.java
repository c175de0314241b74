package io.gatehouse.gateway.event;

/**
 * The end of one call an event entrypoint serves. The gateway completes a call when its HTTP response
 * has been written or its connection closed: then it runs what was registered, the log phase, metrics
 * and the access log, once. A connection the HTTP response no longer tracks (one upgraded to a
 * WebSocket) is completed by its entrypoint with {@link #complete()} when it closes.
 */
public interface CallCompletion {

    /** Runs {@code action} when the call is done (at once if it is done already). On the call's event loop. */
    void also(Runnable action);

    /** Completes the call now, if it is not complete yet. On the call's event loop. */
    void complete();
}
