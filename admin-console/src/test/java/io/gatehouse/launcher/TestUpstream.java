package io.gatehouse.launcher;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** A real upstream on a random port that answers {@code {"path":"<request uri>"}} and remembers the last request's headers. */
final class TestUpstream implements AutoCloseable {

    private final HttpServer server;
    private volatile Headers lastHeaders;

    TestUpstream() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            lastHeaders = exchange.getRequestHeaders();
            byte[] body = ("{\"path\":\"" + exchange.getRequestURI() + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A header of the last request the upstream received, or null. */
    String lastHeader(String name) {
        Headers headers = lastHeaders;
        return headers == null ? null : headers.getFirst(name);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
