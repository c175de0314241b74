package io.gatehouse.analytics.export;

import java.time.Instant;

/** One line of the billing usage report: a metered quantity of one organization × application × API × plan. */
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
