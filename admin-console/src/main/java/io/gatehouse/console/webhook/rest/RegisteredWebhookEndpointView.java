package io.gatehouse.console.webhook.rest;

import io.gatehouse.core.webhook.RegisteredWebhookEndpoint;
import io.gatehouse.core.webhook.WebhookEndpoint;
import io.gatehouse.core.webhook.WebhookEndpointStatus;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An endpoint just registered, with its signing {@code secret}: the only answer that ever carries it. */
public record RegisteredWebhookEndpointView(UUID id, UUID subscriptionId, String url, List<String> channels, String secret,
                                            WebhookEndpointStatus status, Instant createdAt) {

    static RegisteredWebhookEndpointView of(RegisteredWebhookEndpoint registered) {
        WebhookEndpoint endpoint = registered.endpoint();
        return new RegisteredWebhookEndpointView(endpoint.getId(), endpoint.getSubscriptionId(), endpoint.getUrl(),
                endpoint.getChannels(), registered.secret(), endpoint.getStatus(), endpoint.getCreatedAt());
    }

    @Override
    public String toString() {
        return "RegisteredWebhookEndpointView[" + id + " " + url + "]";
    }
}
