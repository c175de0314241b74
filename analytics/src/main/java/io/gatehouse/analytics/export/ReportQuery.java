package io.gatehouse.analytics.export;

import io.gatehouse.analytics.range.QueryDates;
import io.gatehouse.analytics.rating.UsageFilter;
import java.time.Instant;
import java.util.Objects;

/** A usage report's period {@code [from, to)} ({@code from} strictly before {@code to}) and what it is narrowed to. */
public record ReportQuery(Instant from, Instant to, UsageFilter filter) {

    public ReportQuery {
        QueryDates.requireRange(from, to);
        filter = Objects.requireNonNullElse(filter, UsageFilter.ALL);
    }

    public ReportQuery(Instant from, Instant to) {
        this(from, to, UsageFilter.ALL);
    }
}
