package io.gatehouse.analytics.export;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One line of the billing usage report: the billable usage of one subscription (or of a keyless plan's
 * anonymous callers) on one meter under one price version, inside one calendar month of the report's
 * period ({@code periodStart}, {@code periodEnd}), and what that usage costs. Text fields are empty,
 * never {@code null}, when unknown; {@code unitPrice} is empty for a graduated price over several tiers
 * ({@code tiers} spells them out).
 */
public record UsageReportRow(
        Instant periodStart,
        Instant periodEnd,
        String organization,
        String application,
        String api,
        String plan,
        String meter,
        BigDecimal quantity,
        String unitPrice,
        String amount,
        String currency,
        UUID subscriptionId,
        String model,
        LocalDate priceEffectiveFrom,
        Long includedUnits,
        BigDecimal billedQuantity,
        String tiers) {
}
