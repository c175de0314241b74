package io.gatehouse.gateway.policy;

import io.gatehouse.core.snapshot.GatewaySnapshot;
import io.gatehouse.core.snapshot.GatewaySnapshot.ServedApi;
import io.gatehouse.core.snapshot.GatewaySnapshot.ServedPlan;
import io.gatehouse.core.usage.UsageSink;
import io.gatehouse.gateway.GatewayProperties;
import io.gatehouse.gateway.policy.keyauth.KeyAuthConfig;
import io.gatehouse.gateway.policy.keyauth.KeyAuthPolicy;
import io.gatehouse.gateway.policy.metering.MeteringConfig;
import io.gatehouse.gateway.policy.metering.MeteringPolicy;
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
 * authenticate and authorize the subscription (key auth), rate limit, then meter.
 */
@Component
public class ChainAssembler {

    private final RateLimitBuckets buckets;
    private final MeteringPolicy metering;

    public ChainAssembler(RateLimitBuckets buckets, UsageSink usageSink, GatewayProperties properties) {
        this.buckets = buckets;
        this.metering = new MeteringPolicy(new MeteringConfig(properties.nodeName()), usageSink);
    }

    public PolicyChain chainFor(GatewaySnapshot snapshot, ServedApi api) {
        Map<UUID, RateLimitConfig> limits = new HashMap<>();
        for (ServedPlan plan : api.plans().values()) {
            limits.put(plan.id(), RateLimitConfig.of(plan.rateLimits()));
        }
        return new PolicyChain(List.of(
                new KeyAuthPolicy(KeyAuthConfig.DEFAULT, snapshot, api),
                new RateLimitPolicy(limits, buckets),
                metering));
    }

    /** Called once the snapshot serves: releases state kept for plans it no longer has. */
    public void installed(GatewaySnapshot snapshot) {
        Map<UUID, Integer> fingerprints = new HashMap<>();
        for (ServedApi api : snapshot.apisByContext().values()) {
            for (ServedPlan plan : api.plans().values()) {
                fingerprints.put(plan.id(), RateLimitConfig.of(plan.rateLimits()).fingerprint());
            }
        }
        buckets.retain(fingerprints);
    }
}
