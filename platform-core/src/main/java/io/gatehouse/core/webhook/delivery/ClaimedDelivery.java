package io.gatehouse.core.webhook.delivery;

import java.net.URI;
import java.util.UUID;

/**
 * A delivery a gateway has claimed: everything needed to send it, sign it and meter it. The claim
 * holds until its lease ends; outcomes are recorded only under the {@code leaseToken} that claimed it.
 *
 * @param attempts      attempts so far, this one included
 * @param roundAttempts attempts since the delivery was (re)queued, this one included: the position in the retry schedule
 */
public record ClaimedDelivery(UUID id, UUID leaseToken, UUID endpointId, URI url, String secret, String eventId,
                              String channel, String contentType, byte[] payload, int attempts, int roundAttempts,
                              UUID subscriptionId, UUID planId, UUID apiId, String apiContext, UUID applicationId,
                              UUID organizationId) {

    /** The {@code webhook-id} header. */
    public String webhookId() {
        return WebhookIds.webhookId(id);
    }

    /** Never the secret, never the payload. */
    @Override
    public String toString() {
        return "ClaimedDelivery[" + id + " to endpoint " + endpointId + ", attempt " + attempts + "]";
    }
}
