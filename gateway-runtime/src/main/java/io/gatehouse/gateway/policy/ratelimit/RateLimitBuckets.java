package io.gatehouse.gateway.policy.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.local.LocalBucketBuilder;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The gateway's local token buckets, kept across config snapshots. A bucket is keyed by who is
 * limited (a subscription, or a keyless plan) and by the fingerprint of the limits, so that a
 * snapshot rebuild keeps the counters while a changed limit starts a fresh bucket.
 */
@Component
public class RateLimitBuckets {

    private final Map<Key, LimitedBucket> buckets = new ConcurrentHashMap<>();

    LimitedBucket bucket(UUID subject, UUID planId, RateLimitConfig config) {
        return buckets.computeIfAbsent(new Key(subject, planId, config.fingerprint()), key -> create(config));
    }

    /** Forgets the buckets of plans that are gone or whose limits changed. */
    public void retain(Map<UUID, Integer> fingerprintsByPlan) {
        buckets.keySet().removeIf(key -> !Integer.valueOf(key.fingerprint()).equals(fingerprintsByPlan.get(key.planId())));
    }

    int size() {
        return buckets.size();
    }

    private static LimitedBucket create(RateLimitConfig config) {
        LocalBucketBuilder builder = Bucket.builder().withNanosecondPrecision();
        for (RateLimitConfig.Window window : config.windows()) {
            builder.addLimit(Bandwidth.builder().capacity(window.limit())
                    .refillIntervally(window.limit(), window.period()).build());
        }
        return new LimitedBucket(config, builder.build(), System.nanoTime());
    }

    private record Key(UUID subject, UUID planId, int fingerprint) {
    }

    /** A bucket with the moment its windows started, to tell when each window resets. */
    record LimitedBucket(RateLimitConfig config, Bucket bucket, long startNanos) {

        long nanosToReset(int window, long nowNanos) {
            long period = config.windows().get(window).period().toNanos();
            return period - Math.floorMod(nowNanos - startNanos, period);
        }
    }
}
