package io.gatehouse.console.webhook.rest;

import io.gatehouse.core.webhook.WebhookEndpoint;
import io.gatehouse.core.webhook.WebhookEndpointStatus;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A webhook endpoint as listed: never its secret. */
public record WebhookEndpointView(UUID id, UUID subscriptionId, String url, List<String> channels, WebhookEndpointStatus status,
                                  String disabledReason, Instant createdAt, Instant updatedAt) {

    static WebhookEndpointView of(WebhookEndpoint endpoint) {
        return new WebhookEndpointView(endpoint.getId(), endpoint.getSubscriptionId(), endpoint.getUrl(), endpoint.getChannels(),
                endpoint.getStatus(), endpoint.getDisabledReason(), endpoint.getCreatedAt(), endpoint.getUpdatedAt());
    }
}
