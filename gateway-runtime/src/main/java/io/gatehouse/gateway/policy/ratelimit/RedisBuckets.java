package io.gatehouse.gateway.policy.ratelimit;

import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.VerboseResult;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Token buckets in Redis (bucket4j compare-and-swap over Lettuce's asynchronous API), shared by
 * every gateway that points at the same Redis. Calls never block: while disconnected, Lettuce
 * rejects commands at once instead of queueing them, and every command times out after
 * {@code timeout}. A lost connection is re-established by Lettuce; a first connection that failed
 * is retried in the background, at most once per {@code retryInterval}.
 */
final class RedisBuckets implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisBuckets.class);
    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    private final RedisClient client;
    private final RedisURI uri;
    private final Duration retryInterval;
    private final AtomicBoolean connecting = new AtomicBoolean();
    private volatile long nextConnectNanos;
    private volatile StatefulRedisConnection<String, byte[]> connection;
    private volatile AsyncProxyManager<String> proxies;

    RedisBuckets(String uri, Duration timeout, Duration retryInterval) {
        this.uri = RedisURI.create(uri);
        this.uri.setTimeout(timeout);
        this.retryInterval = retryInterval;
        this.client = RedisClient.create();
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
                .build());
    }

    /**
     * Tries to connect now, blocking for at most the timeout; for startup, off the event loop.
     * Returns why it failed, or {@code null} once connected.
     */
    RuntimeException connect() {
        try {
            StatefulRedisConnection<String, byte[]> connected = client.connect(CODEC, uri);
            connection = connected;
            proxies = Bucket4jLettuce.casBasedBuilder(connected)
                    .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                    .build()
                    .asAsync();
            return null;
        } catch (RuntimeException e) {
            log.debug("Could not connect to Redis at {}: {}", uri, e.getMessage());
            return e;
        } finally {
            nextConnectNanos = System.nanoTime() + retryInterval.toNanos();
        }
    }

    /**
     * Takes one token from the bucket {@code key} in Redis; fails when Redis is not reachable
     * (also when no connection has been made yet, which then starts one in the background).
     */
    CompletableFuture<VerboseResult<ConsumptionProbe>> consume(String key, RateLimitConfig config) {
        AsyncProxyManager<String> manager = proxies;
        if (manager == null) {
            connectInBackground();
            return CompletableFuture.failedFuture(new IllegalStateException("not connected to Redis at " + uri));
        }
        return manager.builder()
                .build(key, () -> CompletableFuture.completedFuture(config.bucketConfiguration()))
                .asVerbose()
                .tryConsumeAndReturnRemaining(1);
    }

    private void connectInBackground() {
        if (System.nanoTime() - nextConnectNanos < 0 || !connecting.compareAndSet(false, true)) {
            return;
        }
        Thread.ofVirtual().name("ratelimit-redis-connect").start(() -> {
            try {
                connect();
            } finally {
                connecting.set(false);
            }
        });
    }

    @Override
    public void close() {
        StatefulRedisConnection<String, byte[]> open = connection;
        if (open != null) {
            open.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
