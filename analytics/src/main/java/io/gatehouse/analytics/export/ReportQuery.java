package io.gatehouse.analytics.export;

import io.gatehouse.analytics.range.QueryDates;
import java.time.Instant;

/** The period of a usage report: {@code [from, to)}, {@code from} strictly before {@code to}. */
public record ReportQuery(Instant from, Instant to) {

    public ReportQuery {
        QueryDates.requireRange(from, to);
    }

    /** Reads the query-string form: ISO-8601 instants or bare dates (midnight UTC). */
    public static ReportQuery parse(String from, String to) {
        return new ReportQuery(QueryDates.parse(from, "/from"), QueryDates.parse(to, "/to"));
    }
}
