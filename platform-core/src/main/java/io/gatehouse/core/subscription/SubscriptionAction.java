package io.gatehouse.core.subscription;

import static io.gatehouse.core.subscription.SubscriptionStatus.ACTIVE;
import static io.gatehouse.core.subscription.SubscriptionStatus.CANCELLED;
import static io.gatehouse.core.subscription.SubscriptionStatus.PENDING;
import static io.gatehouse.core.subscription.SubscriptionStatus.REJECTED;
import static io.gatehouse.core.subscription.SubscriptionStatus.SUSPENDED;

import java.util.EnumSet;
import java.util.Set;

/** What publishers and developers do to a subscription, each allowed only from certain states. */
public enum SubscriptionAction {
    APPROVE(ACTIVE, EnumSet.of(PENDING)),
    REJECT(REJECTED, EnumSet.of(PENDING)),
    SUSPEND(SUSPENDED, EnumSet.of(ACTIVE)),
    RESUME(ACTIVE, EnumSet.of(SUSPENDED)),
    CANCEL(CANCELLED, SubscriptionStatus.LIVE);

    private final SubscriptionStatus result;
    private final Set<SubscriptionStatus> allowedFrom;

    SubscriptionAction(SubscriptionStatus result, Set<SubscriptionStatus> allowedFrom) {
        this.result = result;
        this.allowedFrom = allowedFrom;
    }

    public SubscriptionStatus result() {
        return result;
    }

    public boolean allowedFrom(SubscriptionStatus status) {
        return allowedFrom.contains(status);
    }
}
