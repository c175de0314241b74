package io.gatehouse.analytics.rating;

import io.gatehouse.core.pricing.Meter;
import io.gatehouse.core.pricing.PriceHistory;
import io.gatehouse.core.pricing.PriceModel;
import io.gatehouse.core.pricing.PriceTier;
import io.gatehouse.core.pricing.Pricing;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rates one subject over one window: the window's days are cut into segments where one price version
 * applies (a price change mid-period starts a new segment), and each segment is rated on its own.
 * <ul>
 * <li>USAGE: the segment's quantity on the version's meter. PER_UNIT: quantity × unit price. TIERED
 * (graduated): each unit at the price of the tier it falls in, counting from zero in the segment.
 * VOLUME: every unit at the price of the tier the segment's whole quantity falls in. FLAT: the units
 * past the included ones at the overage price. FREE: zero, on the REQUESTS and EVENTS meters.</li>
 * <li>FEE (FLAT): the monthly fee × binding days ÷ days in the month; the included units are prorated
 * the same way, rounded down to a whole unit.</li>
 * <li>SETUP_FEE: in the segment holding the subscription's start day.</li>
 * </ul>
 * Each line's amount is rounded half-even to its currency's minor unit; nothing is rounded before.
 */
public final class Rater {

    private Rater() {
    }

    /** The lines of {@code subject}; with {@code fees} false only its USAGE lines (for usage reports). */
    public static List<RatedLine> rate(Subject subject, PriceHistory prices, RatingWindow window,
                                       Map<LocalDate, DailyUsage> usage, boolean fees) {
        List<RatedLine> lines = new ArrayList<>();
        List<LocalDate> days = window.days();
        int start = 0;
        while (start < days.size()) {
            Pricing version = prices.at(days.get(start));
            int end = start + 1;
            while (end < days.size() && prices.at(days.get(end)) == version) {
                end++;
            }
            rateSegment(lines, subject, version, window, days.subList(start, end), usage, fees);
            start = end;
        }
        return lines;
    }

