package io.gatehouse.gateway.event.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Meters of one transport's streams on this node, tagged {@code transport=sse|websocket}:
 * <ul>
 * <li>{@code gatehouse.events.subscribers}: open streams;</li>
 * <li>{@code gatehouse.events.delivered}: events written;</li>
 * <li>{@code gatehouse.events.dropped} with {@code reason=overflow} (a slow subscriber's full queue dropped
 *     its oldest) or {@code reason=policy} (a policy dropped it, e.g. past a rate limit);</li>
 * <li>{@code gatehouse.events.overflow.disconnects}: streams ended because their queue was full;</li>
 * <li>{@code gatehouse.events.queue.depth} with {@code stat=max|sum}: events waiting in subscriber queues,
 *     in the fullest one and in all together;</li>
 * <li>{@code gatehouse.events.lag}: from an event's publication to its write on a stream (a timer with a
 *     percentile histogram).</li>
 * </ul>
 */
public final class StreamMetrics {

    private final AtomicInteger subscribers = new AtomicInteger();
    private final Set<StreamSubscriber> queues = ConcurrentHashMap.newKeySet();
    private final Counter delivered;
    private final Counter overflow;
    private final Counter dropped;
    private final Counter disconnects;
    private final Timer lag;

    public StreamMetrics(MeterRegistry registry, String transport) {
        registry.gauge("gatehouse.events.subscribers", Tags.of("transport", transport), subscribers);
        this.delivered = registry.counter("gatehouse.events.delivered", "transport", transport);
        this.overflow = registry.counter("gatehouse.events.dropped", "transport", transport, "reason", "overflow");
        this.dropped = registry.counter("gatehouse.events.dropped", "transport", transport, "reason", "policy");
        this.disconnects = registry.counter("gatehouse.events.overflow.disconnects", "transport", transport);
        Gauge.builder("gatehouse.events.queue.depth", this, StreamMetrics::deepestQueue)
                .description("Events waiting in the fullest subscriber queue").tags("transport", transport, "stat", "max")
                .register(registry);
        Gauge.builder("gatehouse.events.queue.depth", this, StreamMetrics::queuedEvents)
                .description("Events waiting in all subscriber queues").tags("transport", transport, "stat", "sum")
                .register(registry);
        this.lag = Timer.builder("gatehouse.events.lag").description("From an event's publication to its write on a stream")
                .tag("transport", transport).publishPercentileHistogram().maximumExpectedValue(Duration.ofMinutes(1))
                .register(registry);
    }

    public void opened() {
        subscribers.incrementAndGet();
    }

    public void closed() {
        subscribers.decrementAndGet();
    }

    void tracked(StreamSubscriber subscriber) {
        queues.add(subscriber);
    }

    void untracked(StreamSubscriber subscriber) {
        queues.remove(subscriber);
    }

    void delivered(Instant publishedAt) {
        delivered.increment();
        if (publishedAt != null) {
            lag.record(Math.max(0, System.currentTimeMillis() - publishedAt.toEpochMilli()), TimeUnit.MILLISECONDS);
        }
    }

    void overflowed() {
        overflow.increment();
    }

    void disconnectedOnOverflow() {
        disconnects.increment();
    }

    void droppedByPolicy() {
        dropped.increment();
    }

    private double deepestQueue() {
        int max = 0;
        for (StreamSubscriber subscriber : queues) {
            max = Math.max(max, subscriber.queued());
        }
        return max;
    }

    private double queuedEvents() {
        long sum = 0;
        for (StreamSubscriber subscriber : queues) {
            sum += subscriber.queued();
        }
        return sum;
    }
}
