package io.gatehouse.gateway.policy;

import io.gatehouse.core.snapshot.GatewaySnapshot;
import io.gatehouse.core.snapshot.GatewaySnapshot.Consumer;
import io.gatehouse.core.snapshot.GatewaySnapshot.ServedApi;
import io.gatehouse.core.snapshot.GatewaySnapshot.ServedPlan;
import io.gatehouse.core.usage.UsageSink;
import io.gatehouse.gateway.GatewayProperties;
import io.gatehouse.gateway.policy.keyauth.KeyAuthConfig;
import io.gatehouse.gateway.policy.keyauth.KeyAuthPolicy;
import io.gatehouse.gateway.policy.metering.MeteringConfig;
import io.gatehouse.gateway.policy.metering.MeteringPolicy;
import io.gatehouse.gateway.policy.quota.QuotaConfig;
import io.gatehouse.gateway.policy.quota.QuotaCounter;
import io.gatehouse.gateway.policy.quota.QuotaPolicy;
import io.gatehouse.gateway.policy.ratelimit.RateLimitBuckets;
import io.gatehouse.gateway.policy.ratelimit.RateLimitConfig;
import io.gatehouse.gateway.policy.ratelimit.RateLimitPolicy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Builds the policy chain of each served API, once per config snapshot, in the fixed order:
 * authenticate and authorize the subscription (key auth), rate limit (plan, application, then
 * backend protection), quota, then meter.
 */
@Component
public class ChainAssembler {

    private final RateLimitBuckets buckets;
    private final QuotaCounter quotaCounter;
    private final MeteringPolicy metering;
    private volatile Applications applications = new Applications(null, Map.of());

    public ChainAssembler(RateLimitBuckets buckets, QuotaCounter quotaCounter, UsageSink usageSink, GatewayProperties properties) {
        this.buckets = buckets;
        this.quotaCounter = quotaCounter;
        this.metering = new MeteringPolicy(new MeteringConfig(properties.nodeName()), usageSink);
    }

    public PolicyChain chainFor(GatewaySnapshot snapshot, ServedApi api) {
        Map<UUID, RateLimitConfig> limits = new HashMap<>();
        Map<UUID, QuotaConfig> quotas = new HashMap<>();
        for (ServedPlan plan : api.plans().values()) {
            limits.put(plan.id(), RateLimitConfig.of(plan.rateLimits()));
            QuotaConfig quota = QuotaConfig.of(plan.quota());
            if (quota != null) {
                quotas.put(plan.id(), quota);
            }
        }
        return new PolicyChain(List.of(
                new KeyAuthPolicy(KeyAuthConfig.DEFAULT, snapshot, api),
                new RateLimitPolicy(api.id(), limits, applicationLimits(snapshot), RateLimitConfig.of(api.backendRateLimits()), buckets),
                new QuotaPolicy(quotas, quotaCounter),
                metering));
    }

    /** Called once the snapshot serves: releases state kept for limits it no longer has. */
    public void installed(GatewaySnapshot snapshot) {
        buckets.retain(snapshot);
    }

    private Map<UUID, RateLimitConfig> applicationLimits(GatewaySnapshot snapshot) {
        Applications known = applications;
        if (known.snapshot() == snapshot) {
            return known.limits();
        }
        Map<UUID, RateLimitConfig> limits = new HashMap<>();
        for (Consumer consumer : snapshot.applications().values()) {
            if (!consumer.rateLimits().isEmpty()) {
                limits.put(consumer.applicationId(), RateLimitConfig.of(consumer.rateLimits()));
            }
        }
        Applications built = new Applications(snapshot, Map.copyOf(limits));
        applications = built;
        return built.limits();
    }

    private record Applications(GatewaySnapshot snapshot, Map<UUID, RateLimitConfig> limits) {
    }
}
