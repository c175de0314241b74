package io.gatehouse.gateway.policy.ratelimit;

import io.gatehouse.core.plan.RateLimit;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The rate-limit windows of one plan, as {@link RateLimitPolicy} enforces them.
 *
 * @param windows each at most {@code limit} calls per {@code period}; none means unlimited
 */
public record RateLimitConfig(List<Window> windows) {

    public RateLimitConfig {
        windows = List.copyOf(windows);
    }

    public static RateLimitConfig of(List<RateLimit> limits) {
        return new RateLimitConfig(limits.stream().map(l -> new Window(l.limit(), l.window())).toList());
    }

    public boolean unlimited() {
        return windows.isEmpty();
    }

    /** Identifies the limits: buckets are kept across snapshots while it stays the same. */
    public int fingerprint() {
        return windows.hashCode();
    }

    /** The {@code RateLimit-Policy} field value: one list member per window. */
    public String policyHeader() {
        return windows.stream().map(w -> "\"" + w.name() + "\";q=" + w.limit() + ";w=" + w.seconds())
                .collect(Collectors.joining(", "));
    }

    /** At most {@code limit} calls per {@code period}; the quota is restored in full at the end of each period. */
    public record Window(long limit, Duration period) {

        public Window {
            if (limit <= 0) {
                throw new IllegalArgumentException("rate limit: limit must be positive, was " + limit);
            }
            if (period == null || period.isNegative() || period.compareTo(Duration.ofMillis(100)) < 0) {
                throw new IllegalArgumentException("rate limit: period must be at least 100 ms, was " + period);
            }
        }

        /** The window's name in headers, such as {@code 1m}, {@code 10s}, {@code 1h}, {@code 500ms}. */
        public String name() {
            long millis = period.toMillis();
            if (millis % 86_400_000 == 0) {
                return millis / 86_400_000 + "d";
            }
            if (millis % 3_600_000 == 0) {
                return millis / 3_600_000 + "h";
            }
            if (millis % 60_000 == 0) {
                return millis / 60_000 + "m";
            }
            return millis % 1_000 == 0 ? millis / 1_000 + "s" : millis + "ms";
        }

        /** The window in whole seconds, rounded up, as the headers carry it. */
        public long seconds() {
            return Math.max(1, (period.toMillis() + 999) / 1_000);
        }
    }
}
