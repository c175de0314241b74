package io.gatehouse.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.core.plan.Approval;
import io.gatehouse.core.plan.PlanAuth;
import io.gatehouse.gateway.GatewayIntegrationSupport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class ProxyLimitsTests extends GatewayIntegrationSupport {

    @Autowired
    ProxyProperties limits;

    private Published api;
    private Caller caller;

    @BeforeEach
    void publishApi() {
        api = publish();
        caller = subscribe(api);
        awaitServingCurrentRegistry();
    }

    @Test
    void refusesADeclaredBodyOverTheLimitBeforeReadingIt() throws IOException {
        String response = raw("POST " + api.context() + "/echo HTTP/1.1\r\nHost: gw\r\nX-API-Key: " + caller.apiKey()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + (limits.maxBodySize().toBytes() + 1) + "\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 413").contains("application/problem+json").contains("payload-too-large");
    }

    @Test
    void refusesAStreamedBodyThatGrowsOverTheLimit() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(gateway(api.context() + "/echo"))
                .header("X-API-Key", caller.apiKey())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[(int) limits.maxBodySize().toBytes() + 1])))
                .build());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("payload-too-large");
    }

    @Test
    void refusesTooManyHeaderFieldsAndOversizedHeaders() throws IOException {
        StringBuilder many = new StringBuilder("GET " + api.context() + "/echo HTTP/1.1\r\nHost: gw\r\nX-API-Key: " + caller.apiKey() + "\r\n");
        for (int i = 0; i < 120; i++) {
            many.append("X-Filler-").append(i).append(": ").append(i).append("\r\n");
        }
        assertThat(raw(many + "\r\n")).startsWith("HTTP/1.1 431").contains("headers-too-large");

        String huge = "GET " + api.context() + "/echo HTTP/1.1\r\nHost: gw\r\nX-Huge: " + "x".repeat(20_000) + "\r\n\r\n";
        assertThat(raw(huge)).startsWith("HTTP/1.1 431");
    }

    @Test
    void retriesIdempotentCallsOnceWhenTheUpstreamDropsTheConnectionAndNeverOthers() throws Exception {
        try (FlakyUpstream flaky = new FlakyUpstream()) {
            Published published = publish(flaky.url(), null, PlanAuth.API_KEY, Approval.AUTO);
            Caller flakyCaller = subscribe(published);
            awaitServingCurrentRegistry();

            HttpResponse<String> get = get(published.context() + "/pets", flakyCaller.apiKey());
            assertThat(get.statusCode()).isEqualTo(200);
            assertThat(flaky.connections()).isEqualTo(2);

            HttpResponse<String> post = send(HttpRequest.newBuilder(gateway(published.context() + "/pets"))
                    .header("X-API-Key", flakyCaller.apiKey()).POST(HttpRequest.BodyPublishers.noBody()).build());
            assertThat(post.statusCode()).isEqualTo(502);
            assertThat(flaky.connections()).isEqualTo(3);
        }
    }

    @Test
    void believesForwardedHeadersOnlyFromTrustedProxies() {
        TrustedProxies trusted = new TrustedProxies(List.of("127.0.0.0/8", "::1/128", "10.1.0.0/16"));

        assertThat(trusted.trusts(new InetSocketAddress("127.0.0.1", 1))).isTrue();
        assertThat(trusted.trusts(new InetSocketAddress("10.1.200.3", 1))).isTrue();
        assertThat(trusted.trusts(new InetSocketAddress("::1", 1))).isTrue();
        assertThat(trusted.trusts(new InetSocketAddress("10.2.0.1", 1))).isFalse();
        assertThat(trusted.trusts(new InetSocketAddress("203.0.113.9", 1))).isFalse();
        assertThat(trusted.trusts(null)).isFalse();
    }

    private String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", gatewayServer.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            byte[] buffer = new byte[8192];
            int read = socket.getInputStream().read(buffer);
            return read < 0 ? "" : new String(buffer, 0, read, StandardCharsets.ISO_8859_1);
        }
    }

    /** Drops the first connection after reading the request; answers every later one with 200. */
    private static final class FlakyUpstream implements AutoCloseable {

        private final ServerSocket server = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        private final AtomicInteger connections = new AtomicInteger();
        private final Thread acceptor = Thread.ofVirtual().start(this::serve);

        FlakyUpstream() throws IOException {
        }

        String url() {
            return "http://127.0.0.1:" + server.getLocalPort();
        }

        int connections() {
            return connections.get();
        }

        private void serve() {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    int number = connections.incrementAndGet();
                    Thread.ofVirtual().start(() -> answer(socket, number));
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private static void answer(Socket socket, int number) {
            try (socket) {
                InputStream in = socket.getInputStream();
                byte[] buffer = new byte[8192];
                in.read(buffer);
                if (number % 2 == 1) {
                    return;
                }
                OutputStream out = socket.getOutputStream();
                out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException ignored) {
                // the gateway went away
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            acceptor.interrupt();
        }
    }
}
