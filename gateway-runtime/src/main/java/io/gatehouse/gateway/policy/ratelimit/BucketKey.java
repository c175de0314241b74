package io.gatehouse.gateway.policy.ratelimit;

import java.util.UUID;

/**
 * One bucket: the level, who owns the windows (plan, application or API), who is counted (the
 * subscription, the application or the API) and the fingerprint of the windows, so that a changed
 * limit starts a fresh bucket while a snapshot rebuild keeps the counters.
 */
record BucketKey(Level level, UUID owner, UUID subject, int fingerprint) {

    String redisKey() {
        return "gatehouse:ratelimit:" + level.name().toLowerCase() + ':' + subject + ':' + Integer.toHexString(fingerprint);
    }

    LiveLimit limit() {
        return new LiveLimit(level, owner, fingerprint);
    }

    /** Windows that a served snapshot still has; buckets of others are released. */
    record LiveLimit(Level level, UUID owner, int fingerprint) {
    }
}
