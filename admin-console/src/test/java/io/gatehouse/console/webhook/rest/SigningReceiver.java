package io.gatehouse.console.webhook.rest;

import com.sun.net.httpserver.HttpServer;
import io.gatehouse.core.webhook.signature.StandardWebhooks;
import io.gatehouse.core.webhook.signature.WebhookVerificationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/** A webhook receiver on 127.0.0.1 that checks each request with {@link StandardWebhooks} and answers as scripted (204 by default). */
final class SigningReceiver implements AutoCloseable {

    record Received(String webhookId, String body, boolean verified) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
    private volatile String secret;

    SigningReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                var headers = exchange.getRequestHeaders();
                boolean verified;
                try {
                    new StandardWebhooks(secret).verify(body, headers.getFirst("webhook-id"), headers.getFirst("webhook-timestamp"),
                            headers.getFirst("webhook-signature"));
                    verified = true;
                } catch (WebhookVerificationException | IllegalArgumentException | NullPointerException e) {
                    verified = false;
                }
                received.add(new Received(headers.getFirst("webhook-id"), new String(body, StandardCharsets.UTF_8), verified));
                Integer status = statuses.poll();
                exchange.sendResponseHeaders(status == null ? 204 : status, -1);
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    void secret(String secret) {
        this.secret = secret;
    }

    void answer(int... next) {
        for (int status : next) {
            statuses.add(status);
        }
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
