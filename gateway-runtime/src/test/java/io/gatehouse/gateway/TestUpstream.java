package io.gatehouse.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;

/**
 * A real upstream on a random port. {@code /echo/**} answers 200 (or the status in
 * {@code X-Echo-Status}) and sends the request body back (read whole first, so that HTTP/1.1 clients that send before they read cannot deadlock), describing the request in headers and
 * remembering it; {@code /slow?ms=N} answers after N ms; {@code /stream?bytes=N} streams N bytes of
 * {@link #pattern(long)}. Every answer also carries hop-by-hop headers the gateway must drop.
 */
public final class TestUpstream implements AutoCloseable {

    private static TestUpstream shared;

    private final HttpServer server;
    private volatile Seen last;

    /** What the upstream saw of the last {@code /echo} request. Header names are lower case. */
    public record Seen(String method, String rawPath, String rawQuery, Map<String, List<String>> headers) {

        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase());
            return values == null ? null : String.join(",", values);
        }
    }

    private TestUpstream() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    public static synchronized TestUpstream shared() {
        if (shared == null) {
            try {
                shared = new TestUpstream();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return shared;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public Seen last() {
        return last;
    }

    public static byte pattern(long index) {
        return (byte) ((index * 31 + 7) % 251);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            exchange.getResponseHeaders().add("X-Upstream", "test");
            exchange.getResponseHeaders().add("Keep-Alive", "timeout=5");
            exchange.getResponseHeaders().add("Proxy-Authenticate", "Basic");
            exchange.getResponseHeaders().add("Trailer", "X-Checksum");
            if (path.startsWith("/slow")) {
                sleep(Long.parseLong(query.substring(query.indexOf('=') + 1)));
                exchange.sendResponseHeaders(200, -1);
            } else if (path.startsWith("/stream")) {
                stream(exchange, Long.parseLong(query.substring(query.indexOf('=') + 1)));
            } else {
                echo(exchange, path, query);
            }
        }
    }

    private void echo(HttpExchange exchange, String path, String query) throws IOException {
        Map<String, List<String>> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), List.copyOf(values)));
        last = new Seen(exchange.getRequestMethod(), path, query, headers);
        exchange.getResponseHeaders().add("X-Echo-Method", exchange.getRequestMethod());
        exchange.getResponseHeaders().add("X-Echo-Path", path);
        exchange.getResponseHeaders().add("X-Echo-Query", query == null ? "" : query);
        String status = exchange.getRequestHeaders().getFirst("X-Echo-Status");
        int code = status == null ? 200 : Integer.parseInt(status);
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        boolean empty = code == 204 || exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(code, empty ? -1 : 0);
        if (!empty) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static void stream(HttpExchange exchange, long bytes) throws IOException {
        exchange.sendResponseHeaders(200, 0);
        byte[] chunk = new byte[16 * 1024];
        try (OutputStream out = exchange.getResponseBody()) {
            long sent = 0;
            while (sent < bytes) {
                int n = (int) Math.min(chunk.length, bytes - sent);
                for (int i = 0; i < n; i++) {
                    chunk[i] = pattern(sent + i);
                }
                out.write(chunk, 0, n);
                sent += n;
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
