package io.gatehouse.gateway.policy.jwt;

import io.gatehouse.core.plan.PlanAuth;
import io.gatehouse.core.plan.PlanOAuth;
import io.gatehouse.core.snapshot.GatewaySnapshot;
import io.gatehouse.core.snapshot.GatewaySnapshot.ServedApi;
import io.gatehouse.core.snapshot.GatewaySnapshot.ServedPlan;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Builds the {@link JwtAuthPolicy} of an API from its OAUTH2 plans: a plan without {@code oauth}
 * settings trusts the built-in authorization server, a plan with them its external provider. Plans
 * naming the same issuer share one {@link TrustedIssuer} (the first plan's audience and client claim).
 * Starts fetching each issuer's keys, so that the first call rarely waits.
 */
@Component
public class JwtAuthPolicies {

    private final JwksCaches caches;

    public JwtAuthPolicies(JwksCaches caches) {
        this.caches = caches;
    }

    /** The policy for {@code api}, or null when it has no OAUTH2 plan. */
    public JwtAuthPolicy forApi(GatewaySnapshot snapshot, ServedApi api, boolean othersMayAuthenticate) {
        JwtAuthConfig config = caches.config();
        Map<String, PlanOAuth> settings = new LinkedHashMap<>();
        Map<String, Set<UUID>> plans = new LinkedHashMap<>();
        for (ServedPlan plan : api.plans().values()) {
            if (plan.auth() != PlanAuth.OAUTH2) {
                continue;
            }
            PlanOAuth oauth = plan.oauth();
            String issuer = oauth == null ? config.issuer() : oauth.issuer();
            settings.putIfAbsent(issuer, oauth);
            plans.computeIfAbsent(issuer, i -> new HashSet<>()).add(plan.id());
        }
        if (plans.isEmpty()) {
            return null;
        }
        List<TrustedIssuer> issuers = new ArrayList<>();
        long skew = config.clockSkew().toSeconds();
        settings.forEach((issuer, oauth) -> {
            JwksCache keys = oauth == null ? caches.builtIn() : caches.of(oauth);
            keys.warmUp();
            issuers.add(oauth == null
                    ? TrustedIssuer.of(issuer, config.audience(), PlanOAuth.DEFAULT_CLIENT_CLAIM, keys, plans.get(issuer), skew)
                    : TrustedIssuer.of(issuer, oauth.audience(), oauth.clientClaim(), keys, plans.get(issuer), skew));
        });
        return new JwtAuthPolicy(snapshot, api, issuers, othersMayAuthenticate);
    }
}
