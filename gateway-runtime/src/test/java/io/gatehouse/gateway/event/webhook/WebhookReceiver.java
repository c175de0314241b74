package io.gatehouse.gateway.event.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.gatehouse.core.webhook.signature.StandardWebhooks;
import io.gatehouse.core.webhook.signature.WebhookVerificationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A real HTTP endpoint that receives webhooks on 127.0.0.1, verifies each with {@link StandardWebhooks}
 * and the secret registered for its path, and answers as the test scripts it: by default 204.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One request as received. */
    public record Received(String path, String webhookId, String timestamp, String signature, String contentType, String userAgent,
                    String channel, String body, Instant at, boolean verified, String verificationError) {
    }

    /** How to answer one request. */
    record Answer(int status, Map<String, String> headers, Duration delay) {
        static Answer status(int status) {
            return new Answer(status, Map.of(), Duration.ZERO);
        }

        static Answer status(int status, String header, String value) {
            return new Answer(status, Map.of(header, value), Duration.ZERO);
        }

        static Answer slow(Duration delay) {
            return new Answer(204, Map.of(), delay);
        }
    }

    private final HttpServer server;
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Answer> scripted = new ConcurrentLinkedQueue<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Function<Received, Answer> answers = request -> Answer.status(204);

    public WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    /** The URL of a path of this receiver whose requests are verified with {@code secret} (set later with {@link #secret}). */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public void secret(String path, String secret) {
        secrets.put(path, secret);
    }

    /** The next requests are answered with these, in order; then by the rule. */
    void script(Answer... next) {
        scripted.addAll(List.of(next));
    }

    void answerWith(Function<Received, Answer> rule) {
        answers = rule;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> received(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            var headers = exchange.getRequestHeaders();
            String error = null;
            String secret = secrets.get(path);
            try {
                if (secret == null) {
                    throw new WebhookVerificationException("no secret for " + path);
                }
                new StandardWebhooks(secret).verify(body, headers.getFirst("webhook-id"), headers.getFirst("webhook-timestamp"),
                        headers.getFirst("webhook-signature"));
            } catch (WebhookVerificationException e) {
                error = e.getMessage();
            }
            Received request = new Received(path, headers.getFirst("webhook-id"), headers.getFirst("webhook-timestamp"),
                    headers.getFirst("webhook-signature"), headers.getFirst("Content-Type"), headers.getFirst("User-Agent"),
                    headers.getFirst("Gatehouse-Channel"), new String(body, java.nio.charset.StandardCharsets.UTF_8),
                    Instant.now(), error == null, error);
            received.add(request);
            Answer answer = scripted.poll();
            if (answer == null) {
                answer = answers.apply(request);
            }
            if (!answer.delay().isZero()) {
                Thread.sleep(answer.delay());
            }
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            exchange.sendResponseHeaders(answer.status(), -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
