package io.gatehouse.core.webhook.delivery;

/** Where a delivery of one message to one endpoint stands. */
public enum DeliveryStatus {
    /** Waiting for its first attempt or for a retry (or in flight on some gateway). */
    PENDING,
    /** The endpoint answered 2xx. */
    DELIVERED,
    /** Every attempt of the retry schedule failed; only a redelivery sends it again. */
    DEAD_LETTER,
    /** Stopped without success: the endpoint answered 410 Gone, or the subscription ended. */
    CANCELLED
}
