package io.gatehouse.gateway.policy.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.local.LocalBucketBuilder;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Token buckets in this gateway's memory: the {@code local} store, and the fallback of the Redis one. */
final class LocalBuckets {

    private final Map<BucketKey, Bucket> buckets = new ConcurrentHashMap<>();

    Consumption consume(BucketKey key, RateLimitConfig config) {
        Bucket bucket = buckets.computeIfAbsent(key, k -> create(config));
        return RateLimitBuckets.toConsumption(bucket.asVerbose().tryConsumeAndReturnRemaining(1));
    }

    void retain(Set<BucketKey.LiveLimit> live) {
        buckets.keySet().removeIf(key -> !live.contains(key.limit()));
    }

    private static Bucket create(RateLimitConfig config) {
        LocalBucketBuilder builder = Bucket.builder().withNanosecondPrecision();
        for (Bandwidth bandwidth : config.bucketConfiguration().getBandwidths()) {
            builder.addLimit(bandwidth);
        }
        return builder.build();
    }
}
