package io.gatehouse.core.subscription;

import io.gatehouse.core.error.ConflictException;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * An application's contract with a plan. It binds from {@code startedAt} (when it first became
 * ACTIVE) to {@code endedAt} (when it was cancelled); billing prorates flat fees over that span.
 */
@Entity
@Table(name = "subscription")
public class Subscription {

    @Id
    private UUID id;
    private UUID applicationId;
    private UUID planId;
    @Enumerated(EnumType.STRING)
    private SubscriptionStatus status;
    private Instant createdAt;
    private Instant updatedAt;
    private Instant startedAt;
    private Instant endedAt;

    protected Subscription() {
    }

    static Subscription request(UUID applicationId, UUID planId, boolean needsApproval) {
        Subscription subscription = new Subscription();
        subscription.id = UUID.randomUUID();
        subscription.applicationId = applicationId;
        subscription.planId = planId;
        subscription.status = needsApproval ? SubscriptionStatus.PENDING : SubscriptionStatus.ACTIVE;
        subscription.createdAt = Instant.now();
        subscription.updatedAt = subscription.createdAt;
        subscription.startedAt = needsApproval ? null : subscription.createdAt;
        return subscription;
    }

    void apply(SubscriptionAction action) {
        if (!action.allowedFrom(status)) {
            throw new ConflictException(action + " is not possible on a " + status + " subscription", "/status");
        }
        status = action.result();
        updatedAt = Instant.now();
        if (status == SubscriptionStatus.ACTIVE && startedAt == null) {
            startedAt = updatedAt;
        }
        if (status == SubscriptionStatus.CANCELLED) {
            endedAt = updatedAt;
        }
    }

    public UUID getId() {
        return id;
    }

    public UUID getApplicationId() {
        return applicationId;
    }

    public UUID getPlanId() {
        return planId;
    }

    public SubscriptionStatus getStatus() {
        return status;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    /** When the subscription first became ACTIVE; null while it never did. */
    public Instant getStartedAt() {
        return startedAt;
    }

    /** When the subscription was cancelled; null while it was not. */
    public Instant getEndedAt() {
        return endedAt;
    }
}
