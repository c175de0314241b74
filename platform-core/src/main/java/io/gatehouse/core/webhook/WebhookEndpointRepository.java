package io.gatehouse.core.webhook;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface WebhookEndpointRepository extends JpaRepository<WebhookEndpoint, UUID> {

    List<WebhookEndpoint> findBySubscriptionIdOrderByCreatedAt(UUID subscriptionId);

    Optional<WebhookEndpoint> findByIdAndSubscriptionId(UUID id, UUID subscriptionId);

    long countBySubscriptionId(UUID subscriptionId);
}
