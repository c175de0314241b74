package io.gatehouse.gateway.event.sse;

import io.gatehouse.gateway.event.stream.StreamEvent;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The text/event-stream encoding: an event is {@code id:} and one {@code data:} line per line of
 * its payload (CR, LF and CRLF all end a line), then a blank line; comments start with ':'.
 */
final class SseFrames {

    static final byte[] PING = ": ping\n\n".getBytes(StandardCharsets.US_ASCII);

    private SseFrames() {
    }

    static byte[] retry(Duration retry) {
        return ("retry: " + retry.toMillis() + "\n\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** The event's frame in a buffer that any number of connections may write, from any thread (each write reads a slice). */
    static Buffer shared(StreamEvent event) {
        return Buffer.buffer(event(event));
    }

    static byte[] event(StreamEvent event) {
        String payload = new String(event.payload(), StandardCharsets.UTF_8);
        StringBuilder frame = new StringBuilder(payload.length() + 32).append("id: ").append(event.id()).append('\n');
        int start = 0;
        for (int i = 0; i < payload.length(); i++) {
            char c = payload.charAt(i);
            if (c == '\r' || c == '\n') {
                frame.append("data: ").append(payload, start, i).append('\n');
                if (c == '\r' && i + 1 < payload.length() && payload.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        frame.append("data: ").append(payload, start, payload.length()).append("\n\n");
        return frame.toString().getBytes(StandardCharsets.UTF_8);
    }
}
