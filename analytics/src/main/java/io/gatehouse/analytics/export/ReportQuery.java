package io.gatehouse.analytics.export;

import io.gatehouse.analytics.range.QueryDates;
import java.time.Instant;

/** The period of a usage report: {@code [from, to)}, {@code from} strictly before {@code to}. */
public record ReportQuery(Instant from, Instant to) {

    public ReportQuery {
        QueryDates.requireRange(from, to);
    }
}
