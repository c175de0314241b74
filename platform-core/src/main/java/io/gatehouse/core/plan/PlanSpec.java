package io.gatehouse.core.plan;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/**
 * What a publisher says about a plan: the wire shape of {@code POST /apis/{apiId}/plans}. {@code oauth}
 * is only for {@link PlanAuth#OAUTH2} plans that trust an external OpenID Connect provider; {@code streams}
 * only for plans of EVENT APIs.
 */
public record PlanSpec(
        @NotBlank @Size(max = 120) String name,
        @NotNull PlanAuth auth,
        @Size(max = 10) List<@Valid @NotNull RateLimit> rateLimits,
        @Valid Quota quota,
        Approval approval,
        List<@NotNull Permission> permissions,
        Map<String, Object> pricing,
        @Valid PlanOAuth oauth,
        @Valid StreamLimits streams) {

    public PlanSpec(String name, PlanAuth auth, List<RateLimit> rateLimits, Quota quota, Approval approval,
                    List<Permission> permissions, Map<String, Object> pricing, PlanOAuth oauth) {
        this(name, auth, rateLimits, quota, approval, permissions, pricing, oauth, null);
    }

    /** A plan that trusts the built-in authorization server (or needs no OAuth settings). */
    public PlanSpec(String name, PlanAuth auth, List<RateLimit> rateLimits, Quota quota, Approval approval,
                    List<Permission> permissions, Map<String, Object> pricing) {
        this(name, auth, rateLimits, quota, approval, permissions, pricing, null, null);
    }

    public enum Permission { SUBSCRIBE, PUBLISH }
}
