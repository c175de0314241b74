package io.gatehouse.core.subscription;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/** The states of an application's contract with a plan. Only {@code ACTIVE} lets calls through. */
public enum SubscriptionStatus {
    PENDING, ACTIVE, SUSPENDED, REJECTED, CANCELLED;

    /** The states of a subscription that still binds its application and plan: at most one per pair. */
    public static final Set<SubscriptionStatus> LIVE = Collections.unmodifiableSet(EnumSet.of(PENDING, ACTIVE, SUSPENDED));
}
