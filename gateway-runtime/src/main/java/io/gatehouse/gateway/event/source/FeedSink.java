package io.gatehouse.gateway.event.source;

import io.gatehouse.gateway.event.stream.StreamEvent;

/** Where a {@link Feed} pushes its events, from the connector's threads; it must never block. */
public interface FeedSink {

    void accept(StreamEvent event);

    /** The feed lost its source and stopped; nothing more comes. */
    void failed(Throwable cause);
}
