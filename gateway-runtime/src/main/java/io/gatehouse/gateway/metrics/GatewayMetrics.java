package io.gatehouse.gateway.metrics;

import io.gatehouse.core.usage.Outcome;
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
 * The timers of an API are looked up once per call by its context, without building a key.
 */
@Component
public class GatewayMetrics {

    public static final String REQUESTS = "gatehouse.gateway.requests";
    private static final String NO_API = "none";
    private static final int NO_ROUTE = Outcome.values().length;

    private final MeterRegistry registry;
    private final Map<String, Timer[]> timersByApi = new ConcurrentHashMap<>();

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void record(Exchange exchange) {
        String api = exchange.api() == null ? NO_API : exchange.api().context();
        int outcome = exchange.api() == null ? NO_ROUTE
                : exchange.outcome() == null ? Outcome.FAILED.ordinal() : exchange.outcome().ordinal();
        Timer[] timers = timersByApi.computeIfAbsent(api, context -> new Timer[NO_ROUTE + 1]);
        Timer timer = timers[outcome];
        if (timer == null) {
            timer = register(api, outcome);
            timers[outcome] = timer;
        }
        timer.record(exchange.latencyMicros(), TimeUnit.MICROSECONDS);
    }

    /** Registering twice (two event loops at once) returns the same timer. */
    private Timer register(String api, int outcome) {
        String name = outcome == NO_ROUTE ? "no_route" : Outcome.values()[outcome].name().toLowerCase(Locale.ROOT);
        return Timer.builder(REQUESTS)
                .description("Calls through the gateway, by API and outcome")
                .tag("api", api)
                .tag("outcome", name)
                .register(registry);
    }
}
