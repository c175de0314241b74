package io.gatehouse.core.plan;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;

/**
 * How the streams (SSE, WebSocket) of an EVENT API's plan are limited.
 *
 * @param maxConnections the most streams one subscription (one application on this plan; all anonymous
 *                       callers together on a keyless plan) may hold open at once; null: unlimited
 * @param overRateLimit  what happens to an event to deliver once the plan's rate limit is spent:
 *                       {@code DROP} it (counted, the default) or {@code HOLD} it back until the window
 *                       allows it (the subscriber's queue fills meanwhile)
 */
public record StreamLimits(@Positive @Max(1_000_000) Integer maxConnections, OverRateLimit overRateLimit) {

    public static final StreamLimits NONE = new StreamLimits(null, OverRateLimit.DROP);

    public StreamLimits {
        overRateLimit = overRateLimit == null ? OverRateLimit.DROP : overRateLimit;
    }

    public enum OverRateLimit { DROP, HOLD }
}
