package io.gatehouse.console.usage.rest;

import io.gatehouse.console.problem.InvalidParameterException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * A window of time from query parameters {@code from} (inclusive) and {@code to} (exclusive), each an
 * ISO-8601 instant ({@code 2026-11-01T00:00:00Z}) or a bare date ({@code 2026-11-01}, midnight UTC).
 */
public record TimeWindow(Instant from, Instant to) {

    public static TimeWindow parse(String from, String to) {
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        if (!end.isAfter(start)) {
            throw new InvalidParameterException("to", "must be after from");
        }
        return new TimeWindow(start, end);
    }

    static Instant instant(String parameter, String value) {
        if (value == null || value.isBlank()) {
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
