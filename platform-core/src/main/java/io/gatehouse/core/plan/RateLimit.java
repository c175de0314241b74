package io.gatehouse.core.plan;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * One rate-limit window: at most {@code limit} calls (or events) per {@code period}, an ISO-8601
 * duration such as {@code PT1S}, {@code PT1M} or {@code PT1H}.
 */
public record RateLimit(@Positive long limit, @NotBlank String period) {

    public Duration window() {
        return Duration.parse(period);
    }

    /** A problem with the period, or {@code null} when it is a usable window. */
    public String periodProblem() {
        if (period == null || period.isBlank()) {
            return null;
        }
        try {
            Duration window = Duration.parse(period);
            if (window.isNegative() || window.isZero()) {
                return "must be a positive duration";
            }
            return window.compareTo(Duration.ofMillis(100)) < 0 ? "must be at least PT0.1S" : null;
        } catch (DateTimeParseException e) {
            return "must be an ISO-8601 duration such as PT1S, PT1M or PT1H";
        }
    }
}
