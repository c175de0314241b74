package io.gatehouse.analytics.rating;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.core.pricing.PriceHistory;
import io.gatehouse.core.pricing.Pricing;
import io.gatehouse.core.pricing.PricingParser;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RaterTests {

    static final YearMonth NOVEMBER = YearMonth.of(2026, 11);
    static final RatingWindow MONTH = RatingWindow.of(NOVEMBER);
    static final Subject WHOLE_MONTH = subject(Instant.parse("2026-10-03T08:00:00Z"), null);

    @Test
    void perUnitRoundsHalfEvenToTheMinorUnitOfTheLine() {
        assertThat(amounts(price("PER_UNIT", "EUR", "unitPrice", "0.001"), calls(5))).containsExactly("0.00");
        assertThat(amounts(price("PER_UNIT", "EUR", "unitPrice", "0.001"), calls(15))).containsExactly("0.02");
        assertThat(amounts(price("PER_UNIT", "EUR", "unitPrice", "0.001"), calls(25))).containsExactly("0.02");
        assertThat(amounts(price("PER_UNIT", "JPY", "unitPrice", "0.5"), calls(5))).containsExactly("2");
        assertThat(amounts(price("PER_UNIT", "JPY", "unitPrice", "0.5"), calls(7))).containsExactly("4");
    }

    @Test
    void usageSpreadOverDaysIsSummedBeforeItIsRounded() {
        Map<LocalDate, DailyUsage> days = new HashMap<>();
        for (int day = 1; day <= 30; day++) {
            days.put(NOVEMBER.atDay(day), new DailyUsage(NOVEMBER.atDay(day), 5, 0, 0));
        }
        assertThat(amounts(price("PER_UNIT", "EUR", "unitPrice", "0.001"), days)).containsExactly("0.15");
    }

    @Test
    void graduatedTiersChargeEachUnitAtItsOwnTier() {
        Pricing tiered = tiered("TIERED");

        RatedLine line = Rater.rate(WHOLE_MONTH, history(tiered), MONTH, calls(12_500), true).getFirst();

        assertThat(line.tiers()).extracting(t -> t.from() + ":" + t.quantity() + "x" + t.unitPrice() + "=" + t.amount())
                .containsExactly("0:1000x0=0", "1000:9000x0.001=9.000", "10000:2500x0.0005=1.2500");
        assertThat(line.amount()).isEqualByComparingTo("10.25").hasToString("10.25");
        assertThat(line.unitPrice()).isNull();
        assertThat(amounts(tiered, calls(1000))).containsExactly("0.00");
        assertThat(amounts(tiered, calls(1001))).containsExactly("0.00");
        assertThat(amounts(tiered, calls(1005))).containsExactly("0.00");
        assertThat(amounts(tiered, calls(1006))).containsExactly("0.01");
    }

    @Test
    void volumePricesEveryUnitAtTheTierTheWholeQuantityFallsIn() {
        Pricing volume = tiered("VOLUME");

        assertThat(amounts(volume, calls(12_500))).containsExactly("6.25");
        assertThat(amounts(volume, calls(10_000))).containsExactly("10.00");
        assertThat(amounts(volume, calls(1000))).containsExactly("0.00");
        RatedLine line = Rater.rate(WHOLE_MONTH, history(volume), MONTH, calls(1001), true).getFirst();
        assertThat(line.unitPrice()).isEqualByComparingTo("0.001");
        assertThat(line.tiers()).singleElement().satisfies(t -> assertThat(t.from()).isEqualTo(1000));
        assertThat(line.amount()).hasToString("1.00");
    }

    @Test
    void aFlatPriceChargesItsFeeAndTheOverageAboveTheIncludedUnits() {
        Pricing flat = flat();

        List<RatedLine> lines = Rater.rate(WHOLE_MONTH, history(flat), MONTH, calls(12_345), true);

        assertThat(lines).extracting(RatedLine::kind).containsExactly(LineKind.FEE, LineKind.USAGE);
        assertThat(lines.get(0).amount()).hasToString("49.00");
        assertThat(lines.get(0).days()).isEqualTo(30);
        assertThat(lines.get(1).includedUnits()).isEqualTo(10_000);
        assertThat(lines.get(1).billedQuantity()).isEqualByComparingTo("2345");
        assertThat(lines.get(1).amount()).hasToString("4.69");
        assertThat(Rater.rate(WHOLE_MONTH, history(flat), MONTH, calls(9_999), true))
                .extracting(line -> line.amount().toPlainString()).containsExactly("49.00", "0.00");
        assertThat(Rater.rate(WHOLE_MONTH, history(flat), MONTH, Map.of(), false)).isEmpty();
    }

    @Test
    void flatFeesAndIncludedUnitsAreProratedByTheDaysTheSubscriptionBinds() {
        Subject lateStarter = subject(Instant.parse("2026-11-16T15:00:00Z"), null);
        Subject earlyLeaver = subject(Instant.parse("2026-09-01T00:00:00Z"), Instant.parse("2026-11-10T10:00:00Z"));
        Subject sameDay = subject(Instant.parse("2026-11-10T09:00:00Z"), Instant.parse("2026-11-10T10:00:00Z"));

        List<RatedLine> late = Rater.rate(lateStarter, history(flat()), MONTH, calls(6_000), true);
        assertThat(late.get(0).days()).isEqualTo(15);
        assertThat(late.get(0).amount()).hasToString("24.50");
        assertThat(late.get(1).includedUnits()).isEqualTo(5_000);
        assertThat(late.get(1).amount()).hasToString("2.00");

        List<RatedLine> early = Rater.rate(earlyLeaver, history(flat()), MONTH, calls(1), true);
        assertThat(early.get(0).days()).isEqualTo(9);
        assertThat(early.get(0).amount()).hasToString("14.70");
        assertThat(early.get(1).includedUnits()).isEqualTo(3_000);

        assertThat(Rater.rate(sameDay, history(flat()), MONTH, Map.of(), true)).isEmpty();

        Pricing odd = price("FLAT", "EUR", "fee", "10.00", "includedUnits", 100);
        RatedLine october = Rater.rate(subject(Instant.parse("2026-10-21T00:00:00Z"), null), history(odd),
                RatingWindow.of(YearMonth.of(2026, 10)), Map.of(), true).getFirst();
        assertThat(october.days()).isEqualTo(11);
        assertThat(october.amount()).hasToString("3.55"); // 10 × 11 / 31 = 3.548…
    }

    @Test
    void aPriceChangeMidPeriodStartsASegmentRatedOnItsOwn() {
        Pricing before = price("PER_UNIT", "EUR", "unitPrice", "0.001").withEffectiveFrom(LocalDate.of(2026, 1, 1));
        Pricing after = price("PER_UNIT", "EUR", "unitPrice", "0.002").withEffectiveFrom(LocalDate.of(2026, 11, 15));
        Map<LocalDate, DailyUsage> days = Map.of(
                LocalDate.of(2026, 11, 14), new DailyUsage(LocalDate.of(2026, 11, 14), 1000, 0, 0),
                LocalDate.of(2026, 11, 15), new DailyUsage(LocalDate.of(2026, 11, 15), 1000, 0, 0));

        List<RatedLine> lines = Rater.rate(WHOLE_MONTH, new PriceHistory(List.of(before, after)), MONTH, days, true);

        assertThat(lines).extracting(l -> l.from() + ".." + l.to() + " " + l.quantity() + " = " + l.amount())
                .containsExactly("2026-11-01..2026-11-15 1000 = 1.00", "2026-11-15..2026-12-01 1000 = 2.00");
    }

    @Test
    void megabytesAreExactDecimalsOfBothDirections() {
        Map<LocalDate, DailyUsage> days = Map.of(NOVEMBER.atDay(3), new DailyUsage(NOVEMBER.atDay(3), 2, 1, 3_750_001));

        RatedLine line = Rater.rate(WHOLE_MONTH, history(price("PER_UNIT", "EUR", "unitPrice", "0.01", "meter", "MEGABYTES")),
                MONTH, days, true).getFirst();

        assertThat(line.quantity()).isEqualByComparingTo(new BigDecimal("3.750001"));
        assertThat(line.amount()).hasToString("0.04");
    }

    @Test
    void aSetupFeeIsChargedInTheMonthTheSubscriptionStarts() {
        Pricing setup = price("PER_UNIT", "EUR", "unitPrice", "0.001", "setupFee", "99.00");

        assertThat(Rater.rate(subject(Instant.parse("2026-11-20T00:00:00Z"), null), history(setup), MONTH, Map.of(), true))
                .singleElement().satisfies(line -> {
                    assertThat(line.kind()).isEqualTo(LineKind.SETUP_FEE);
                    assertThat(line.amount()).hasToString("99.00");
                });
        assertThat(Rater.rate(WHOLE_MONTH, history(setup), MONTH, Map.of(), true)).isEmpty();
    }

    @Test
    void freeUsageIsShownAtZeroOnCallsAndEvents() {
        Map<LocalDate, DailyUsage> days = Map.of(NOVEMBER.atDay(3), new DailyUsage(NOVEMBER.atDay(3), 2, 7, 100));

        assertThat(Rater.rate(WHOLE_MONTH, history(Pricing.FREE.withEffectiveFrom(LocalDate.EPOCH)), MONTH, days, true))
                .extracting(line -> line.meter() + " " + line.quantity() + " " + line.amount() + " " + line.currency())
                .containsExactly("REQUESTS 2 0.00 null", "EVENTS 7 0.00 null");
    }

    @Test
    void aPartOfAMonthHoldsTheFeeDaysThatStartInIt() {
        RatingWindow firstHalf = new RatingWindow(NOVEMBER, Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-11-16T12:00:00Z"));

        List<RatedLine> lines = Rater.rate(WHOLE_MONTH, history(flat()), firstHalf, calls(6_000), true);

        assertThat(lines.get(0).days()).isEqualTo(16);
        assertThat(lines.get(1).includedUnits()).isEqualTo(5_333);
        assertThat(lines.get(1).to()).isEqualTo(LocalDate.of(2026, 11, 17));
    }

    static Subject subject(Instant startedAt, Instant endedAt) {
        return new Subject(UUID.randomUUID(), UUID.randomUUID(), "Gold", UUID.randomUUID(), "Petstore", UUID.randomUUID(), "app",
                UUID.randomUUID(), "Acme", startedAt, endedAt);
    }

    static Map<LocalDate, DailyUsage> calls(long count) {
        return Map.of(NOVEMBER.atDay(3), new DailyUsage(NOVEMBER.atDay(3), count, 0, 0));
    }

    static List<String> amounts(Pricing pricing, Map<LocalDate, DailyUsage> usage) {
        return Rater.rate(WHOLE_MONTH, history(pricing), MONTH, usage, true).stream().map(l -> l.amount().toPlainString()).toList();
    }

    static PriceHistory history(Pricing pricing) {
        return new PriceHistory(List.of(pricing.effectiveFrom() == null ? pricing.withEffectiveFrom(LocalDate.EPOCH) : pricing));
    }

    static Pricing flat() {
        return price("FLAT", "EUR", "fee", "49.00", "includedUnits", 10_000, "overageUnitPrice", "0.002");
    }

    static Pricing tiered(String model) {
        Map<String, Object> last = new HashMap<>();
        last.put("upTo", null);
        last.put("unitPrice", "0.0005");
        return price(model, "EUR", "tiers", Arrays.asList(Map.of("upTo", 1000, "unitPrice", "0"),
                Map.of("upTo", 10_000, "unitPrice", "0.001"), last));
    }

    static Pricing price(String model, String currency, Object... fields) {
        Map<String, Object> map = new HashMap<>();
        map.put("model", model);
        map.put("currency", currency);
        for (int i = 0; i < fields.length; i += 2) {
            map.put((String) fields[i], fields[i + 1]);
        }
        PricingParser.Result result = PricingParser.parse(map, "/pricing");
        assertThat(result.problems()).isEmpty();
        return result.pricing();
    }
}
