package io.gatehouse.analytics.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RollupSegmentTests {

    @Test
    void aRangeIsCoveredWithTheFewestWholeBuckets() {
        assertThat(RollupSegment.cover(at("2026-11-01T22:30:10Z"), at("2026-11-04T01:15:00Z"))).containsExactly(
                new RollupSegment(Grain.MINUTE, at("2026-11-01T22:31:00Z"), at("2026-11-01T23:00:00Z")),
                new RollupSegment(Grain.HOUR, at("2026-11-01T23:00:00Z"), at("2026-11-02T00:00:00Z")),
                new RollupSegment(Grain.DAY, at("2026-11-02T00:00:00Z"), at("2026-11-04T00:00:00Z")),
                new RollupSegment(Grain.HOUR, at("2026-11-04T00:00:00Z"), at("2026-11-04T01:00:00Z")),
                new RollupSegment(Grain.MINUTE, at("2026-11-04T01:00:00Z"), at("2026-11-04T01:15:00Z")));
    }

    @Test
    void wholeDaysAreDaysAndShortRangesAreMinutes() {
        assertThat(RollupSegment.cover(at("2026-11-01T00:00:00Z"), at("2026-12-01T00:00:00Z"))).containsExactly(
                new RollupSegment(Grain.DAY, at("2026-11-01T00:00:00Z"), at("2026-12-01T00:00:00Z")));
        assertThat(RollupSegment.cover(at("2026-11-01T10:05:00Z"), at("2026-11-01T10:50:30Z"))).containsExactly(
                new RollupSegment(Grain.MINUTE, at("2026-11-01T10:05:00Z"), at("2026-11-01T10:51:00Z")));
        assertThat(RollupSegment.cover(at("2026-11-01T10:00:00Z"), at("2026-11-01T14:00:00Z"))).containsExactly(
                new RollupSegment(Grain.HOUR, at("2026-11-01T10:00:00Z"), at("2026-11-01T14:00:00Z")));
        assertThat(RollupSegment.cover(at("2026-11-01T10:00:20Z"), at("2026-11-01T10:00:40Z"))).isEmpty();
    }

    private static Instant at(String text) {
        return Instant.parse(text);
    }
}
