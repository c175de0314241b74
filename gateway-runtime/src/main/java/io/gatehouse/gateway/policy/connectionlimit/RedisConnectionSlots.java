package io.gatehouse.gateway.policy.connectionlimit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.ZAddArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Connection slots shared by all gateway nodes in Redis: one sorted set per subscription
 * ({@code gatehouse:connections:<id>}) whose members are the open streams ({@code <node>:<stream>}),
 * scored with the time their lease runs out. Taking a slot is one script: drop the expired leases,
 * count the rest, add this one if there is room. Each node renews the leases of its open streams every
 * third of the lease and removes a stream's member when it ends; a node that dies stops renewing, and
 * its slots expire within one lease. Times are the nodes' clocks (kept in sync, as for any cluster).
 */
final class RedisConnectionSlots implements AutoCloseable {

    private static final String ACQUIRE = """
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
            if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[2]) then
              redis.call('ZADD', KEYS[1], ARGV[3], ARGV[4])
              redis.call('PEXPIRE', KEYS[1], ARGV[5])
              return 1
            end
            return 0""";

    private final String node = UUID.randomUUID().toString();
    private final RedisClient client;
    private final Duration reconnectAfter;
    private StatefulRedisConnection<String, String> connection;
    private long nextConnectNanos;
    private final Duration lease;
    private final Map<String, String> held = new ConcurrentHashMap<>();
    private final ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("connection-lease-renewal").factory());

    RedisConnectionSlots(String uri, Duration lease, Duration timeout) {
        this.lease = lease;
        this.client = RedisClient.create(RedisURI.create(uri));
        client.setOptions(ClientOptions.builder()
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        this.reconnectAfter = Duration.ofSeconds(1);
        long every = Math.max(100, lease.toMillis() / 3);
        renewals.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
    }

    CompletionStage<Optional<ConnectionSlots.Slot>> acquire(UUID subject, int max) {
        String key = "gatehouse:connections:" + subject;
        String member = node + ":" + UUID.randomUUID();
        long now = System.currentTimeMillis();
        RedisAsyncCommands<String, String> commands;
        try {
            commands = commands();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return commands.eval(ACQUIRE, ScriptOutputType.INTEGER, new String[] {key},
                        Long.toString(now), Integer.toString(max), Long.toString(now + lease.toMillis()), member,
                        Long.toString(lease.toMillis() * 2))
                .thenApply(taken -> {
                    if (((Long) taken) != 1L) {
                        return Optional.<ConnectionSlots.Slot>empty();
                    }
                    held.put(member, key);
                    AtomicBoolean released = new AtomicBoolean();
                    ConnectionSlots.Slot slot = () -> {
                        if (released.compareAndSet(false, true)) {
                            held.remove(member);
                            try {
                                commands().zrem(key, member);
                            } catch (RuntimeException e) {
                                // the lease runs out by itself
                            }
                        }
                    };
                    return Optional.of(slot);
                });
    }

    /** Stops renewing leases, as a node that died would (for tests). */
    void stopRenewing() {
        renewals.shutdownNow();
    }

    /** Extends the leases of this node's open streams. */
    private void renew() {
        if (held.isEmpty()) {
            return;
        }
        long until = System.currentTimeMillis() + lease.toMillis();
        RedisAsyncCommands<String, String> commands;
        try {
            commands = commands();
        } catch (RuntimeException e) {
            return;
        }
        held.forEach((member, key) -> {
            commands.zadd(key, ZAddArgs.Builder.xx(), (double) until, member);
            commands.pexpire(key, lease.toMillis() * 2);
        });
    }

    /** The connection's commands; connects on first use and, after a failure, at most once per second. */
    private synchronized RedisAsyncCommands<String, String> commands() {
        if (connection == null) {
            if (System.nanoTime() - nextConnectNanos < 0) {
                throw new IllegalStateException("Redis was unreachable a moment ago");
            }
            try {
                connection = client.connect();
            } catch (RuntimeException e) {
                nextConnectNanos = System.nanoTime() + reconnectAfter.toNanos();
                throw e;
            }
        }
        return connection.async();
    }

    @Override
    public void close() {
        renewals.shutdownNow();
        synchronized (this) {
            if (connection != null) {
                RedisAsyncCommands<String, String> commands = connection.async();
                CompletableFuture.allOf(held.entrySet().stream()
                                .map(entry -> commands.zrem(entry.getValue(), entry.getKey()).toCompletableFuture())
                                .toArray(CompletableFuture[]::new))
                        .completeOnTimeout(null, 1, TimeUnit.SECONDS).exceptionally(error -> null).join();
                connection.close();
            }
        }
        client.shutdown();
    }
}
