package io.gatehouse.core.plan;

/** An {@code OPEN} plan takes new subscriptions; a {@code CLOSED} one does not and serves no calls. */
public enum PlanState {
    OPEN, CLOSED
}
