package io.gatehouse.gateway.policy;

import io.gatehouse.core.api.ApiType;
import io.gatehouse.core.plan.PlanAuth;
import io.gatehouse.core.snapshot.GatewaySnapshot;
import io.gatehouse.core.snapshot.GatewaySnapshot.Consumer;
import io.gatehouse.core.snapshot.GatewaySnapshot.ServedApi;
import io.gatehouse.core.snapshot.GatewaySnapshot.ServedPlan;
import io.gatehouse.core.usage.UsageSink;
import io.gatehouse.gateway.GatewayProperties;
import io.gatehouse.gateway.policy.connectionlimit.ConnectionLimitPolicy;
import io.gatehouse.gateway.policy.connectionlimit.ConnectionSlots;
import io.gatehouse.gateway.policy.jwt.JwtAuthPolicies;
import io.gatehouse.gateway.policy.jwt.JwtAuthPolicy;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Builds the policy chain of each served API, once per config snapshot, in the fixed order:
 * authenticate and authorize the subscription (JWT auth, key auth), limit open streams (EVENT APIs),
 * rate limit (plan, application, then backend protection), quota, then meter. There is one chain per API, not per plan: a call's plan is
 * known only once authentication has admitted its caller, so each policy holds its settings compiled
 * per plan when the chain is built and picks them by the admitted plan.
 *
 * <p>Authentication follows the API's plans: an API with OAUTH2 plans gets {@link JwtAuthPolicy}, an
 * API with API_KEY or KEYLESS plans (or no plan at all) gets {@link KeyAuthPolicy}; an API with both
 * gets both, JWT auth first. The rule for such an API: a call with {@code Authorization: Bearer} is
 * decided by JWT auth alone (admitted or refused); any other call passes JWT auth untouched and is
 * decided by key auth. The first policy that admits the caller wins, later authentication policies
 * let the call pass. Key auth reads the API's own key header; both leave the credential in the
 * upstream request only when the API forwards credentials.
 *
 * <p>Scopes: the operation a call is to is matched before the chain runs ({@code Exchange.operation()});
 * only JWT auth checks its required scopes against the token. Calls with an API key, or on a keyless
 * plan, carry no scopes and are not subject to them: their plan and subscription are what they may call.
 */
@Component
public class ChainAssembler {

    private final RateLimitBuckets buckets;
    private final QuotaCounter quotaCounter;
    private final MeteringPolicy metering;
    private final JwtAuthPolicies jwtAuth;
    private final ConnectionLimitPolicy connectionLimit;
    private volatile Applications applications = new Applications(null, Map.of());

    public ChainAssembler(RateLimitBuckets buckets, QuotaCounter quotaCounter, UsageSink usageSink, GatewayProperties properties,
                          JwtAuthPolicies jwtAuth, ConnectionSlots connectionSlots) {
        this.buckets = buckets;
        this.connectionLimit = new ConnectionLimitPolicy(connectionSlots);
        this.quotaCounter = quotaCounter;
        this.jwtAuth = jwtAuth;
        this.metering = new MeteringPolicy(new MeteringConfig(properties.nodeName()), usageSink);
    }

    public PolicyChain chainFor(GatewaySnapshot snapshot, ServedApi api) {
        Map<UUID, RateLimitConfig> limits = new HashMap<>();
        Map<UUID, QuotaConfig> quotas = new HashMap<>();
        boolean oauth = false;
        boolean keys = api.plans().isEmpty();
        for (ServedPlan plan : api.plans().values()) {
            limits.put(plan.id(), RateLimitConfig.of(plan.rateLimits()));
            QuotaConfig quota = QuotaConfig.of(plan.quota());
            if (quota != null) {
                quotas.put(plan.id(), quota);
            }
            oauth |= plan.auth() == PlanAuth.OAUTH2;
            keys |= plan.auth() != PlanAuth.OAUTH2;
        }
        List<Policy> policies = new ArrayList<>(6);
        if (oauth) {
            policies.add(jwtAuth.forApi(snapshot, api, keys));
        }
        if (keys) {
            policies.add(new KeyAuthPolicy(KeyAuthConfig.of(api), snapshot, api));
        }
        if (api.type() == ApiType.EVENT) {
            policies.add(connectionLimit);
        }
        policies.add(new RateLimitPolicy(api.id(), limits, applicationLimits(snapshot), RateLimitConfig.of(api.backendRateLimits()), buckets));
        policies.add(new QuotaPolicy(quotas, quotaCounter));
        policies.add(metering);
        return new PolicyChain(policies);
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
