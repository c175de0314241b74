package io.gatehouse.gateway.event.sse;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/** An SSE client over the JDK HTTP client: reads the stream's lines as they arrive and parses events. */
public final class SseClient implements AutoCloseable {

    public record Event(String id, String data) {
    }

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final HttpResponse<Stream<String>> response;
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private final Thread reader;

    public SseClient(URI uri, String apiKey, String lastEventId) throws Exception {
        this(uri, headers(apiKey, lastEventId));
    }

    /** Opens a stream with these request headers (credentials, {@code Last-Event-ID}). */
    public SseClient(URI uri, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
        headers.forEach(request::header);
        response = client.sendAsync(request.GET().build(), HttpResponse.BodyHandlers.ofLines()).get(10, TimeUnit.SECONDS);
        reader = Thread.ofVirtual().start(() -> {
            try {
                response.body().forEach(lines::add);
            } catch (RuntimeException ignored) {
                // closed
            }
            ended.complete(null);
        });
    }

    private static Map<String, String> headers(String apiKey, String lastEventId) {
        Map<String, String> headers = new HashMap<>();
        if (apiKey != null) {
            headers.put("X-API-Key", apiKey);
        }
        if (lastEventId != null) {
            headers.put("Last-Event-ID", lastEventId);
        }
        return headers;
    }

    /** Whether the gateway ended the stream within {@code within}. */
    public boolean ended(Duration within) throws InterruptedException {
        try {
            ended.get(within.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    public HttpResponse<Stream<String>> response() {
        return response;
    }

    public String line(Duration within) throws InterruptedException {
        String line = lines.poll(within.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null) {
            throw new AssertionError("no line from the stream within " + within);
        }
        return line;
    }

    /** The next {@code count} events, skipping comments and the retry field. */
    public List<Event> events(int count, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        List<Event> events = new ArrayList<>();
        EventLines reader = new EventLines();
        while (events.size() < count) {
            long left = deadline - System.nanoTime();
            String line = lines.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("got " + events.size() + " of " + count + " events within " + within + ": " + events);
            }
            Event event = reader.accept(line);
            if (event != null) {
                events.add(event);
            }
        }
        return events;
    }

    /** Puts events together from the lines of a stream, skipping comments and the retry field. */
    public static final class EventLines {

        private String id;
        private StringBuilder data;

        /** The event that {@code line} ends (the blank line after its fields), else null. */
        public Event accept(String line) {
            if (line.isEmpty()) {
                Event event = data == null ? null : new Event(id, data.toString());
                id = null;
                data = null;
                return event;
            }
            if (line.startsWith("id: ")) {
                id = line.substring(4);
            } else if (line.startsWith("data: ")) {
                data = data == null ? new StringBuilder(line.substring(6)) : data.append('\n').append(line.substring(6));
            }
            return null;
        }
    }

    /** Lines received so far and not yet read. */
    public List<String> pending() {
        List<String> drained = new ArrayList<>();
        lines.drainTo(drained);
        return drained;
    }

    @Override
    public void close() {
        client.shutdownNow();
        reader.interrupt();
    }
}
