package io.gatehouse.gateway.event.websocket;

import io.gatehouse.gateway.event.stream.StreamEvent;
import io.gatehouse.gateway.event.stream.StreamWriter;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;

/**
 * Writes a stream on a WebSocket: first a {@code ready} frame once the stream is live, then each event a
 * text frame with its JSON envelope ({@link EventFrames}), heartbeats as ping frames, and every end a
 * {@code closing} frame with the whole reason followed by a close frame whose code says why
 * ({@link CloseCodes#of(EndReason)}) and whose reason is cut to the 123 bytes a close frame holds.
 */
final class WebSocketWriter implements StreamWriter {

    private static final Buffer PING = Buffer.buffer("ping");

    private final ServerWebSocket socket;
    private final EventFrames frames;
    private String ready;
    private boolean closing;

    WebSocketWriter(ServerWebSocket socket, EventFrames frames, String ready) {
        this.socket = socket;
        this.frames = frames;
        this.ready = ready;
    }

    /** Sends the {@code ready} frame, once: when the stream is live, or before its first event, whichever is first. */
    void live() {
        if (ready != null && !socket.isClosed()) {
            socket.writeTextMessage(ready);
        }
        ready = null;
    }

    @Override
    public boolean writeQueueFull() {
        return socket.writeQueueFull();
    }

    @Override
    public void drainHandler(Runnable onDrain) {
        socket.drainHandler(ignored -> onDrain.run());
    }

    @Override
    public void write(StreamEvent event) {
        live();
        socket.writeTextMessage(frames.encode(event));
    }

    @Override
    public void heartbeat() {
        if (!socket.isClosed() && !socket.writeQueueFull()) {
            socket.writePing(PING);
        }
    }

    @Override
    public void end(EndReason reason, String detail) {
        close(CloseCodes.of(reason), detail != null ? detail : switch (reason) {
            case POLICY -> "Closed by the API's policies.";
            case TRY_AGAIN_LATER -> "Try again later.";
            case GOING_AWAY -> "The gateway is stopping; reconnect.";
        });
    }

    void close(short code, String reason) {
        if (!closing) {
            closing = true;
            ready = null;
            close(socket, code, reason);
        }
    }

    /** Whether the gateway has begun to close the socket. */
    boolean closing() {
        return closing;
    }

    /** Sends the {@code closing} frame with the whole reason, then the close frame. */
    static void close(ServerWebSocket socket, short code, String reason) {
        if (!socket.isClosed()) {
            socket.writeTextMessage(EventFrames.closing(code, reason));
            socket.close(code, CloseCodes.reason(reason));
        }
    }
}
