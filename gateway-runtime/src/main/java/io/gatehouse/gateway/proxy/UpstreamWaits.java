package io.gatehouse.gateway.proxy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts, per upstream, the calls that found every connection they may use busy and waited
 * ({@code gatehouse.gateway.upstream.waits}), and those that gave up after their connect timeout
 * ({@code gatehouse.gateway.upstream.wait.timeouts}): the signs that {@code max-upstream-connections} bites.
 */
final class UpstreamWaits {

    private final MeterRegistry registry;

    UpstreamWaits(MeterRegistry registry) {
        this.registry = registry;
    }

    void waited(Origin origin) {
        counter("gatehouse.gateway.upstream.waits", "Calls that waited for a connection to their upstream", origin).increment();
    }

    void gaveUp(Origin origin) {
        counter("gatehouse.gateway.upstream.wait.timeouts", "Calls that waited for a connection to their upstream past their "
                + "connect timeout (504)", origin).increment();
    }

    /** Looked up on each wait, which only happens while the upstream's connections are all busy. */
    private Counter counter(String name, String description, Origin origin) {
        return Counter.builder(name).description(description)
                .tag("upstream", (origin.tls() ? "https://" : "http://") + origin.host() + ":" + origin.port())
                .register(registry);
    }
}
