package io.gatehouse.core.webhook.delivery;

import java.time.Duration;
import java.time.Instant;

/**
 * What one HTTP attempt of a delivery came to.
 *
 * @param status         the endpoint's HTTP status; null when no answer came (timeout, refused, connection error)
 * @param error          why there was no answer (or what was wrong with it); null on success
 * @param retryAfter     the wait the endpoint asked for with {@code Retry-After}; null when it did not
 * @param responseBytes  bytes of the answer's body read
 */
public record AttemptResult(Instant attemptedAt, long durationMicros, Integer status, String error, Duration retryAfter,
                            long responseBytes) {

    public static AttemptResult answered(Instant attemptedAt, long durationMicros, int status, Duration retryAfter,
                                         long responseBytes) {
        String error = status >= 200 && status < 300 ? null : "the endpoint answered " + status;
        return new AttemptResult(attemptedAt, durationMicros, status, error, retryAfter, responseBytes);
    }

    public static AttemptResult failed(Instant attemptedAt, long durationMicros, String error) {
        return new AttemptResult(attemptedAt, durationMicros, null, error, null, 0);
    }

    /** A 2xx answer. */
    public boolean succeeded() {
        return status != null && status >= 200 && status < 300;
    }

    /** 410 Gone: the endpoint wants no more webhooks. */
    public boolean gone() {
        return status != null && status == 410;
    }

    public int durationMillis() {
        return (int) Math.min(Integer.MAX_VALUE, Math.round(durationMicros / 1000.0));
    }
}
