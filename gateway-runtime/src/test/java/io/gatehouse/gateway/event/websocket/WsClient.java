package io.gatehouse.gateway.event.websocket;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A WebSocket client over the JDK HTTP client: collects the text messages it receives and how the socket closed. */
public final class WsClient implements AutoCloseable {

    public record Closed(int code, String reason) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private WsClient(URI uri, Map<String, String> headers, List<String> subprotocols) throws Exception {
        WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        headers.forEach(builder::header);
        if (!subprotocols.isEmpty()) {
            builder.subprotocols(subprotocols.getFirst(), subprotocols.subList(1, subprotocols.size()).toArray(String[]::new));
        }
        try {
            socket = builder.buildAsync(uri, new Listener()).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            client.shutdownNow();
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    public static WsClient connect(URI uri, Map<String, String> headers, List<String> subprotocols) throws Exception {
        return new WsClient(uri, headers, subprotocols);
    }

    public static WsClient withKey(URI uri, String apiKey) throws Exception {
        return new WsClient(uri, apiKey == null ? Map.of() : Map.of("X-API-Key", apiKey), List.of());
    }

    public WebSocket socket() {
        return socket;
    }

    public String subprotocol() {
        return socket.getSubprotocol();
    }

    public void send(String text) {
        socket.sendText(text, true).join();
    }

    public void sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
    }

    /** The next text message, parsed. */
    public JsonNode next(Duration within) throws InterruptedException {
        String message = messages.poll(within.toMillis(), TimeUnit.MILLISECONDS);
        if (message == null) {
            throw new AssertionError("no message within " + within + (closed.isDone() ? "; closed: " + closed.join() : ""));
        }
        return JSON.readTree(message);
    }

    /** The next message of {@code type}, skipping others. */
    public JsonNode next(String type, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            JsonNode message = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (type.equals(message.path("type").asString())) {
                return message;
            }
        }
    }

    /** The next {@code count} event frames, skipping others. */
    public List<JsonNode> events(int count, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        List<JsonNode> events = new ArrayList<>();
        while (events.size() < count) {
            long left = deadline - System.nanoTime();
            String message = messages.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
            if (message == null) {
                throw new AssertionError("got " + events.size() + " of " + count + " events within " + within + ": " + events);
            }
            JsonNode frame = JSON.readTree(message);
            if ("event".equals(frame.path("type").asString())) {
                events.add(frame);
            }
        }
        return events;
    }

    /** Text messages received so far and not yet read. */
    public List<String> pending() {
        List<String> drained = new ArrayList<>();
        messages.drainTo(drained);
        return drained;
    }

    public Closed closed(Duration within) throws Exception {
        try {
            return closed.get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the socket was not closed within " + within + "; pending: " + pending());
        }
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(2, TimeUnit.SECONDS).exceptionally(error -> null);
        }
        socket.abort();
        client.shutdownNow();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(new Closed(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(new Closed(-1, String.valueOf(error)));
        }
    }
}
