package io.gatehouse.core.api.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChannelAddressTests {

    @Test
    void anAddressIsServedBelowTheContext() {
        assertThat(path("lights/measured")).isEqualTo("/lights/measured");
        assertThat(path("/rooms/{roomId}/{resource}")).isEqualTo("/rooms/{roomId}/{resource}");
        assertThat(path("smartylighting.streetlights.1.0.event.{streetlightId}.lighting.measured"))
                .isEqualTo("/smartylighting.streetlights.1.0.event.{streetlightId}.lighting.measured");
        assertThat(path("/")).isEqualTo("/");
        assertThat(path("{queue}")).isEqualTo("/{queue}");
    }

    @Test
    void anAbsoluteUriIsServedAtItsPath() {
        assertThat(path("https://example.com/books/{id}")).isEqualTo("/books/{id}");
        assertThat(path("wss://example.com")).isEqualTo("/");
    }

    @Test
    void parametersAreNamedInOrder() {
        assertThat(ChannelAddress.parameterNames(ChannelAddress.path("rooms/{roomId}/v{major}.{minor}"))).containsExactly("roomId", "major", "minor");
    }

    @Test
    void anAddressThatMakesNoPathIsRefusedWithTheReason() {
        assertThatThrownBy(() -> ChannelAddress.path("lights/#")).hasMessage(
                "is not usable as a path below the API's context (/lights/#): must not contain spaces, control characters, '?' or '#'");
        assertThatThrownBy(() -> ChannelAddress.path("a//b")).hasMessageContaining("empty segment");
        assertThatThrownBy(() -> ChannelAddress.path("lights/{id}{x}")).hasMessageContaining("two parameters");
        assertThatThrownBy(() -> ChannelAddress.path("")).hasMessage("must not be empty");
    }

    private static String path(String address) {
        return ChannelAddress.path(address).text();
    }
}
