package io.gatehouse.gateway.event.source;

import io.gatehouse.gateway.event.stream.StreamPosition;

/** A running consumption of a source; closing it stops the events and releases what it holds. */
public interface Feed extends AutoCloseable {

    /** Where the feed started: every event it pushes comes after this position. */
    StreamPosition start();

    /** Stops the feed; idempotent, may block briefly. */
    @Override
    void close();
}
