package io.gatehouse.analytics.rating;

import io.gatehouse.core.pricing.Meter;
import io.gatehouse.core.pricing.PriceModel;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;

/**
 * One charge of one subject over the days {@code [from, to)} of a period that one price version
 * ({@code priceEffectiveFrom}) covers. {@code amount} is rounded ({@link Money}); everything else is
 * exact. {@code currency} is null for a FREE price. Which fields are set depends on the kind and model:
 * a USAGE line has {@code meter} and {@code quantity}, with {@code unitPrice} (PER_UNIT, VOLUME, a
 * FLAT price's overage), {@code tiers} (TIERED, VOLUME) and, for FLAT, {@code includedUnits} and
 * {@code billedQuantity}; a FEE line has {@code days} of {@code daysInPeriod} and the monthly fee as
 * {@code unitPrice}; a SETUP_FEE line the setup fee.
 */
public record RatedLine(
        LineKind kind,
        Subject subject,
        PriceModel model,
        Meter meter,
        Currency currency,
        LocalDate from,
        LocalDate to,
        LocalDate priceEffectiveFrom,
        BigDecimal quantity,
        Long includedUnits,
        BigDecimal billedQuantity,
        BigDecimal unitPrice,
        List<TierCharge> tiers,
        Integer days,
        Integer daysInPeriod,
        BigDecimal amount) {

    public RatedLine {
        tiers = tiers == null ? List.of() : List.copyOf(tiers);
    }
}
