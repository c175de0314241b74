package io.gatehouse.gateway.event.stream;

/**
 * How one transport (SSE, WebSocket) puts a subscriber's events on its connection. A
 * {@link StreamSubscriber} calls it on the connection's event loop only, one event at a time, and
 * writes only while {@link #writeQueueFull()} is false; the writer frames and writes, nothing else.
 */
public interface StreamWriter {

    /** Whether the connection's write queue is full: the subscriber then waits for {@link #drainHandler}. */
    boolean writeQueueFull();

    /** Runs {@code onDrain} once when the write queue has room again. */
    void drainHandler(Runnable onDrain);

    /** Writes one event, framed for the transport. */
    void write(StreamEvent event);

    /** Writes a keep-alive that carries no event. */
    void heartbeat();

    /**
     * Ends the connection from the gateway's side, saying why as the transport can (a WebSocket close
     * code and reason; an SSE response just ends); idempotent.
     *
     * @param detail a sentence for the client, or null
     */
    void end(EndReason reason, String detail);

    /** Why the gateway ends a stream. */
    enum EndReason {
        /** A policy refused to go on (an expired credential, a policy's rejection). */
        POLICY,
        /** The subscriber could not be kept up: a limit or quota is spent for now, its source failed, or it fell too far behind. */
        TRY_AGAIN_LATER,
        /** The gateway is stopping. */
        GOING_AWAY
    }
}
