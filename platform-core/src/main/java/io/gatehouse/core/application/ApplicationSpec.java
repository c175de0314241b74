package io.gatehouse.core.application;

import io.gatehouse.core.plan.RateLimit;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The wire shape of {@code POST /organizations/{orgId}/applications}. {@code rateLimits} (optional)
 * limit the application across all its subscriptions together, on top of each plan's own limits.
 */
public record ApplicationSpec(@NotBlank @Size(max = 120) String name,
                              @Size(max = 10) List<@Valid @NotNull RateLimit> rateLimits) {

    public ApplicationSpec(String name) {
        this(name, null);
    }
}
