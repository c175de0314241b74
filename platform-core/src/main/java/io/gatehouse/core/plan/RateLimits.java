package io.gatehouse.core.plan;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** A set of rate-limit windows given on its own: an application's or an API's backend protection. */
public record RateLimits(@NotNull @Size(max = 10) List<@Valid @NotNull RateLimit> rateLimits) {
}
