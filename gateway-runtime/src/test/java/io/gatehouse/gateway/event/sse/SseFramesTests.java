package io.gatehouse.gateway.event.sse;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.gateway.event.stream.StreamEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SseFramesTests {

    @Test
    void everyLineOfThePayloadIsOneDataLine() {
        assertThat(frame(7, "{\"lux\":1}")).isEqualTo("id: 7\ndata: {\"lux\":1}\n\n");
        assertThat(frame(8, "a\nb\r\nc\rd")).isEqualTo("id: 8\ndata: a\ndata: b\ndata: c\ndata: d\n\n");
        assertThat(frame(9, "ends\n")).isEqualTo("id: 9\ndata: ends\ndata: \n\n");
        assertThat(frame(10, "")).isEqualTo("id: 10\ndata: \n\n");
    }

    @Test
    void retryIsInMilliseconds() {
        assertThat(new String(SseFrames.retry(Duration.ofSeconds(3)), StandardCharsets.US_ASCII)).isEqualTo("retry: 3000\n\n");
    }

    private static String frame(long id, String payload) {
        StreamEvent event = new StreamEvent(id, UUID.randomUUID(), "c", "/c", "text/plain",
                payload.getBytes(StandardCharsets.UTF_8), Instant.now());
        return new String(SseFrames.event(event), StandardCharsets.UTF_8);
    }
}
