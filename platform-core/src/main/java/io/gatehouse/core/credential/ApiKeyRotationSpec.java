package io.gatehouse.core.credential;

import io.gatehouse.core.error.FieldProblem;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The wire shape of {@code POST /applications/{appId}/api-keys/{keyId}/rotate}: how long the old key
 * keeps working beside the new one, an ISO-8601 duration from {@code PT0S} to {@code P30D}
 * (default {@code PT24H}).
 */
public record ApiKeyRotationSpec(String gracePeriod) {

    private static final Duration DEFAULT_GRACE = Duration.ofHours(24);
    private static final Duration LONGEST_GRACE = Duration.ofDays(30);

    public Duration grace() {
        return gracePeriod == null || gracePeriod.isBlank() ? DEFAULT_GRACE : Duration.parse(gracePeriod);
    }

    List<FieldProblem> problems() {
        try {
            Duration grace = grace();
            if (grace.isNegative() || grace.compareTo(LONGEST_GRACE) > 0) {
                return List.of(new FieldProblem("/gracePeriod", "must be between PT0S and P30D"));
            }
            return List.of();
        } catch (DateTimeParseException e) {
            return List.of(new FieldProblem("/gracePeriod", "must be an ISO-8601 duration such as PT1H"));
        }
    }
}
