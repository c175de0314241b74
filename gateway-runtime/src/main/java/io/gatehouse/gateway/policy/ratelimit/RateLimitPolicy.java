package io.gatehouse.gateway.policy.ratelimit;

import io.gatehouse.core.plan.StreamLimits;
import io.gatehouse.core.snapshot.GatewaySnapshot.ServedPlan;
import io.gatehouse.gateway.exchange.Exchange;
import io.gatehouse.gateway.policy.Message;
import io.gatehouse.gateway.policy.Policy;
import io.gatehouse.gateway.policy.Verdict;
import io.gatehouse.gateway.problem.ProblemType;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.vertx.core.MultiMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Limits calls at three levels, checked in this order, each with bucket4j buckets in the
 * configured store ({@link RateLimitBuckets}):
 * <ol>
 * <li>the plan's windows, per subscription (per plan for keyless calls);</li>
 * <li>the application's windows, across all its subscriptions;</li>
 * <li>the API's backend protection, across all consumers: last, so that a consumer over its own
 *     limits does not spend the budget all consumers share.</li>
 * </ol>
 * Each window is a fixed window that starts at the first call: its quota is restored in full when
 * the period ends ({@code refillIntervally}); a window's {@code burst} adds capacity on top. Every
 * answer carries {@code RateLimit-Policy} (all windows of all levels: plan windows by their name,
 * application windows as {@code app-<name>}, backend windows as {@code api-<name>}) and
 * {@code RateLimit} (the most constraining window: fewest calls left, then latest reset); a 429 adds
 * {@code Retry-After} and names the violated window. With a local store the decision is taken on
 * the event loop; with Redis it is {@link Verdict#pending} on Lettuce's answer.
 */
public final class RateLimitPolicy implements Policy {

    static final String POLICY_HEADER = "RateLimit-Policy";
    static final String STATE_HEADER = "RateLimit";
    private static final long MIN_HOLD_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final UUID apiId;
    private final Map<UUID, RateLimitConfig> configsByPlan;
    private final Map<UUID, RateLimitConfig> configsByApplication;
    private final RateLimitConfig backend;
    private final RateLimitBuckets buckets;

    public RateLimitPolicy(UUID apiId, Map<UUID, RateLimitConfig> configsByPlan, Map<UUID, RateLimitConfig> configsByApplication,
                           RateLimitConfig backend, RateLimitBuckets buckets) {
        this.apiId = apiId;
        this.configsByPlan = Map.copyOf(configsByPlan);
        this.configsByApplication = configsByApplication;
        this.backend = backend == null ? RateLimitConfig.UNLIMITED : backend;
        this.buckets = buckets;
    }

    @Override
    public String name() {
        return "rate-limit";
    }

    @Override
    public Verdict onRequest(Exchange exchange) {
        ServedPlan plan = exchange.plan();
        if (plan == null) {
            return Verdict.proceed();
        }
        RateLimitConfig planLimits = configsByPlan.getOrDefault(plan.id(), RateLimitConfig.UNLIMITED);
        UUID applicationId = exchange.application() == null ? null : exchange.application().applicationId();
        RateLimitConfig applicationLimits = applicationId == null ? RateLimitConfig.UNLIMITED
                : configsByApplication.getOrDefault(applicationId, RateLimitConfig.UNLIMITED);
        if (planLimits.unlimited() && applicationLimits.unlimited() && backend.unlimited()) {
            return Verdict.proceed();
        }
        Check check = new Check(exchange);
        if (!planLimits.unlimited()) {
            UUID subject = exchange.subscription() != null ? exchange.subscription().id() : plan.id();
            check.add(Level.PLAN, new BucketKey(Level.PLAN, plan.id(), subject, planLimits.fingerprint()), planLimits);
        }
        if (!applicationLimits.unlimited()) {
            check.add(Level.APPLICATION,
                    new BucketKey(Level.APPLICATION, applicationId, applicationId, applicationLimits.fingerprint()), applicationLimits);
        }
        if (!backend.unlimited()) {
            check.add(Level.BACKEND, new BucketKey(Level.BACKEND, apiId, apiId, backend.fingerprint()), backend);
        }
        return check.from(0);
    }

    /**
     * An event delivered to a subscriber takes one unit of the plan's windows of its subscription, as a
     * call does. Past the limit the plan's streams decide ({@link StreamLimits#overRateLimit()}):
     * {@code DROP} drops the event (the stream goes on), {@code HOLD} holds it back until the window has
     * room again, and with it the events behind it. Publishes are calls and were limited in the request
     * phase; the application and backend levels limit calls only.
     */
    @Override
    public Verdict onMessage(Exchange exchange, Message message) {
        ServedPlan plan = exchange.plan();
        if (plan == null || message.direction() != Message.Direction.DELIVER) {
            return Verdict.proceed();
        }
        RateLimitConfig planLimits = configsByPlan.getOrDefault(plan.id(), RateLimitConfig.UNLIMITED);
        if (planLimits.unlimited()) {
            return Verdict.proceed();
        }
        UUID subject = exchange.subscription() != null ? exchange.subscription().id() : plan.id();
        BucketKey key = new BucketKey(Level.PLAN, plan.id(), subject, planLimits.fingerprint());
        boolean hold = plan.streams().overRateLimit() == StreamLimits.OverRateLimit.HOLD;
        CompletableFuture<Consumption> taken = buckets.consume(key, planLimits).toCompletableFuture();
        if (!taken.isDone()) {
            return Verdict.pending(taken.thenCompose(consumption -> deliverable(exchange, key, planLimits, hold, consumption)));
        }
        Consumption consumption = taken.join();
        if (allowed(consumption)) {
            return Verdict.proceed();
        }
        return hold ? Verdict.pending(heldBack(exchange, key, planLimits, consumption.nanosToWait())) : Verdict.drop();
    }

    private CompletableFuture<Verdict> deliverable(Exchange exchange, BucketKey key, RateLimitConfig limits, boolean hold,
                                                   Consumption consumption) {
        if (allowed(consumption)) {
            return CompletableFuture.completedFuture(Verdict.proceed());
        }
        return hold ? heldBack(exchange, key, limits, consumption.nanosToWait()) : CompletableFuture.completedFuture(Verdict.drop());
    }

    /** Tries again once the window should have room, until it has; gives up (drops) once the stream has ended. */
    private CompletableFuture<Verdict> heldBack(Exchange exchange, BucketKey key, RateLimitConfig limits, long nanosToWait) {
        Executor later = CompletableFuture.delayedExecutor(Math.max(MIN_HOLD_NANOS, nanosToWait), TimeUnit.NANOSECONDS);
        return CompletableFuture.supplyAsync(exchange::finished, later).thenCompose(ended -> ended
                ? CompletableFuture.completedFuture(Verdict.drop())
                : buckets.consume(key, limits).toCompletableFuture()
                        .thenCompose(consumption -> deliverable(exchange, key, limits, true, consumption)));
    }

    private static boolean allowed(Consumption consumption) {
        return consumption.consumed() || consumption.storeFailed();
    }

    /** The state of one call's check, level by level; confined to the call. */
    private final class Check {

        private final Exchange exchange;
        private final Level[] levels = new Level[3];
        private final BucketKey[] keys = new BucketKey[3];
        private final RateLimitConfig[] configs = new RateLimitConfig[3];
        private final Consumption[] results = new Consumption[3];
        private int size;

        Check(Exchange exchange) {
            this.exchange = exchange;
        }

        void add(Level level, BucketKey key, RateLimitConfig config) {
            levels[size] = level;
            keys[size] = key;
            configs[size] = config;
            size++;
        }

        Verdict from(int start) {
            for (int i = start; i < size; i++) {
                CompletableFuture<Consumption> taken = buckets.consume(keys[i], configs[i]).toCompletableFuture();
                if (!taken.isDone()) {
                    int at = i;
                    return Verdict.pending(taken.thenApply(consumption -> {
                        Verdict rejected = decide(at, consumption);
                        return rejected != null ? rejected : from(at + 1);
                    }));
                }
                Verdict rejected = decide(i, taken.join());
                if (rejected != null) {
                    return rejected;
                }
            }
            writeHeaders(-1);
            return Verdict.proceed();
        }

        private Verdict decide(int i, Consumption consumption) {
            results[i] = consumption;
            if (consumption.storeFailed()) {
                return Verdict.reject(ProblemType.SERVICE_UNAVAILABLE.withDetail(
                        "Rate limits cannot be checked right now (the rate-limit store is unreachable); retry shortly."));
            }
            if (consumption.consumed()) {
                return null;
            }
            int window = writeHeaders(i);
            RateLimitConfig.Window violated = configs[i].windows().get(window);
            long retryAfter = seconds(consumption.nanosToWait());
            exchange.responseHeaders().set(HttpHeaderNames.RETRY_AFTER, Long.toString(retryAfter));
            String name = levels[i].prefix() + violated.name();
            String what = switch (levels[i]) {
                case PLAN -> "Rate limit exceeded";
                case APPLICATION -> "Application rate limit exceeded";
                case BACKEND -> "API capacity exceeded (all consumers together)";
            };
            return Verdict.reject(ProblemType.QUOTA_EXCEEDED.withDetail(what + ": at most " + violated.limit() + " calls per "
                    + violated.name() + " (window \"" + name + "\"); retry in " + retryAfter + " s."));
        }

        /**
         * Sets both headers; {@code RateLimit} names the tightest window of level {@code only} when
         * it is not negative, else of all levels checked. Returns that window's index in its level.
         */
        private int writeHeaders(int only) {
            long now = System.nanoTime();
            int bestLevel = -1;
            int bestWindow = -1;
            long bestRemaining = Long.MAX_VALUE;
            long bestReset = -1;
            StringBuilder policy = new StringBuilder();
            for (int i = 0; i < size; i++) {
                if (!policy.isEmpty()) {
                    policy.append(", ");
                }
                policy.append(configs[i].policyHeader(levels[i]));
                if (results[i] == null || only >= 0 && i != only) {
                    continue;
                }
                long[] remaining = results[i].remaining();
                for (int w = 0; w < remaining.length; w++) {
                    long reset = buckets.nanosToReset(keys[i], configs[i], w, now);
                    if (remaining[w] < bestRemaining || remaining[w] == bestRemaining && reset > bestReset) {
                        bestLevel = i;
                        bestWindow = w;
                        bestRemaining = remaining[w];
                        bestReset = reset;
                    }
                }
            }
            MultiMap headers = exchange.responseHeaders();
            headers.set(POLICY_HEADER, policy.toString());
            if (bestLevel >= 0) {
                headers.set(STATE_HEADER, "\"" + levels[bestLevel].prefix() + configs[bestLevel].windows().get(bestWindow).name()
                        + "\";r=" + Math.max(0, bestRemaining) + ";t=" + seconds(bestReset));
            }
            return Math.max(0, bestWindow);
        }
    }

    static long seconds(long nanos) {
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }
}
