package io.gatehouse.gateway.event.sse;

import io.gatehouse.gateway.event.stream.StreamEvent;
import io.gatehouse.gateway.event.stream.StreamWriter;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/** Writes a stream as {@code text/event-stream} on a chunked response; every end is the response's end. */
public final class SseWriter implements StreamWriter {

    private final HttpServerResponse response;

    public SseWriter(HttpServerResponse response) {
        this.response = response;
    }

    @Override
    public boolean writeQueueFull() {
        return response.writeQueueFull();
    }

    @Override
    public void drainHandler(Runnable onDrain) {
        response.drainHandler(ignored -> onDrain.run());
    }

    @Override
    public void write(StreamEvent event) {
        response.write(Buffer.buffer(SseFrames.event(event)));
    }

    @Override
    public void heartbeat() {
        if (!response.writeQueueFull()) {
            response.write(Buffer.buffer(SseFrames.PING));
        }
    }

    @Override
    public void end(EndReason reason, String detail) {
        if (!response.ended() && !response.closed()) {
            response.end();
        }
    }
}
