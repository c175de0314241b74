package io.gatehouse.console.api.rest;

import io.gatehouse.core.api.ApiState;
import jakarta.validation.constraints.NotNull;

/** The body of {@code POST /apis/{id}/lifecycle}: the state the API should move to. */
public record LifecycleChange(@NotNull ApiState state) {
}
