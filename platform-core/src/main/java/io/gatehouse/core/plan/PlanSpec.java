package io.gatehouse.core.plan;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/** What a publisher says about a plan: the wire shape of {@code POST /apis/{apiId}/plans}. */
public record PlanSpec(
        @NotBlank @Size(max = 120) String name,
        @NotNull PlanAuth auth,
        @Size(max = 10) List<@Valid @NotNull RateLimit> rateLimits,
        @Valid Quota quota,
        Approval approval,
        List<@NotNull Permission> permissions,
        Map<String, Object> pricing) {

    public enum Permission { SUBSCRIBE, PUBLISH }
}
