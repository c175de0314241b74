package io.gatehouse.analytics.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyHistogramTests {

    private static final long[] BOUNDS = {0, 100, 1_000, 10_000};

    @Test
    void percentilesInterpolateInsideTheBucketWhereTheRankFalls() {
        LatencyHistogram histogram = new LatencyHistogram(BOUNDS, new long[] {0, 50, 40, 10});

        assertThat(histogram.total()).isEqualTo(100);
        assertThat(histogram.percentile(0.50)).isEqualTo(1_000);
        assertThat(histogram.percentile(0.25)).isEqualTo(550);
        assertThat(histogram.percentile(0.70)).isEqualTo(5_500);
        assertThat(histogram.percentile(0.95)).isEqualTo(10_000);
        assertThat(histogram.percentile(1.0)).isEqualTo(10_000);
    }

    @Test
    void anEmptyHistogramHasNoPercentiles() {
        assertThat(new LatencyHistogram(BOUNDS, new long[4]).percentile(0.99)).isNull();
    }
}
