package io.gatehouse.core.webhook.delivery;

/**
 * Published (as a Spring application event) when deliveries were enqueued, so that a dispatcher in
 * the same process can look for them at once, after the transaction commits, instead of at its next
 * poll. Other processes find them by polling.
 */
public record WebhooksEnqueued(int deliveries) {
}
