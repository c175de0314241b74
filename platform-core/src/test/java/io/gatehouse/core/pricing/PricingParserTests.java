package io.gatehouse.core.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.core.error.FieldProblem;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PricingParserTests {

    @Test
    void readsEveryModelOfTheContractAndWritesItBackInTheSameShape() {
        List<Map<String, Object>> contract = List.of(
                Map.of("model", "FREE"),
                Map.of("model", "FLAT", "currency", "EUR", "fee", "49.00", "period", "MONTH", "includedUnits", 10000,
                        "overageUnitPrice", "0.002", "meter", "REQUESTS"),
                Map.of("model", "PER_UNIT", "currency", "EUR", "unitPrice", "0.001", "meter", "MEGABYTES"),
                Map.of("model", "TIERED", "currency", "EUR", "meter", "EVENTS",
                        "tiers", List.of(Map.of("upTo", 1000, "unitPrice", "0"), tier(null, "0.001"))),
                Map.of("model", "VOLUME", "currency", "JPY", "meter", "REQUESTS", "setupFee", "500",
                        "tiers", List.of(Map.of("upTo", 10, "unitPrice", "2"), tier(null, "1"))));

        for (Map<String, Object> pricing : contract) {
            PricingParser.Result result = PricingParser.parse(pricing, "/pricing");
            assertThat(result.problems()).as("%s", pricing).isEmpty();
            assertThat(result.pricing().toMap()).as("%s", pricing).isEqualTo(normalized(pricing));
        }
    }

    @Test
    void keepsAmountsExactlyAsWrittenAndDefaultsTheMeter() {
        Pricing flat = PricingParser.parse(Map.of("model", "FLAT", "currency", "USD", "fee", 49.5, "effectiveFrom", "2026-12-01"),
                "/pricing").pricing();

        assertThat(flat.fee()).isEqualByComparingTo("49.5").hasToString("49.5");
        assertThat(flat.currency()).isEqualTo(Currency.getInstance("USD"));
        assertThat(flat.meter()).isEqualTo(Meter.REQUESTS);
        assertThat(flat.includedUnits()).isZero();
        assertThat(flat.overageUnitPrice()).isEqualTo(BigDecimal.ZERO);
        assertThat(flat.effectiveFrom()).isEqualTo(LocalDate.of(2026, 12, 1));
        assertThat(flat.toMap()).containsEntry("fee", "49.5").containsEntry("effectiveFrom", "2026-12-01");
    }

    @Test
    void namesEveryBrokenFieldWithItsPointer() {
        assertThat(pointers(Map.of("model", "GRATIS"))).containsExactly("/pricing/model");
        assertThat(pointers(Map.of("model", "PER_UNIT", "currency", "EURO", "unitPrice", "-1", "meter", "BYTES")))
                .containsExactlyInAnyOrder("/pricing/currency", "/pricing/unitPrice", "/pricing/meter");
        assertThat(pointers(Map.of("model", "FLAT", "currency", "EUR", "fee", "49.001", "period", "YEAR",
                "includedUnits", "1.5", "overageUnitPrice", "cheap", "effectiveFrom", "tomorrow")))
                .containsExactlyInAnyOrder("/pricing/fee", "/pricing/period", "/pricing/includedUnits",
                        "/pricing/overageUnitPrice", "/pricing/effectiveFrom");
        assertThat(pointers(Map.of("model", "PER_UNIT", "currency", "JPY", "unitPrice", "0.5", "setupFee", "100.50")))
                .containsExactly("/pricing/setupFee");
        assertThat(pointers(Map.of("model", "TIERED", "currency", "EUR"))).containsExactly("/pricing/tiers");
    }

    @Test
    void tiersMustRiseAndEndUnbounded() {
        assertThat(pointers(tiered(tier(1000L, "0"), tier(1000L, "0.001"), tier(null, "0.0005"))))
                .containsExactly("/pricing/tiers/1/upTo");
        assertThat(pointers(tiered(tier(null, "0"), tier(null, "0.001")))).containsExactly("/pricing/tiers/0/upTo");
        assertThat(pointers(tiered(tier(10L, "0"), tier(20L, "0.001")))).containsExactly("/pricing/tiers/1/upTo");
        assertThat(pointers(tiered(tier(0L, "0"), tier(null, "x")))).containsExactly("/pricing/tiers/0/upTo", "/pricing/tiers/1/unitPrice");
        assertThat(pointers(tiered(tier(10L, "0"), "not a tier"))).containsExactly("/pricing/tiers/1");
    }

    @Test
    void sameTermsIgnoreTheEffectiveDay() {
        Pricing a = PricingParser.parse(Map.of("model", "PER_UNIT", "currency", "EUR", "unitPrice", "0.001", "effectiveFrom", "2026-01-01"), "/p").pricing();
        Pricing b = PricingParser.parse(Map.of("model", "PER_UNIT", "currency", "EUR", "unitPrice", "0.001", "meter", "REQUESTS"), "/p").pricing();
        Pricing c = PricingParser.parse(Map.of("model", "PER_UNIT", "currency", "EUR", "unitPrice", "0.002"), "/p").pricing();

        assertThat(a.sameTermsAs(b)).isTrue();
        assertThat(a.sameTermsAs(c)).isFalse();
    }

    private static List<String> pointers(Map<String, Object> pricing) {
        return PricingParser.parse(pricing, "/pricing").problems().stream().map(FieldProblem::pointer).toList();
    }

    private static Map<String, Object> tiered(Object... tiers) {
        return Map.of("model", "TIERED", "currency", "EUR", "meter", "REQUESTS", "tiers", Arrays.asList(tiers));
    }

    private static Map<String, Object> tier(Long upTo, String unitPrice) {
        Map<String, Object> tier = new HashMap<>();
        tier.put("upTo", upTo);
        tier.put("unitPrice", unitPrice);
        return tier;
    }

    private static Map<String, Object> normalized(Map<String, Object> pricing) {
        Map<String, Object> expected = new HashMap<>(pricing);
        if (expected.get("tiers") instanceof List<?> tiers) {
            expected.put("tiers", tiers.stream().map(t -> {
                Map<String, Object> tier = new HashMap<>((Map<String, Object>) t);
                tier.computeIfPresent("upTo", (k, v) -> ((Number) v).longValue());
                return tier;
            }).toList());
        }
        expected.computeIfPresent("includedUnits", (k, v) -> ((Number) v).longValue());
        return expected;
    }
}
