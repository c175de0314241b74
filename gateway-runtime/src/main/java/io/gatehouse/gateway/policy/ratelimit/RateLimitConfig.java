package io.gatehouse.gateway.policy.ratelimit;

import io.gatehouse.core.plan.RateLimit;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConfigurationBuilder;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The rate-limit windows of one plan, application or API, as {@link RateLimitPolicy} enforces them.
 * Built once per config snapshot; what every call needs from it (fingerprint, bucket configuration,
 * {@code RateLimit-Policy} items) is computed here once, not per call.
 */
public final class RateLimitConfig {

    public static final RateLimitConfig UNLIMITED = new RateLimitConfig(List.of());

    private final List<Window> windows;
    private final int fingerprint;
    private final BucketConfiguration bucketConfiguration;
    private final Map<Level, String> policyHeaders = new EnumMap<>(Level.class);

    /** @param windows each at most {@code limit} calls per {@code period}, plus {@code burst}; none means unlimited */
    public RateLimitConfig(List<Window> windows) {
        this.windows = List.copyOf(windows);
        this.fingerprint = this.windows.hashCode();
        ConfigurationBuilder builder = BucketConfiguration.builder();
        this.windows.forEach(window -> builder.addLimit(window.bandwidth()));
        this.bucketConfiguration = this.windows.isEmpty() ? null : builder.build();
        for (Level level : Level.values()) {
            policyHeaders.put(level, this.windows.stream().map(w -> w.policyItem(level.prefix())).collect(Collectors.joining(", ")));
        }
    }

    public static RateLimitConfig of(List<RateLimit> limits) {
        if (limits == null || limits.isEmpty()) {
            return UNLIMITED;
        }
        return new RateLimitConfig(limits.stream().map(l -> new Window(l.limit(), l.window(), l.burstOrZero())).toList());
    }

    public List<Window> windows() {
        return windows;
    }

    public boolean unlimited() {
        return windows.isEmpty();
    }

    /** Identifies the limits, the same on every node: buckets are kept across snapshots while it stays the same. */
    public int fingerprint() {
        return fingerprint;
    }

    /** The bucket4j configuration: one bandwidth per window, capacity {@code limit + burst}, refilled {@code limit} per period. */
    public BucketConfiguration bucketConfiguration() {
        return bucketConfiguration;
    }

    /** The {@code RateLimit-Policy} list members of these windows, named as {@code level} names them. */
    public String policyHeader(Level level) {
        return policyHeaders.get(level);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RateLimitConfig config && windows.equals(config.windows);
    }

    @Override
    public int hashCode() {
        return fingerprint;
    }

    @Override
    public String toString() {
        return "RateLimitConfig" + windows;
    }

    /**
     * At most {@code limit} calls per {@code period}, restored in full at the end of each period;
     * {@code burst} more may be spent at once by a consumer that saved them up.
     */
    public record Window(long limit, Duration period, long burst) {

        public Window {
            if (limit <= 0) {
                throw new IllegalArgumentException("rate limit: limit must be positive, was " + limit);
            }
            if (burst < 0) {
                throw new IllegalArgumentException("rate limit: burst must not be negative, was " + burst);
            }
            if (period == null || period.isNegative() || period.compareTo(Duration.ofMillis(100)) < 0) {
                throw new IllegalArgumentException("rate limit: period must be at least 100 ms, was " + period);
            }
        }

        public Window(long limit, Duration period) {
            this(limit, period, 0);
        }

        Bandwidth bandwidth() {
            return Bandwidth.builder().capacity(limit + burst).refillIntervally(limit, period).build();
        }

        String policyItem(String prefix) {
            return "\"" + prefix + name() + "\";q=" + limit + ";w=" + seconds() + (burst > 0 ? ";burst=" + burst : "");
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
