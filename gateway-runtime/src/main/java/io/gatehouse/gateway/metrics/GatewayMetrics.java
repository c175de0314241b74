package io.gatehouse.gateway.metrics;

import io.gatehouse.gateway.exchange.Exchange;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Counts and times calls by API and outcome ({@code accepted}, {@code rejected}, {@code failed},
 * {@code no_route}) as the timer {@code gatehouse.gateway.requests}; its count is the call counter.
 */
@Component
public class GatewayMetrics {

    public static final String REQUESTS = "gatehouse.gateway.requests";
    private static final String NO_API = "none";

    private final MeterRegistry registry;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void record(Exchange exchange) {
        String api = exchange.api() == null ? NO_API : exchange.api().context();
        String outcome = exchange.api() == null ? "no_route"
                : exchange.outcome() == null ? "failed" : exchange.outcome().name().toLowerCase(Locale.ROOT);
        timers.computeIfAbsent(api + ' ' + outcome, key -> Timer.builder(REQUESTS)
                        .description("Calls through the gateway, by API and outcome")
                        .tag("api", api)
                        .tag("outcome", outcome)
                        .register(registry))
                .record(exchange.latencyMicros(), TimeUnit.MICROSECONDS);
    }
}
