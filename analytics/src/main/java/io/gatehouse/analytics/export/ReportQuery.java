package io.gatehouse.analytics.export;

import java.time.Instant;

/** The period of a usage report: {@code from} inclusive, {@code to} exclusive. */
public record ReportQuery(Instant from, Instant to) {
}
