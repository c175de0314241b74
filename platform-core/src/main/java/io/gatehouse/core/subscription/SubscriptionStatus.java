package io.gatehouse.core.subscription;

/** The states of an application's contract with a plan. Only {@code ACTIVE} lets calls through. */
public enum SubscriptionStatus {
    PENDING, ACTIVE, SUSPENDED, REJECTED, CANCELLED
}
