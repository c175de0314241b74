package io.gatehouse.core.subscription;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface SubscriptionRepository extends JpaRepository<Subscription, UUID> {

    boolean existsByApplicationIdAndPlanIdAndStatusIn(UUID applicationId, UUID planId, Collection<SubscriptionStatus> statuses);

    List<Subscription> findByApplicationIdOrderByCreatedAt(UUID applicationId);

    List<Subscription> findByStatusIn(Collection<SubscriptionStatus> statuses);
}
