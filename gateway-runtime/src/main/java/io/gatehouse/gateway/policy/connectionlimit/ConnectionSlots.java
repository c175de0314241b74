package io.gatehouse.gateway.policy.connectionlimit;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Counts the open streams of each subscription, in the store the rate limits use
 * ({@code gatehouse.gateway.ratelimit.store}): {@code local} counts on this node only; {@code redis}
 * counts across all nodes ({@link RedisConnectionSlots}: a slot is a lease a node renews while its stream
 * is open, so the slots of a node that died free themselves within
 * {@code gatehouse.gateway.events.connection-lease}). When Redis fails, slots are counted on this node
 * until it answers again (fail open), and the outage is logged once.
 */
@Component
public class ConnectionSlots implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ConnectionSlots.class);

    private final Map<UUID, Integer> local = new ConcurrentHashMap<>();
    private final RedisConnectionSlots redis;
    private final AtomicBoolean redisAvailable = new AtomicBoolean(true);

    /** One open stream's slot; released once, when the stream ends. */
    public interface Slot {
        void release();
    }

    @Autowired
    public ConnectionSlots(
            @Value("${gatehouse.gateway.ratelimit.store:${GATEHOUSE_RATELIMIT_STORE:local}}") String store,
            @Value("${gatehouse.gateway.ratelimit.redis-uri:${GATEHOUSE_RATELIMIT_REDIS_URI:redis://127.0.0.1:6379}}") String redisUri,
            @Value("${gatehouse.gateway.ratelimit.redis-timeout-ms:500}") long timeoutMillis,
            @Value("${gatehouse.gateway.events.connection-lease:30s}") Duration lease) {
        this(store.strip().toLowerCase(Locale.ROOT).equals("redis")
                ? new RedisConnectionSlots(redisUri, lease, Duration.ofMillis(timeoutMillis)) : null);
    }

    ConnectionSlots(RedisConnectionSlots redis) {
        this.redis = redis;
    }

    /** Takes a slot of {@code subject} if it holds fewer than {@code max}; completes with null when it holds them all. */
    public CompletionStage<Slot> acquire(UUID subject, int max) {
        if (redis == null) {
            return CompletableFuture.completedFuture(acquireLocally(subject, max));
        }
        return redis.acquire(subject, max).handle((slot, error) -> {
            if (error == null) {
                if (redisAvailable.compareAndSet(false, true)) {
                    log.info("Connection limits are counted in Redis again");
                }
                return slot.orElse(null);
            }
            if (redisAvailable.compareAndSet(true, false)) {
                log.warn("Connection limits cannot be counted in Redis ({}); counting on this node until it answers", error.toString());
            }
            return acquireLocally(subject, max);
        });
    }

    /** How many slots of {@code subject} this node counts locally. */
    int heldLocally(UUID subject) {
        return local.getOrDefault(subject, 0);
    }

    private Slot acquireLocally(UUID subject, int max) {
        boolean[] taken = {false};
        local.compute(subject, (key, held) -> {
            int count = held == null ? 0 : held;
            if (count >= max) {
                return held;
            }
            taken[0] = true;
            return count + 1;
        });
        if (!taken[0]) {
            return null;
        }
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                local.computeIfPresent(subject, (key, held) -> held <= 1 ? null : held - 1);
            }
        };
    }

    @Override
    public void destroy() {
        if (redis != null) {
            redis.close();
        }
    }
}
