package io.gatehouse.analytics.range;

import io.gatehouse.core.error.InvalidInputException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Reads the {@code from} and {@code to} of usage and billing queries the way the management API's
 * contract states them: ISO-8601, either an instant with an offset ({@code 2026-11-01T00:00:00Z},
 * {@code 2026-11-01T01:00:00+01:00}) or a bare date, which means midnight UTC.
 */
public final class QueryDates {

    private QueryDates() {
    }

    /** Parses {@code text}; a missing or unreadable value is an {@link InvalidInputException} on {@code pointer}. */
    public static Instant parse(String text, String pointer) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(pointer, "is required: an ISO-8601 date (2026-11-01) or instant (2026-11-01T00:00:00Z)");
        }
        String value = text.strip();
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(pointer, "must be an ISO-8601 date (2026-11-01) or instant (2026-11-01T00:00:00Z)");
        }
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
