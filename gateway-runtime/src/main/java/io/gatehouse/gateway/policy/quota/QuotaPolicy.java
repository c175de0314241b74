package io.gatehouse.gateway.policy.quota;

import io.gatehouse.core.api.ApiType;
import io.gatehouse.core.plan.Quota;
import io.gatehouse.core.snapshot.GatewaySnapshot.ServedPlan;
import io.gatehouse.gateway.exchange.Exchange;
import io.gatehouse.gateway.policy.Message;
import io.gatehouse.gateway.policy.Policy;
import io.gatehouse.gateway.policy.Verdict;
import io.gatehouse.gateway.problem.ProblemType;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.vertx.core.MultiMap;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Enforces the plan's quota per subscription (per plan for keyless calls) and calendar period (UTC),
 * counted exactly across gateways by {@link QuotaCounter}; runs after rate limiting, so calls
 * refused by a rate limit do not count. Past the quota, {@code BLOCK} answers 429 with
 * {@code Retry-After} set to the seconds until the period resets and the reset time in the problem;
 * {@code BILL} lets the call through and marks it as overage for metering. The quota window is
 * appended to {@code RateLimit-Policy} ({@code "quota-day";q=...;w=...}) and named in
 * {@code RateLimit} when it is the most constraining. When the counters cannot be reached the call
 * passes (fail open) and the outage is logged once.
 *
 * <p>On an event API the quota counts events: every publish (a call, in the request phase) and every
 * event delivered on a stream (in the message phase).
 */
public final class QuotaPolicy implements Policy {

    private static final Pattern REMAINING = Pattern.compile(";r=(\\d+)");

    private final Map<UUID, QuotaConfig> configsByPlan;
    private final QuotaCounter counter;

    public QuotaPolicy(Map<UUID, QuotaConfig> configsByPlan, QuotaCounter counter) {
        this.configsByPlan = Map.copyOf(configsByPlan);
        this.counter = counter;
    }

    @Override
    public String name() {
        return "quota";
    }

    @Override
    public Verdict onRequest(Exchange exchange) {
        QuotaConfig config = config(exchange);
        if (config == null) {
            return Verdict.proceed();
        }
        Instant now = counter.now();
        Instant start = config.periodStart(now);
        Instant end = config.periodEnd(now);
        boolean block = config.onExceed() == Quota.OnExceed.BLOCK;
        return Verdict.pending(counter.count(subject(exchange), start, config.limit(), block).handle((used, error) -> {
            if (error != null) {
                counter.failed(error);
                return Verdict.proceed();
            }
            counter.answered();
            return decide(exchange, config, used, now, start, end);
        }));
    }

    /**
     * Opening a stream counts nothing, but a plan that blocks past its quota refuses it (429, as a
     * call) while the quota is spent: the stream could deliver nothing.
     */
    @Override
    public Verdict onSubscribe(Exchange exchange) {
        QuotaConfig config = config(exchange);
        if (config == null || config.onExceed() != Quota.OnExceed.BLOCK) {
            return Verdict.proceed();
        }
        Instant now = counter.now();
        Instant start = config.periodStart(now);
        Instant end = config.periodEnd(now);
        return Verdict.pending(counter.used(subject(exchange), start).handle((used, error) -> {
            if (error != null) {
                counter.failed(error);
                return Verdict.proceed();
            }
            counter.answered();
            return used < config.limit() ? Verdict.proceed() : exceeded(exchange, config, now, end);
        }));
    }

    /**
     * Every event delivered on a stream counts as a call does. Past the quota, {@code BLOCK} rejects it,
     * which ends the stream (try again later); {@code BILL} delivers it as overage. Publishes are
     * counted in the request phase, as calls.
     */
    @Override
    public Verdict onMessage(Exchange exchange, Message message) {
        QuotaConfig config = config(exchange);
        if (config == null || message.direction() != Message.Direction.DELIVER) {
            return Verdict.proceed();
        }
        Instant now = counter.now();
        Instant start = config.periodStart(now);
        Instant end = config.periodEnd(now);
        boolean block = config.onExceed() == Quota.OnExceed.BLOCK;
        return Verdict.pending(counter.count(subject(exchange), start, config.limit(), block).handle((used, error) -> {
            if (error != null) {
                counter.failed(error);
                return Verdict.proceed();
            }
            counter.answered();
            boolean over = used < 0 || used > config.limit();
            exchange.overage(over && !block);
            return over && block ? exceeded(exchange, config, now, end) : Verdict.proceed();
        }));
    }

    private QuotaConfig config(Exchange exchange) {
        ServedPlan plan = exchange.plan();
        return plan == null ? null : configsByPlan.get(plan.id());
    }

    private static UUID subject(Exchange exchange) {
        return exchange.subscription() != null ? exchange.subscription().id() : exchange.plan().id();
    }

    private static Verdict decide(Exchange exchange, QuotaConfig config, long used, Instant now, Instant start, Instant end) {
        boolean over = used < 0 || used > config.limit();
        long remaining = over ? 0 : config.limit() - used;
        long toReset = Math.max(1, (Duration.between(now, end).toMillis() + 999) / 1000);
        MultiMap headers = exchange.responseHeaders();
        String item = "\"" + config.name() + "\";q=" + config.limit() + ";w=" + Duration.between(start, end).toSeconds();
        String policy = headers.get("RateLimit-Policy");
        headers.set("RateLimit-Policy", policy == null || policy.isEmpty() ? item : policy + ", " + item);
        if (remaining < currentRemaining(headers.get("RateLimit"))) {
            headers.set("RateLimit", "\"" + config.name() + "\";r=" + remaining + ";t=" + toReset);
        }
        if (!over) {
            return Verdict.proceed();
        }
        if (config.onExceed() == Quota.OnExceed.BILL) {
            exchange.markOverage();
            return Verdict.proceed();
        }
        return exceeded(exchange, config, now, end);
    }

    private static Verdict exceeded(Exchange exchange, QuotaConfig config, Instant now, Instant end) {
        long toReset = Math.max(1, (Duration.between(now, end).toMillis() + 999) / 1000);
        exchange.responseHeaders().set(HttpHeaderNames.RETRY_AFTER, Long.toString(toReset));
        String unit = exchange.api() != null && exchange.api().type() == ApiType.EVENT ? "events" : "calls";
        return Verdict.reject(ProblemType.QUOTA_EXCEEDED.withDetail("Quota exceeded: at most " + config.limit() + " " + unit + " per "
                + config.period().name().toLowerCase() + " (window \"" + config.name() + "\"); the quota resets at " + end
                + ", in " + toReset + " s."));
    }

    private static long currentRemaining(String rateLimit) {
        if (rateLimit == null) {
            return Long.MAX_VALUE;
        }
        Matcher matcher = REMAINING.matcher(rateLimit);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : Long.MAX_VALUE;
    }
}
