package io.gatehouse.gateway.event.source;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Sequence numbers for events of sources that keep no history (RabbitMQ, MQTT): they only order a
 * node's live events. They start at the node's start time in microseconds, so they keep growing across
 * restarts.
 */
public final class LiveSequence {

    private static final AtomicLong NEXT = new AtomicLong(System.currentTimeMillis() * 1000);

    private LiveSequence() {
    }

    public static long next() {
        return NEXT.incrementAndGet();
    }
}
