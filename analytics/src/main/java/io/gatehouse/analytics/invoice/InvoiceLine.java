package io.gatehouse.analytics.invoice;

import io.gatehouse.analytics.rating.LineKind;
import io.gatehouse.analytics.rating.RatedLine;
import io.gatehouse.analytics.rating.TierCharge;
import io.gatehouse.core.pricing.Meter;
import io.gatehouse.core.pricing.PriceModel;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * One line of an invoice, as the API shows it: a subscription's charge of one kind over the days
 * {@code [from, to)} of the period under the price version effective from {@code priceEffectiveFrom}.
 * Amounts and prices are decimal strings; quantities are exact numbers (megabytes have decimals).
 */
public record InvoiceLine(
        UUID subscriptionId,
        UUID applicationId,
        String application,
        UUID apiId,
        String api,
        UUID planId,
        String plan,
        LineKind kind,
        PriceModel model,
        Meter meter,
        LocalDate from,
        LocalDate to,
        LocalDate priceEffectiveFrom,
        BigDecimal quantity,
        Long includedUnits,
        BigDecimal billedQuantity,
        String unitPrice,
        List<Tier> tiers,
        Integer days,
        Integer daysInPeriod,
        String amount) {

    /** The order of lines on an invoice. */
    static final Comparator<InvoiceLine> ORDER = Comparator
            .comparing(InvoiceLine::application, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(InvoiceLine::api, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(InvoiceLine::plan, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(InvoiceLine::subscriptionId)
            .thenComparing(InvoiceLine::from)
            .thenComparing(line -> line.kind() == LineKind.SETUP_FEE ? 0 : line.kind() == LineKind.FEE ? 1 : 2);

    /** What one tier charged; {@code amount} is exact, the line's amount alone is rounded. */
    public record Tier(long from, Long upTo, BigDecimal quantity, String unitPrice, String amount) {

        static Tier of(TierCharge charge) {
            return new Tier(charge.from(), charge.upTo(), charge.quantity(), charge.unitPrice().toPlainString(),
                    charge.amount().stripTrailingZeros().toPlainString());
        }
    }

    public InvoiceLine {
        tiers = tiers == null ? List.of() : List.copyOf(tiers);
    }

    static InvoiceLine of(RatedLine line) {
        return new InvoiceLine(line.subject().subscriptionId(), line.subject().applicationId(), line.subject().application(),
                line.subject().apiId(), line.subject().api(), line.subject().planId(), line.subject().plan(), line.kind(),
                line.model(), line.meter(), line.from(), line.to(), line.priceEffectiveFrom(), line.quantity(),
                line.includedUnits(), line.billedQuantity(), text(line.unitPrice()),
                line.tiers().stream().map(Tier::of).toList(), line.days(), line.daysInPeriod(), line.amount().toPlainString());
    }

    BigDecimal amountValue() {
        return new BigDecimal(amount);
    }

    private static String text(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }
}
