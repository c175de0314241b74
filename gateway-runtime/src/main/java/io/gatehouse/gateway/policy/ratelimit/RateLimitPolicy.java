package io.gatehouse.gateway.policy.ratelimit;

import io.gatehouse.core.snapshot.GatewaySnapshot.ServedPlan;
import io.gatehouse.gateway.exchange.Exchange;
import io.gatehouse.gateway.policy.Policy;
import io.gatehouse.gateway.policy.Verdict;
import io.gatehouse.gateway.policy.ratelimit.RateLimitBuckets.LimitedBucket;
import io.gatehouse.gateway.problem.ProblemType;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.VerboseResult;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Map;
import java.util.UUID;

/**
 * Limits calls per subscription (per plan for keyless calls) with the plan's rate-limit windows,
 * using local bucket4j buckets. Each window is a fixed window that starts at the first call: its
 * quota is restored in full when the period ends ({@code refillIntervally}), which is what the
 * {@code q}/{@code w}/{@code t} parameters of draft-ietf-httpapi-ratelimit-headers describe.
 * Every answer carries {@code RateLimit-Policy} (all windows) and {@code RateLimit} (the most
 * constraining window: fewest calls left, then latest reset); a 429 adds {@code Retry-After}.
 */
public final class RateLimitPolicy implements Policy {

    private static final String POLICY_HEADER = "RateLimit-Policy";
    private static final String STATE_HEADER = "RateLimit";

    private final Map<UUID, RateLimitConfig> configsByPlan;
    private final RateLimitBuckets buckets;

    public RateLimitPolicy(Map<UUID, RateLimitConfig> configsByPlan, RateLimitBuckets buckets) {
        this.configsByPlan = Map.copyOf(configsByPlan);
        this.buckets = buckets;
    }

    @Override
    public String name() {
        return "rate-limit";
    }

    @Override
    public Verdict onRequest(Exchange exchange) {
        ServedPlan plan = exchange.plan();
        RateLimitConfig config = plan == null ? null : configsByPlan.get(plan.id());
        if (config == null || config.unlimited()) {
            return Verdict.proceed();
        }
        UUID subject = exchange.subscription() != null ? exchange.subscription().id() : plan.id();
        LimitedBucket limited = buckets.bucket(subject, plan.id(), config);
        VerboseResult<ConsumptionProbe> result = limited.bucket().asVerbose().tryConsumeAndReturnRemaining(1);
        long[] remaining = result.getDiagnostics().getAvailableTokensPerEachBandwidth();
        long now = System.nanoTime();

        int tightest = 0;
        for (int i = 1; i < remaining.length; i++) {
            if (remaining[i] < remaining[tightest]
                    || remaining[i] == remaining[tightest] && limited.nanosToReset(i, now) > limited.nanosToReset(tightest, now)) {
                tightest = i;
            }
        }
        RateLimitConfig.Window window = config.windows().get(tightest);
        HttpHeaders headers = exchange.responseHeaders();
        headers.set(POLICY_HEADER, config.policyHeader());
        headers.set(STATE_HEADER, "\"" + window.name() + "\";r=" + Math.max(0, remaining[tightest])
                + ";t=" + seconds(limited.nanosToReset(tightest, now)));
        if (result.getValue().isConsumed()) {
            return Verdict.proceed();
        }
        long retryAfter = seconds(result.getValue().getNanosToWaitForRefill());
        headers.set(HttpHeaderNames.RETRY_AFTER, Long.toString(retryAfter));
        return Verdict.reject(ProblemType.QUOTA_EXCEEDED.withDetail("Rate limit exceeded: at most " + window.limit()
                + " calls per " + window.name() + " (window \"" + window.name() + "\"); retry in " + retryAfter + " s."));
    }

    private static long seconds(long nanos) {
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }
}
