package io.gatehouse.gateway.event.source;

import io.gatehouse.gateway.event.stream.StreamPosition;

/** A running consumption of a source; closing it stops the events and releases what it holds. */
public interface Feed extends AutoCloseable {

    /**
     * Where the feed started: every event it pushes comes after this position. By default none: a feed
     * that joins its source live, at whatever comes next.
     */
    default StreamPosition start() {
        return new StreamPosition();
    }

    /** Whether it is consuming its source right now (a feed that reconnects by itself is not while it retries). */
    default boolean connected() {
        return true;
    }

    /** Stops the feed; idempotent, may block briefly. */
    @Override
    void close();
}
