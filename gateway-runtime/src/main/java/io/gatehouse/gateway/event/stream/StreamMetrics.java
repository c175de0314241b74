package io.gatehouse.gateway.event.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Meters of one transport's streams, tagged {@code transport=sse|websocket}:
 * {@code gatehouse.events.subscribers} (open streams on this node), {@code gatehouse.events.delivered},
 * and {@code gatehouse.events.dropped} with {@code reason=overflow} (a slow subscriber's queue was full)
 * or {@code reason=policy} (a policy dropped it).
 */
public final class StreamMetrics {

    private final AtomicInteger subscribers = new AtomicInteger();
    private final Counter delivered;
    private final Counter overflow;
    private final Counter dropped;

    public StreamMetrics(MeterRegistry registry, String transport) {
        registry.gauge("gatehouse.events.subscribers", Tags.of("transport", transport), subscribers);
        this.delivered = registry.counter("gatehouse.events.delivered", "transport", transport);
        this.overflow = registry.counter("gatehouse.events.dropped", "transport", transport, "reason", "overflow");
        this.dropped = registry.counter("gatehouse.events.dropped", "transport", transport, "reason", "policy");
    }

    public void opened() {
        subscribers.incrementAndGet();
    }

    public void closed() {
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
