package io.gatehouse.core.webhook.delivery;

import java.time.Instant;

/**
 * One HTTP attempt of a delivery.
 *
 * @param outcome        {@code DELIVERED} (2xx), {@code GONE} (410: the endpoint was disabled) or {@code FAILED}
 * @param responseStatus the endpoint's HTTP status; null when there was no answer
 * @param error          why there was no answer, or why the answer was not a success
 * @param durationMs     from the start of the attempt to the end of the answer (or the failure)
 */
public record WebhookAttempt(Instant attemptedAt, String outcome, Integer responseStatus, String error, int durationMs,
                             String gatewayNode) {
}
