package io.gatehouse.gateway.policy.ratelimit;

import io.gatehouse.core.snapshot.GatewaySnapshot;
import io.gatehouse.core.snapshot.GatewaySnapshot.Consumer;
import io.gatehouse.core.snapshot.GatewaySnapshot.ServedApi;
import io.gatehouse.core.snapshot.GatewaySnapshot.ServedPlan;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.VerboseResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The gateway's token buckets, kept across config snapshots, in the store the settings name:
 * {@code gatehouse.gateway.ratelimit.store} ({@code GATEHOUSE_RATELIMIT_STORE}) {@code local}
 * (default: each gateway counts alone) or {@code redis} (bucket4j + Lettuce at
 * {@code gatehouse.gateway.ratelimit.redis-uri}: limits hold across gateways).
 *
 * <p>When Redis fails, {@code gatehouse.gateway.ratelimit.on-store-failure} decides: {@code open}
 * (default) counts in local buckets instead, {@code closed} refuses the call (503). The outage is
 * logged once when it starts and once when it ends; while it lasts Redis is tried again at most once
 * per second. The gauge {@value #AVAILABLE} is 1 while the store answers, 0 during an outage; the
 * counter {@value #FAILURES} counts failed store calls.
 */
@Component
public class RateLimitBuckets implements DisposableBean {

    public static final String AVAILABLE = "gatehouse.gateway.ratelimit.store.available";
    public static final String FAILURES = "gatehouse.gateway.ratelimit.store.failures";
    private static final Logger log = LoggerFactory.getLogger(RateLimitBuckets.class);
    private static final long PROBE_INTERVAL_NANOS = Duration.ofSeconds(1).toNanos();

    private final LocalBuckets local = new LocalBuckets();
    private final RedisBuckets redis;
    private final boolean failOpen;
    private final String redisUri;
    private final Map<BucketKey, Long> windowStarts = new ConcurrentHashMap<>();
    private final AtomicBoolean available = new AtomicBoolean(true);
    private final Counter failures;
    private volatile long nextProbeNanos;

    public RateLimitBuckets(
            @Value("${gatehouse.gateway.ratelimit.store:${GATEHOUSE_RATELIMIT_STORE:local}}") String store,
            @Value("${gatehouse.gateway.ratelimit.redis-uri:${GATEHOUSE_RATELIMIT_REDIS_URI:redis://127.0.0.1:6379}}") String redisUri,
            @Value("${gatehouse.gateway.ratelimit.on-store-failure:${GATEHOUSE_RATELIMIT_ON_STORE_FAILURE:open}}") String onStoreFailure,
            @Value("${gatehouse.gateway.ratelimit.redis-timeout-ms:500}") long timeoutMillis,
            MeterRegistry meters) {
        String storeName = store.strip().toLowerCase(Locale.ROOT);
        if (!storeName.equals("local") && !storeName.equals("redis")) {
            throw new IllegalArgumentException("gatehouse.gateway.ratelimit.store must be local or redis, was " + store);
        }
        String failure = onStoreFailure.strip().toLowerCase(Locale.ROOT);
        if (!failure.equals("open") && !failure.equals("closed")) {
            throw new IllegalArgumentException("gatehouse.gateway.ratelimit.on-store-failure must be open or closed, was " + onStoreFailure);
        }
        this.failOpen = failure.equals("open");
        this.redisUri = redisUri;
        this.failures = Counter.builder(FAILURES).description("Rate-limit store calls that failed").tag("store", storeName)
                .register(meters);
        Gauge.builder(AVAILABLE, available, a -> a.get() ? 1 : 0)
                .description("1 while the rate-limit store answers, 0 during an outage").tag("store", storeName)
                .register(meters);
        if (storeName.equals("redis")) {
            redis = new RedisBuckets(redisUri, Duration.ofMillis(timeoutMillis), Duration.ofSeconds(1));
            RuntimeException failed = redis.connect();
            if (failed == null) {
                log.info("Rate limits are kept in Redis at {} (on failure: fail {})", redisUri, failure);
            } else {
                storeFailed(failed);
            }
        } else {
            redis = null;
        }
    }

    /** Takes one token for {@code key}; completes normally, also when the store failed. */
    CompletionStage<Consumption> consume(BucketKey key, RateLimitConfig config) {
        windowStarts.computeIfAbsent(key, k -> System.nanoTime());
        if (redis == null) {
            return CompletableFuture.completedFuture(local.consume(key, config));
        }
        if (!available.get() && System.nanoTime() - nextProbeNanos < 0) {
            return CompletableFuture.completedFuture(fallback(key, config));
        }
        try {
            return redis.consume(key.redisKey(), config).handle((result, error) -> {
                if (error != null) {
                    storeFailed(error);
                    return fallback(key, config);
                }
                storeAnswered();
                return toConsumption(result);
            });
        } catch (RuntimeException e) {
            storeFailed(e);
            return CompletableFuture.completedFuture(fallback(key, config));
        }
    }

    /** Nanoseconds until window {@code window} of {@code key} resets, as this node tells it. */
    long nanosToReset(BucketKey key, RateLimitConfig config, int window, long nowNanos) {
        long period = config.windows().get(window).period().toNanos();
        long start = windowStarts.getOrDefault(key, nowNanos);
        return period - Math.floorMod(nowNanos - start, period);
    }

    /** Forgets the local buckets of windows that {@code snapshot}, now serving, no longer has. */
    public void retain(GatewaySnapshot snapshot) {
        Set<BucketKey.LiveLimit> live = new HashSet<>();
        for (ServedApi api : snapshot.apisByContext().values()) {
            for (ServedPlan plan : api.plans().values()) {
                live.add(new BucketKey.LiveLimit(Level.PLAN, plan.id(), RateLimitConfig.of(plan.rateLimits()).fingerprint()));
            }
            live.add(new BucketKey.LiveLimit(Level.BACKEND, api.id(), RateLimitConfig.of(api.backendRateLimits()).fingerprint()));
        }
        for (Consumer consumer : snapshot.applications().values()) {
            live.add(new BucketKey.LiveLimit(Level.APPLICATION, consumer.applicationId(),
                    RateLimitConfig.of(consumer.rateLimits()).fingerprint()));
        }
        retain(live);
    }

    void retain(Set<BucketKey.LiveLimit> live) {
        local.retain(live);
        windowStarts.keySet().removeIf(key -> !live.contains(key.limit()));
    }

    public boolean storeAvailable() {
        return available.get();
    }

    static Consumption toConsumption(VerboseResult<ConsumptionProbe> result) {
        ConsumptionProbe probe = result.getValue();
        return new Consumption(probe.isConsumed(), result.getDiagnostics().getAvailableTokensPerEachBandwidth(),
                probe.getNanosToWaitForRefill(), false);
    }

    private Consumption fallback(BucketKey key, RateLimitConfig config) {
        return failOpen ? local.consume(key, config) : Consumption.STORE_FAILED;
    }

    private void storeFailed(Throwable error) {
        failures.increment();
        nextProbeNanos = System.nanoTime() + PROBE_INTERVAL_NANOS;
        if (available.compareAndSet(true, false)) {
            log.warn("Rate-limit store Redis at {} is unreachable ({}); {} until it answers again", redisUri,
                    rootMessage(error), failOpen ? "counting in local buckets (fail open)" : "refusing calls with 503 (fail closed)");
        }
    }

    private void storeAnswered() {
        if (available.compareAndSet(false, true)) {
            log.info("Rate-limit store Redis at {} answers again; limits are shared across gateways", redisUri);
        }
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    @Override
    public void destroy() {
        if (redis != null) {
            redis.close();
        }
    }
}
