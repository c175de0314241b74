package io.gatehouse.core.webhook.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a failed delivery is tried again. After the n-th failed attempt of a round (the first attempt
 * or a redelivery starts one) the delivery waits the n-th step of the schedule, lengthened by up to
 * 10 % of random jitter so that retries of many deliveries spread out; a {@code Retry-After} the
 * endpoint sent wins when it asks for longer (at most {@link #MAX_RETRY_AFTER}). After the last step
 * there is no next attempt: the delivery is dead-lettered.
 */
public final class RetrySchedule {

    /** The longest wait a {@code Retry-After} can impose. */
    public static final Duration MAX_RETRY_AFTER = Duration.ofDays(1);

    private final List<Duration> steps;

    public RetrySchedule(List<Duration> steps) {
        this.steps = List.copyOf(steps);
    }

    /** Attempts in one round: the first and one per step. */
    public int attempts() {
        return steps.size() + 1;
    }

    /**
     * The wait before the next attempt, or empty when {@code failedAttempts} used up the schedule.
     *
     * @param failedAttempts attempts of this round so far, all failed (1 after the first)
     * @param retryAfter     what the endpoint asked for in {@code Retry-After}; null when it did not
     */
    public Optional<Duration> next(int failedAttempts, Duration retryAfter) {
        if (failedAttempts < 1 || failedAttempts > steps.size()) {
            return Optional.empty();
        }
        Duration step = steps.get(failedAttempts - 1);
        Duration wait = step.plusMillis((long) (step.toMillis() * 0.1 * ThreadLocalRandom.current().nextDouble()));
        if (retryAfter != null) {
            Duration asked = retryAfter.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter;
            if (asked.compareTo(wait) > 0) {
                wait = asked;
            }
        }
        return Optional.of(wait);
    }

    @Override
    public String toString() {
        return steps.toString();
    }
}
