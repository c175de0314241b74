package io.gatehouse.analytics.export;

import java.time.Instant;

/**
 * One line of the billing usage report: the billable usage of one application of one organization on
 * one plan of one API over the report's period, and, where the plan's price is rated yet, its charge.
 * Text fields are empty, never {@code null}, when unknown.
 */
public record UsageReportRow(
        Instant periodStart,
        Instant periodEnd,
        String organization,
        String application,
        String api,
        String plan,
        String meter,
        long quantity,
        String unitPrice,
        String amount,
        String currency) {
}
