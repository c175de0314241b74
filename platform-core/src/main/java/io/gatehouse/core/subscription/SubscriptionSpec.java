package io.gatehouse.core.subscription;

import jakarta.validation.constraints.NotNull;
import java.util.UUID;

/** The wire shape of {@code POST /subscriptions}. */
public record SubscriptionSpec(@NotNull UUID applicationId, @NotNull UUID planId) {
}