    private static void rateSegment(List<RatedLine> lines, Subject subject, Pricing price, RatingWindow window,
                                    List<LocalDate> days, Map<LocalDate, DailyUsage> usage, boolean fees) {
        Segment segment = new Segment(subject, price, window, days);
        int bindingDays = (int) days.stream().filter(day -> window.holdsStartOf(day) && subject.bindsOn(day)).count();
        switch (price.model()) {
            case FREE -> {
                for (Meter meter : List.of(Meter.REQUESTS, Meter.EVENTS)) {
                    BigDecimal quantity = segment.quantity(meter, usage);
                    if (quantity.signum() > 0) {
                        lines.add(segment.usage(meter, quantity, null, null, BigDecimal.ZERO, List.of(), BigDecimal.ZERO));
                    }
                }
            }
            case PER_UNIT -> {
                BigDecimal quantity = segment.quantity(price.meter(), usage);
                if (quantity.signum() > 0) {
                    lines.add(segment.usage(price.meter(), quantity, null, null, price.unitPrice(), List.of(),
                            quantity.multiply(price.unitPrice())));
                }
            }
            case TIERED, VOLUME -> {
                BigDecimal quantity = segment.quantity(price.meter(), usage);
                if (quantity.signum() > 0) {
                    List<TierCharge> tiers = price.model() == PriceModel.TIERED
                            ? graduated(price.tiers(), quantity) : volume(price.tiers(), quantity);
                    BigDecimal exact = tiers.stream().map(TierCharge::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
                    BigDecimal unitPrice = tiers.size() == 1 ? tiers.getFirst().unitPrice() : null;
                    lines.add(segment.usage(price.meter(), quantity, null, null, unitPrice, tiers, exact));
                }
            }
            case FLAT -> {
                int daysInMonth = window.daysInMonth();
                if (fees && bindingDays > 0) {
                    BigDecimal prorated = price.fee().multiply(BigDecimal.valueOf(bindingDays)).divide(
                            BigDecimal.valueOf(daysInMonth), price.currency().getDefaultFractionDigits(), RoundingMode.HALF_EVEN);
                    lines.add(segment.fee(bindingDays, daysInMonth, prorated));
                }
                BigDecimal quantity = segment.quantity(price.meter(), usage);
                if (quantity.signum() > 0) {
                    long included = bindingDays == daysInMonth ? price.includedUnits()
                            : BigDecimal.valueOf(price.includedUnits()).multiply(BigDecimal.valueOf(bindingDays))
                                    .divide(BigDecimal.valueOf(daysInMonth), 0, RoundingMode.FLOOR).longValueExact();
                    BigDecimal billed = quantity.subtract(BigDecimal.valueOf(included)).max(BigDecimal.ZERO);
                    lines.add(segment.usage(price.meter(), quantity, included, billed, price.overageUnitPrice(), List.of(),
                            billed.multiply(price.overageUnitPrice())));
                }
            }
        }
        LocalDate startDay = subject.startDay();
        if (fees && price.setupFee() != null && startDay != null && days.contains(startDay) && window.holdsStartOf(startDay)) {
            lines.add(segment.setupFee());
        }
    }

    static List<TierCharge> graduated(List<PriceTier> tiers, BigDecimal quantity) {
        List<TierCharge> charges = new ArrayList<>();
        long from = 0;
        for (PriceTier tier : tiers) {
            BigDecimal upper = tier.upTo() == null ? quantity : quantity.min(BigDecimal.valueOf(tier.upTo()));
            BigDecimal units = upper.subtract(BigDecimal.valueOf(from));
            if (units.signum() > 0) {
                charges.add(new TierCharge(from, tier.upTo(), units, tier.unitPrice(), units.multiply(tier.unitPrice())));
            }
            if (tier.upTo() == null || quantity.compareTo(BigDecimal.valueOf(tier.upTo())) <= 0) {
                break;
            }
            from = tier.upTo();
        }
        return charges;
    }

    static List<TierCharge> volume(List<PriceTier> tiers, BigDecimal quantity) {
        long from = 0;
        for (PriceTier tier : tiers) {
            if (tier.upTo() == null || quantity.compareTo(BigDecimal.valueOf(tier.upTo())) <= 0) {
                return List.of(new TierCharge(from, tier.upTo(), quantity, tier.unitPrice(), quantity.multiply(tier.unitPrice())));
            }
            from = tier.upTo();
        }
        throw new IllegalStateException("a volume price ends with an unbounded tier");
    }

    /** The lines of one segment share its subject, price, and days. */
    private record Segment(Subject subject, Pricing price, RatingWindow window, List<LocalDate> days) {

        BigDecimal quantity(Meter meter, Map<LocalDate, DailyUsage> usage) {
            BigDecimal total = BigDecimal.ZERO;
            for (LocalDate day : days) {
                DailyUsage daily = usage.get(day);
                if (daily != null) {
                    total = total.add(daily.quantity(meter));
                }
            }
            return total;
        }

        RatedLine usage(Meter meter, BigDecimal quantity, Long included, BigDecimal billed, BigDecimal unitPrice,
                        List<TierCharge> tiers, BigDecimal exact) {
            return line(LineKind.USAGE, meter, quantity, included, billed, unitPrice, tiers, null, exact);
        }

        /** {@code prorated} is already rounded, straight from the exact quotient. */
        RatedLine fee(int bindingDays, int daysInMonth, BigDecimal prorated) {
            return new RatedLine(LineKind.FEE, subject, price.model(), null, price.currency(), from(), to(),
                    price.effectiveFrom(), BigDecimal.ONE, null, null, price.fee(), List.of(), bindingDays, daysInMonth,
                    prorated);
        }

        RatedLine setupFee() {
            return line(LineKind.SETUP_FEE, null, BigDecimal.ONE, null, null, price.setupFee(), List.of(), null, price.setupFee());
        }

        private RatedLine line(LineKind kind, Meter meter, BigDecimal quantity, Long included, BigDecimal billed,
                               BigDecimal unitPrice, List<TierCharge> tiers, Integer days, BigDecimal exact) {
            return new RatedLine(kind, subject, price.model(), meter, price.currency(), from(), to(), price.effectiveFrom(),
                    quantity, included, billed, unitPrice, tiers, days, null, Money.round(exact, price.currency()));
        }

        private LocalDate from() {
            return days.getFirst();
        }

        private LocalDate to() {
            return days.getLast().plusDays(1);
        }
    }
}
