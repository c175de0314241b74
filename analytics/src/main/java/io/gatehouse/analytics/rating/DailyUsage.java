package io.gatehouse.analytics.rating;

import io.gatehouse.core.pricing.Meter;
import java.math.BigDecimal;
import java.time.LocalDate;

/** The billable usage of one subject on one UTC day: calls, events, and bytes both ways over both. */
public record DailyUsage(LocalDate day, long calls, long events, long bytes) {

    /** The quantity on {@code meter}; megabytes are exact decimals ({@code bytes / 1,000,000}). */
    public BigDecimal quantity(Meter meter) {
        return switch (meter) {
            case REQUESTS -> BigDecimal.valueOf(calls);
            case EVENTS -> BigDecimal.valueOf(events);
            case MEGABYTES -> BigDecimal.valueOf(bytes).movePointLeft(6);
        };
    }
}
