package io.gatehouse.core.subscription;

import java.util.Set;

/** The states of an application's contract with a plan. Only {@code ACTIVE} lets calls through. */
public enum SubscriptionStatus {
    PENDING, ACTIVE, SUSPENDED, REJECTED, CANCELLED;

    public boolean live() {
        return this == PENDING || this == ACTIVE || this == SUSPENDED;
    }

    boolean canMoveTo(SubscriptionStatus target) {
        return switch (this) {
            case PENDING -> Set.of(ACTIVE, REJECTED, CANCELLED).contains(target);
            case ACTIVE -> Set.of(SUSPENDED, CANCELLED).contains(target);
            case SUSPENDED -> Set.of(ACTIVE, CANCELLED).contains(target);
            case REJECTED, CANCELLED -> false;
        };
    }
}
