package io.gatehouse.gateway.event.sse;

import io.gatehouse.gateway.event.stream.RecentFrames;
import io.gatehouse.gateway.event.stream.StreamEvent;
import io.gatehouse.gateway.event.stream.StreamWriter;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/** Writes a stream as {@code text/event-stream} on a chunked response; every end is the response's end. */
public final class SseWriter implements StreamWriter {

    private static final Buffer PING = Buffer.buffer(SseFrames.PING);

    private final HttpServerResponse response;
    private final RecentFrames<Buffer> frames;

    /** @param frames the events' frames, shared by the writers of one entrypoint ({@link #newFrames()}) */
    public SseWriter(HttpServerResponse response, RecentFrames<Buffer> frames) {
        this.response = response;
        this.frames = frames;
    }

    /** A place for the frames of recent events, to share between the writers of one entrypoint. */
    public static RecentFrames<Buffer> newFrames() {
        return new RecentFrames<>(SseFrames::shared);
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
        response.write(frames.of(event));
    }

    @Override
    public void heartbeat() {
        if (!response.writeQueueFull()) {
            response.write(PING);
        }
    }

    @Override
    public void end(EndReason reason, String detail) {
        if (!response.ended() && !response.closed()) {
            response.end();
        }
    }
}
