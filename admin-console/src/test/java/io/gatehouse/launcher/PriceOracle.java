package io.gatehouse.launcher;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The reconciliation's independent arithmetic: what a month of raw usage records costs, computed record
 * by record from the test's own price table (not from the system's stored prices or its rater): each
 * unit priced as it comes (its tier by its position in the segment, overage once past the included
 * units), summed exactly per subscription and price version, rounded half-even to the cent there; fees
 * prorated by the days a subscription binds.
 */
final class PriceOracle {

    /** One raw billable record: when, what kind, bytes both ways. */
    record Usage(Instant at, String kind, long bytes) {
    }

    /** A price, as the test defines it. {@code tiers} are {upTo or -1 for unbounded, unit price}. */
    record Price(String model, String currency, String meter, BigDecimal unitPrice, BigDecimal fee, long included,
                 BigDecimal overage, BigDecimal setup, List<Object[]> tiers) {

        static Price free() {
            return new Price("FREE", null, null, null, null, 0, null, null, List.of());
        }

        static Price perUnit(String currency, String meter, String unitPrice) {
            return new Price("PER_UNIT", currency, meter, new BigDecimal(unitPrice), null, 0, null, null, List.of());
        }

        static Price flat(String currency, String fee, long included, String overage, String setup) {
            return new Price("FLAT", currency, "REQUESTS", null, new BigDecimal(fee), included, new BigDecimal(overage),
                    setup == null ? null : new BigDecimal(setup), List.of());
        }

        static Price tiers(String model, String currency, Object... bands) {
            List<Object[]> tiers = new ArrayList<>();
            for (int i = 0; i < bands.length; i += 2) {
                tiers.add(new Object[] {((Number) bands[i]).longValue(), new BigDecimal((String) bands[i + 1])});
            }
            return new Price(model, currency, "REQUESTS", null, null, 0, null, null, tiers);
        }

        BigDecimal tierPrice(long unit) {
            for (Object[] tier : tiers) {
                if ((long) tier[0] < 0 || unit <= (long) tier[0]) {
                    return (BigDecimal) tier[1];
                }
            }
            throw new IllegalStateException("no unbounded tier");
        }
    }

    /** Charges by currency: usage alone, and usage plus fees. */
    record Charges(Map<String, BigDecimal> usage, Map<String, BigDecimal> total) {

        static Charges none() {
            return new Charges(new HashMap<>(), new HashMap<>());
        }

        void add(Charges other) {
            other.usage.forEach((currency, amount) -> usage.merge(currency, amount, BigDecimal::add));
            other.total.forEach((currency, amount) -> total.merge(currency, amount, BigDecimal::add));
        }
    }

    private PriceOracle() {
    }

    /**
     * What one subscription owes for {@code month}: {@code schedule} maps each price's first day to it
     * (the earliest also covers the days before), {@code records} are its raw billable records.
     */
    static Charges charges(YearMonth month, TreeMap<LocalDate, Price> schedule, Instant startedAt, Instant endedAt,
                           List<Usage> records) {
        Charges charges = Charges.none();
        Map<LocalDate, List<Usage>> bySegment = new TreeMap<>();
        for (Usage record : records) {
            bySegment.computeIfAbsent(segment(schedule, LocalDate.ofInstant(record.at(), ZoneOffset.UTC)), key -> new ArrayList<>())
                    .add(record);
        }
        int daysInMonth = month.lengthOfMonth();
        Map<LocalDate, Integer> bindingDays = new HashMap<>();
        for (LocalDate day = month.atDay(1); !day.isAfter(month.atEndOfMonth()); day = day.plusDays(1)) {
            LocalDate start = LocalDate.ofInstant(startedAt, ZoneOffset.UTC);
            boolean binds = !day.isBefore(start) && (endedAt == null || day.isBefore(LocalDate.ofInstant(endedAt, ZoneOffset.UTC)));
            if (binds) {
                bindingDays.merge(segment(schedule, day), 1, Integer::sum);
            }
        }
        for (LocalDate segment : union(bySegment.keySet(), bindingDays.keySet())) {
            Price price = schedule.get(segment);
            if (price.model().equals("FREE")) {
                continue;
            }
            int days = bindingDays.getOrDefault(segment, 0);
            BigDecimal usage = usage(price, bySegment.getOrDefault(segment, List.of()), days, daysInMonth);
            BigDecimal fees = BigDecimal.ZERO;
            if (price.model().equals("FLAT") && days > 0) {
                fees = price.fee().multiply(BigDecimal.valueOf(days)).divide(BigDecimal.valueOf(daysInMonth), 2, RoundingMode.HALF_EVEN);
            }
            if (price.setup() != null && YearMonth.from(startedAt.atZone(ZoneOffset.UTC)).equals(month)
                    && segment(schedule, LocalDate.ofInstant(startedAt, ZoneOffset.UTC)).equals(segment)) {
                fees = fees.add(price.setup());
            }
            charges.usage().merge(price.currency(), usage, BigDecimal::add);
            charges.total().merge(price.currency(), usage.add(fees), BigDecimal::add);
        }
        return charges;
    }

    private static BigDecimal usage(Price price, List<Usage> records, int bindingDays, int daysInMonth) {
        BigDecimal exact = BigDecimal.ZERO;
        long units = 0;
        long included = price.included() * bindingDays / daysInMonth;
        for (Usage record : records) {
            BigDecimal quantity = quantity(price.meter(), record);
            if (quantity.signum() == 0) {
                continue;
            }
            units++;
            exact = exact.add(switch (price.model()) {
                case "PER_UNIT" -> quantity.multiply(price.unitPrice());
                case "TIERED" -> price.tierPrice(units);
                case "FLAT" -> units > included ? price.overage() : BigDecimal.ZERO;
                default -> BigDecimal.ZERO;
            });
        }
        if (price.model().equals("VOLUME")) {
            exact = price.tierPrice(units).multiply(BigDecimal.valueOf(units));
        }
        return exact.setScale(2, RoundingMode.HALF_EVEN);
    }

    private static BigDecimal quantity(String meter, Usage record) {
        return switch (meter) {
            case "REQUESTS" -> record.kind().equals("CALL") ? BigDecimal.ONE : BigDecimal.ZERO;
            case "EVENTS" -> record.kind().equals("EVENT") ? BigDecimal.ONE : BigDecimal.ZERO;
            default -> BigDecimal.valueOf(record.bytes()).movePointLeft(6);
        };
    }

    private static LocalDate segment(TreeMap<LocalDate, Price> schedule, LocalDate day) {
        LocalDate key = schedule.floorKey(day);
        return key != null ? key : schedule.firstKey();
    }

    private static List<LocalDate> union(java.util.Set<LocalDate> a, java.util.Set<LocalDate> b) {
        java.util.TreeSet<LocalDate> all = new java.util.TreeSet<>(a);
        all.addAll(b);
        return new ArrayList<>(all);
    }
}
