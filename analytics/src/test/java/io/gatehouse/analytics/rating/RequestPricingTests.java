package io.gatehouse.analytics.rating;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestPricingTests {

    @Test
    void perUnitRoundsHalfEvenToCents() {
        RequestPricing pricing = new RequestPricing("PER_UNIT", "REQUESTS", "0.001", "EUR");

        assertThat(pricing.charge(5)).isEqualTo(new Charge("0.001", "0.00", "EUR"));
        assertThat(pricing.charge(15)).isEqualTo(new Charge("0.001", "0.02", "EUR"));
        assertThat(pricing.charge(25)).isEqualTo(new Charge("0.001", "0.02", "EUR"));
        assertThat(pricing.charge(1_234_567)).isEqualTo(new Charge("0.001", "1234.57", "EUR"));
        assertThat(pricing.charge(0)).isEqualTo(new Charge("0.001", "0.00", "EUR"));
    }

    @Test
    void perUnitWithoutAMeterMetersRequests() {
        assertThat(new RequestPricing("PER_UNIT", null, "0.10", "USD").charge(3)).isEqualTo(new Charge("0.10", "0.30", "USD"));
    }

    @Test
    void freeCostsNothingInNoCurrency() {
        assertThat(new RequestPricing("FREE", null, null, null).charge(1000)).isEqualTo(new Charge("0", "0.00", ""));
    }

    @Test
    void leavesOtherModelsMetersAndBrokenPricesUnrated() {
        assertThat(new RequestPricing("FLAT", "REQUESTS", null, "EUR").charge(10)).isEqualTo(Charge.UNRATED);
        assertThat(new RequestPricing("TIERED", "REQUESTS", null, "EUR").charge(10)).isEqualTo(Charge.UNRATED);
        assertThat(new RequestPricing("PER_UNIT", "EVENTS", "0.5", "EUR").charge(10)).isEqualTo(Charge.UNRATED);
        assertThat(new RequestPricing("PER_UNIT", "REQUESTS", "cheap", "EUR").charge(10)).isEqualTo(Charge.UNRATED);
        assertThat(new RequestPricing("PER_UNIT", "REQUESTS", "-1", "EUR").charge(10)).isEqualTo(Charge.UNRATED);
        assertThat(new RequestPricing(null, null, null, null).charge(10)).isEqualTo(Charge.UNRATED);
        assertThat(Charge.UNRATED.rated()).isFalse();
    }
}
