package io.gatehouse.gateway.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.core.snapshot.GatewaySnapshot.ServedChannel;
import io.gatehouse.gateway.route.ChannelMatcher.Match;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ChannelMatcherTests {

    private final ChannelMatcher matcher = ChannelMatcher.of(List.of(
            channel("lightingMeasured", "/smartylighting/streetlights/1/0/event/{streetlightId}/lighting/measured"),
            channel("lightTurnOn", "/smartylighting/streetlights/1/0/action/{streetlightId}/turn/on"),
            channel("kafkaMeasured", "/smartylighting.streetlights.1.0.event.{streetlightId}.lighting.measured"),
            channel("rooms", "/rooms/{roomId}/{resource}"),
            channel("roomsMine", "/rooms/mine/{resource}"),
            channel("queue", "/{queue}"),
            channel("rpc", "/rpc_queue"),
            channel("root", "/")));

    @Test
    void aConcretePathNamesItsChannelWithTheParameterValues() {
        assertThat(match("/smartylighting/streetlights/1/0/event/42/lighting/measured"))
                .isEqualTo(new Result("lightingMeasured", Map.of("streetlightId", "42")));
        assertThat(match("/smartylighting/streetlights/1/0/action/lamp-7/turn/on"))
                .isEqualTo(new Result("lightTurnOn", Map.of("streetlightId", "lamp-7")));
        assertThat(match("/rooms/general/chatMessages")).isEqualTo(new Result("rooms", Map.of("roomId", "general", "resource", "chatMessages")));
        assertThat(match("").channel()).isEqualTo("root");
        assertThat(match("/").channel()).isEqualTo("root");
    }

    @Test
    void parametersInsideASegmentAreFound() {
        assertThat(match("/smartylighting.streetlights.1.0.event.42.lighting.measured"))
                .isEqualTo(new Result("kafkaMeasured", Map.of("streetlightId", "42")));
        assertThat(match("/smartylighting.streetlights.1.0.event.a.b.lighting.measured"))
                .isEqualTo(new Result("kafkaMeasured", Map.of("streetlightId", "a.b")));
    }

    @Test
    void literalsWinOverParametersAndParametersOrderFollowsThePath() {
        assertThat(match("/rpc_queue")).isEqualTo(new Result("rpc", Map.of()));
        assertThat(match("/amq.gen-123")).isEqualTo(new Result("queue", Map.of("queue", "amq.gen-123")));
        assertThat(match("/rooms/mine/events")).isEqualTo(new Result("roomsMine", Map.of("resource", "events")));
        assertThat(matcher.match("/rooms/a/b").parameters().keySet()).containsExactly("roomId", "resource");
    }

    @Test
    void pathsAreNormalizedAndValuesDecoded() {
        assertThat(match("//rooms/./general/chatMessages/")).isEqualTo(new Result("rooms", Map.of("roomId", "general", "resource", "chatMessages")));
        assertThat(match("/rooms/caf%C3%A9/x")).isEqualTo(new Result("rooms", Map.of("roomId", "café", "resource", "x")));
    }

    @Test
    void valuesThatWouldWidenATopicMatchNothing() {
        assertThat(matcher.match("/smartylighting/streetlights/1/0/event/%2B/lighting/measured")).isNull();
        assertThat(matcher.match("/smartylighting/streetlights/1/0/event/%23/lighting/measured")).isNull();
        assertThat(matcher.match("/smartylighting/streetlights/1/0/event/a%2Fb/lighting/measured")).isNull();
        assertThat(matcher.match("/smartylighting.streetlights.1.0.event.*.lighting.measured")).isNull();
    }

    @Test
    void unknownPathsMatchNothing() {
        assertThat(matcher.match("/smartylighting/streetlights/1/0/event/42/lighting")).isNull();
        assertThat(matcher.match("/rooms/a")).isNull();
        assertThat(matcher.match("/Rpc_queue/x")).isNull();
        assertThat(ChannelMatcher.of(List.of()).match("/x")).isNull();
        assertThat(ChannelMatcher.of(List.of()).isEmpty()).isTrue();
    }

    @Test
    void anUnusableTemplateIsLeftOutAndTheFirstOfTwinsWins() {
        ChannelMatcher twins = ChannelMatcher.of(List.of(channel("broken", "lights"), channel("first", "/a/{x}"), channel("second", "/a/{y}")));

        assertThat(twins.match("/a/1")).isEqualTo(twins.match("/a/1"));
        assertThat(twins.match("/a/1").channel().name()).isEqualTo("first");
        assertThat(twins.match("/a/1").parameters()).isEqualTo(Map.of("x", "1"));
        assertThat(twins.match("lights")).isNull();
    }

    private record Result(String channel, Map<String, String> parameters) {
    }

    private Result match(String path) {
        Match match = matcher.match(path);
        return match == null ? null : new Result(match.channel().name(), match.parameters());
    }

    private static ServedChannel channel(String name, String path) {
        return new ServedChannel(UUID.randomUUID(), name, path.substring(1), path, true, false, path.substring(1));
    }
}
