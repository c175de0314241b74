package io.gatehouse.gateway.event.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.gateway.event.stream.StreamEvent;
import io.gatehouse.gateway.problem.ProblemType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The JSON frames of the WebSocket entrypoint, both ways, and how close reasons are cut. */
class EventFramesTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final EventFrames frames = new EventFrames(JSON);

    @Test
    void jsonPayloadsAreEmbeddedTextIsQuotedAndTheRestIsBase64() {
        assertThat(frames.encode(event(1, "application/json; charset=utf-8", " {\"a\": [1, 2]}\n")))
                .isEqualTo("{\"type\":\"event\",\"id\":\"1\",\"channel\":\"c\",\"contentType\":\"application/json; charset=utf-8\","
                        + "\"publishedAt\":\"2026-11-27T10:00:00Z\",\"data\":{\"a\": [1, 2]}}");
        assertThat(frames.encode(event(2, "application/json", "{\"a\":1} trailing"))).endsWith("\"data\":\"{\\\"a\\\":1} trailing\"}");
        assertThat(frames.encode(event(3, "application/cloudevents+json", "[]"))).endsWith("\"data\":[]}");
        assertThat(frames.encode(event(4, "text/plain", "line\u2028\"q\"\t"))).endsWith("\"data\":\"line\\u2028\\\"q\\\"\\t\"}");
        assertThat(frames.encode(new StreamEvent(5, UUID.randomUUID(), "c", "/c", "text/plain", new byte[] {(byte) 0xff, 0x41}, null)))
                .isEqualTo("{\"type\":\"event\",\"id\":\"5\",\"channel\":\"c\",\"contentType\":\"text/plain\",\"data\":\"/0E=\",\"base64\":true}");
        assertThat(frames.encode(event(6, "application/octet-stream", "abc"))).endsWith("\"data\":\"YWJj\",\"base64\":true}");
    }

    @Test
    void theSameEventObjectIsEncodedOnce() {
        StreamEvent event = event(7, "text/plain", "x");

        assertThat(frames.encode(event)).isSameAs(frames.encode(event));
    }

    @Test
    void answersCarryTheClientsReference() {
        assertThat(EventFrames.ack("m\"1", "42")).isEqualTo("{\"type\":\"ack\",\"ref\":\"m\\\"1\",\"id\":\"42\"}");
        assertThat(EventFrames.ack(null, "42")).isEqualTo("{\"type\":\"ack\",\"id\":\"42\"}");
        assertThat(EventFrames.error("r", ProblemType.QUOTA_EXCEEDED.withDetail("later"), "3"))
                .isEqualTo("{\"type\":\"error\",\"ref\":\"r\",\"status\":429,\"retryAfter\":3,"
                        + "\"problemType\":\"https://gatehouse.dev/problems/quota-exceeded\",\"title\":\"Too Many Requests\",\"detail\":\"later\"}");
        assertThat(EventFrames.error(null, ProblemType.SERVICE_UNAVAILABLE.withDetail("soon"), null))
                .isEqualTo("{\"type\":\"error\",\"status\":503,\"problemType\":\"https://gatehouse.dev/problems/service-unavailable\","
                        + "\"title\":\"Service unavailable\",\"detail\":\"soon\"}");
    }

    @Test
    void publishFramesSayWhatTheyCarry() throws Exception {
        PublishFrame json = PublishFrame.parse("{\"type\":\"publish\",\"ref\":7,\"data\":{\"lux\":1}}", JSON, 100);
        PublishFrame text = PublishFrame.parse("{\"type\":\"publish\",\"data\":\"héllo\",\"extra\":true}", JSON, 100);
        PublishFrame binary = PublishFrame.parse("{\"type\":\"publish\",\"contentType\":\"image/png\",\"base64\":true,\"data\":\"AAE=\"}",
                JSON, 100);

        assertThat(json.ref()).isEqualTo("7");
        assertThat(json.contentType()).isEqualTo("application/json");
        assertThat(new String(json.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"lux\":1}");
        assertThat(text.contentType()).isEqualTo("text/plain; charset=utf-8");
        assertThat(new String(text.payload(), StandardCharsets.UTF_8)).isEqualTo("héllo");
        assertThat(binary.contentType()).isEqualTo("image/png");
        assertThat(binary.payload()).containsExactly(0, 1);
    }

    @Test
    void badPublishFramesAreRefusedWithTheirCloseCode() {
        assertRefused("{\"type\":\"publish\",\"data\":\"" + "x".repeat(101) + "\"}", CloseCodes.MESSAGE_TOO_BIG, "at most 100 bytes");
        assertRefused("{\"type\":\"publish\",\"ref\":{},\"data\":1}", CloseCodes.INVALID_PAYLOAD, "\"ref\"");
        assertRefused("{\"type\":\"publish\",\"contentType\":\"a\\nb\",\"data\":1}", CloseCodes.INVALID_PAYLOAD, "\"contentType\"");
        assertRefused("{\"type\":\"publish\",\"base64\":true,\"data\":1}", CloseCodes.INVALID_PAYLOAD, "base64 string");
        assertRefused("{\"type\":7}", CloseCodes.INVALID_PAYLOAD, "\"type\": \"publish\"");
        assertRefused("{\"type\":\"ping\"}", CloseCodes.UNSUPPORTED_DATA, "'ping'");
        assertRefused("{\"type\":\"publish\",\"data\":1", CloseCodes.INVALID_PAYLOAD, "A frame must be JSON");
    }

    @Test
    void closeReasonsAreCutToWhatACloseFrameHolds() {
        String long_ = "é".repeat(100);

        String cut = CloseCodes.reason(long_);

        assertThat(cut.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(123);
        assertThat(cut).endsWith("…").startsWith("éé");
        assertThat(CloseCodes.reason("short")).isEqualTo("short");
        assertThat(CloseCodes.reason("x".repeat(123))).isEqualTo("x".repeat(123));
    }

    private static void assertRefused(String frame, short code, String reason) {
        assertThatThrownBy(() -> PublishFrame.parse(frame, JSON, 100)).isInstanceOfSatisfying(PublishFrame.Refused.class, refused -> {
            assertThat(refused.code()).isEqualTo(code);
            assertThat(refused.getMessage()).contains(reason);
        });
    }

    private static StreamEvent event(long id, String contentType, String payload) {
        return new StreamEvent(id, UUID.randomUUID(), "c", "/c", contentType, payload.getBytes(StandardCharsets.UTF_8),
                Instant.parse("2026-11-27T10:00:00Z"));
    }
}
