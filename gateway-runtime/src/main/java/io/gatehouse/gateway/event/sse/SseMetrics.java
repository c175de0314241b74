package io.gatehouse.gateway.event.sse;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Meters of the SSE entrypoint: {@code gatehouse.events.sse.subscribers} (open streams on this node),
 * {@code gatehouse.events.sse.delivered} and {@code gatehouse.events.sse.dropped} with
 * {@code reason=overflow} (a slow subscriber's queue was full) or {@code reason=policy} (a policy dropped it).
 */
public final class SseMetrics {

    private final AtomicInteger subscribers = new AtomicInteger();
    private final Counter delivered;
    private final Counter overflow;
    private final Counter dropped;

    public SseMetrics(MeterRegistry registry) {
        registry.gauge("gatehouse.events.sse.subscribers", subscribers);
        this.delivered = registry.counter("gatehouse.events.sse.delivered");
        this.overflow = registry.counter("gatehouse.events.sse.dropped", "reason", "overflow");
        this.dropped = registry.counter("gatehouse.events.sse.dropped", "reason", "policy");
    }

    void opened() {
        subscribers.incrementAndGet();
    }

    void closed() {
        subscribers.decrementAndGet();
    }

    void delivered() {
        delivered.increment();
    }

    void overflowed() {
        overflow.increment();
    }

    void droppedByPolicy() {
        dropped.increment();
    }
}
