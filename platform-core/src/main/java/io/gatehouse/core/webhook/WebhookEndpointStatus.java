package io.gatehouse.core.webhook;

/** Whether an endpoint receives deliveries. */
public enum WebhookEndpointStatus {
    /** Deliveries are made. */
    ENABLED,
    /**
     * Nothing is delivered and no new deliveries are queued: the receiver answered 410 Gone (its pending
     * deliveries were cancelled), or the developer disabled it (its pending deliveries wait). A developer
     * re-enables it with a PUT.
     */
    DISABLED
}
