package io.gatehouse.core.webhook.delivery;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A delivery as developers see it: one event to one endpoint, its state and every attempt, oldest first.
 *
 * @param webhookId     the {@code webhook-id} header it is sent with
 * @param nextAttemptAt when a pending delivery is tried next; null once it is finished
 * @param finishedAt    when it was delivered, dead-lettered or cancelled
 */
public record WebhookDelivery(UUID id, UUID endpointId, String webhookId, String eventId, String channel, String contentType,
                              int payloadBytes, DeliveryStatus status, int attemptCount, Instant createdAt,
                              Instant nextAttemptAt, Instant finishedAt, Integer lastResponseStatus, String lastError,
                              List<WebhookAttempt> attempts) {
}
