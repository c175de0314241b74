package io.gatehouse.gateway.event.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Webhook meters: {@code gatehouse.webhooks.delivered}, {@code .attempts.failed}, {@code .dead_lettered},
 * {@code .endpoints.disabled} (410 Gone) counters; the timer {@code gatehouse.webhooks.attempts}
 * (every attempt, tagged {@code outcome}); the gauges {@code gatehouse.webhooks.queue.depth} (pending
 * deliveries in the whole cluster, as last counted) and {@code gatehouse.webhooks.in_flight} (attempts
 * running in this process).
 */
final class WebhookMetrics {

    private final Counter delivered;
    private final Counter failed;
    private final Counter deadLettered;
    private final Counter disabled;
    private final Timer deliveredTimer;
    private final Timer failedTimer;
    private final Timer goneTimer;
    private final AtomicLong queueDepth = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();

    WebhookMetrics(MeterRegistry registry) {
        delivered = Counter.builder("gatehouse.webhooks.delivered").description("Webhook deliveries the endpoint acknowledged (2xx)")
                .register(registry);
        failed = Counter.builder("gatehouse.webhooks.attempts.failed")
                .description("Webhook attempts without a 2xx answer (status, timeout, connection error, refused address)")
                .register(registry);
        deadLettered = Counter.builder("gatehouse.webhooks.dead_lettered")
                .description("Webhook deliveries that failed every attempt of the retry schedule").register(registry);
        disabled = Counter.builder("gatehouse.webhooks.endpoints.disabled")
                .description("Webhook endpoints disabled because they answered 410 Gone").register(registry);
        deliveredTimer = attempts(registry, "delivered");
        failedTimer = attempts(registry, "failed");
        goneTimer = attempts(registry, "gone");
        Gauge.builder("gatehouse.webhooks.queue.depth", queueDepth, AtomicLong::get)
                .description("Pending webhook deliveries in the cluster, as last counted").register(registry);
        Gauge.builder("gatehouse.webhooks.in_flight", inFlight, AtomicInteger::get)
                .description("Webhook attempts running in this process").register(registry);
    }

    private static Timer attempts(MeterRegistry registry, String outcome) {
        return Timer.builder("gatehouse.webhooks.attempts").description("Webhook attempts, by outcome")
                .tag("outcome", outcome).register(registry);
    }

    void delivered(long micros) {
        delivered.increment();
        deliveredTimer.record(micros, TimeUnit.MICROSECONDS);
    }

    void failed(long micros) {
        failed.increment();
        failedTimer.record(micros, TimeUnit.MICROSECONDS);
    }

    void deadLettered() {
        deadLettered.increment();
    }

    void gone(long micros) {
        failed.increment();
        disabled.increment();
        goneTimer.record(micros, TimeUnit.MICROSECONDS);
    }

    void queueDepth(long pending) {
        queueDepth.set(pending);
    }

    void started() {
        inFlight.incrementAndGet();
    }

    void finished() {
        inFlight.decrementAndGet();
    }
}
