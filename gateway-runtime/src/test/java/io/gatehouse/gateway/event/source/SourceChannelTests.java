package io.gatehouse.gateway.event.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.core.snapshot.GatewaySnapshot.ServedChannel;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class SourceChannelTests {

    private static SourceChannel channel(String address, String nameAtSource) {
        ServedChannel served = new ServedChannel(UUID.randomUUID(), "measured", address, "/" + address, true, true, nameAtSource);
        return SourceChannel.of(served, UnaryOperator.identity());
    }

    @Test
    void aNameWithTheChannelsParametersNamesOnePathPerValue() {
        SourceChannel channel = channel("smartylighting/streetlights/1/0/event/{streetlightId}/lighting/measured",
                "smartylighting.streetlights.1.0.event.{streetlightId}.lighting.measured");

        assertThat(channel.namesCarryPath()).isTrue();
        assertThat(channel.nameFor(Map.of("streetlightId", "42"), UnaryOperator.identity()))
                .isEqualTo("smartylighting.streetlights.1.0.event.42.lighting.measured");
        assertThat(channel.pathOf("smartylighting.streetlights.1.0.event.42.lighting.measured", null))
                .isEqualTo("/smartylighting/streetlights/1/0/event/42/lighting/measured");
        assertThat(channel.pathOf("smartylighting.streetlights.1.0.action.42.dim", null)).isNull();
        assertThat(channel.name().filter('.', "*")).isEqualTo("smartylighting.streetlights.1.0.event.*.lighting.measured");
    }

    @Test
    void aFixedNameTakesThePathFromTheHeader() {
        SourceChannel channel = channel("lights/{lightId}/measured", "measurements");

        assertThat(channel.namesCarryPath()).isFalse();
        assertThat(channel.pathOf("measurements", "/lights/7/measured")).isEqualTo("/lights/7/measured");
        assertThat(channel.pathOf("measurements", "/lights/7/dimmed")).as("not a path of the channel").isNull();
        assertThat(channel.pathOf("measurements", null)).isNull();
        assertThat(channel.owns("measurements", null)).as("webhooks still get it").isTrue();
        assertThat(channel.owns("other", null)).isFalse();
    }

    @Test
    void valuesThatAreNoPathSegmentAreRefused() {
        SourceChannel channel = channel("lights/{lightId}", "lights/{lightId}");

        assertThat(channel.pathOf("lights/a/b", null)).isNull();
        assertThat(channel.pathOf("lights/+", null)).isNull();
        assertThat(channel.pathOf("lights/a", null)).isEqualTo("/lights/a");
        assertThat(channel.name().filter('/', "+")).isEqualTo("lights/+");
    }

    @Test
    void aChannelWithoutParametersIsOnePath() {
        SourceChannel channel = channel("alerts", "alerts.all");

        assertThat(channel.pathOf("alerts.all", null)).isEqualTo("/alerts");
        assertThat(channel.pathOf("alerts.some", null)).isNull();
    }
}
