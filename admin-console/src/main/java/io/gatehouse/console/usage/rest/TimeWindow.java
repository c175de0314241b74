package io.gatehouse.console.usage.rest;

import io.gatehouse.console.problem.InvalidParameterException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * A window of time from query parameters {@code from} (inclusive) and {@code to} (exclusive), each an
 * ISO-8601 instant ({@code 2026-11-01T00:00:00Z}) or a bare date ({@code 2026-11-01}, midnight UTC).
 */
public record TimeWindow(Instant from, Instant to) {

    /** Both parameters are required. */
    public static TimeWindow parse(String from, String to) {
        return parse(from, to, null, null);
    }

    /** An absent parameter takes its default; with a {@code null} default it is required. */
    public static TimeWindow parse(String from, String to, Instant defaultFrom, Instant defaultTo) {
        Instant start = instant("from", from, defaultFrom);
        Instant end = instant("to", to, defaultTo);
        if (!end.isAfter(start)) {
            throw new InvalidParameterException("to", "must be after from");
        }
        return new TimeWindow(start, end);
    }

    /** Without {@code to} the window ends at {@code now}; without {@code from} it is {@code length} long. */
    public static TimeWindow lasting(String from, String to, Duration length, Instant now) {
        Instant end = instant("to", to, now);
        return parse(from, to, end.minus(length), now);
    }

    private static Instant instant(String parameter, String value, Instant defaultValue) {
        if (value == null || value.isBlank()) {
            if (defaultValue != null) {
                return defaultValue;
            }
            throw new InvalidParameterException(parameter, "is required: an ISO-8601 instant or date");
        }
        String text = value.strip();
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidParameterException(parameter,
                    "must be an ISO-8601 instant such as 2026-11-01T00:00:00Z or a date such as 2026-11-01");
        }
    }
}
