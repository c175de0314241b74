package io.gatehouse.analytics.range;

import io.gatehouse.core.error.InvalidInputException;
import java.time.Instant;

/**
 * The rule every usage and billing query's period follows: {@code [from, to)}, both given, {@code from}
 * strictly before {@code to}. Reading dates from text is the management API's job
 * ({@code console.usage.rest.TimeWindow}).
 */
public final class QueryDates {

    private QueryDates() {
    }

    /** Checks that {@code [from, to)} is a non-empty range. */
    public static void requireRange(Instant from, Instant to) {
        if (from == null) {
            throw new InvalidInputException("/from", "is required");
        }
        if (to == null) {
            throw new InvalidInputException("/to", "is required");
        }
        if (!from.isBefore(to)) {
            throw new InvalidInputException("/to", "must be after from (the range is [from, to))");
        }
    }
}
