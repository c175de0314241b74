package io.gatehouse.gateway.event.source.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KafkaNamesTests {

    @Test
    void topicsKeepOnlyWhatKafkaAllows() {
        assertThat(KafkaNames.template("lights/{lightId}/measured")).isEqualTo("lights.{lightId}.measured");
        assertThat(KafkaNames.template("/rooms/{roomId}")).isEqualTo("rooms.{roomId}");
        assertThat(KafkaNames.template("smartylighting.streetlights.1.0.event.{streetlightId}.lighting.measured"))
                .isEqualTo("smartylighting.streetlights.1.0.event.{streetlightId}.lighting.measured");
        assertThat(KafkaNames.value("a b:c")).isEqualTo("a_b_c");
    }

    @Test
    void idsAreOffsetsInPartitionZeroElsePairs() {
        assertThat(KafkaNames.eventId(0, 17)).isEqualTo("17");
        assertThat(KafkaNames.eventId(2, 17)).isEqualTo("2:17");
        assertThat(KafkaNames.webhookEventId("t", 1, 5)).isEqualTo("kafka:t:1:5");
        assertThat(KafkaNames.webhookEventId("x".repeat(200), 1, 5)).hasSizeLessThan(200).startsWith("kafka:sha256-");
    }
}
