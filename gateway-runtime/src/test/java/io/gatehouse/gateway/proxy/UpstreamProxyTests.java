package io.gatehouse.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.core.plan.Approval;
import io.gatehouse.core.plan.PlanAuth;
import io.gatehouse.gateway.BlackHole;
import io.gatehouse.gateway.GatewayIntegrationSupport;
import io.gatehouse.gateway.TestUpstream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UpstreamProxyTests extends GatewayIntegrationSupport {

    private Published api;
    private Caller caller;

    @BeforeEach
    void publishApi() {
        api = publish();
        caller = subscribe(api);
        awaitServingCurrentRegistry();
    }

    @Test
    void passesStatusHeadersAndBodyThroughAndKeepsMethodPathAndRawQuery() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(gateway(api.context() + "/echo/pets/1?a=1&b=x%20y&a=2"))
                .header("X-API-Key", caller.apiKey())
                .header("X-Echo-Status", "201")
                .header("X-Custom", "kept")
                .method("PUT", HttpRequest.BodyPublishers.ofString("{\"name\":\"rex\"}"))
                .build());

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).isEqualTo("{\"name\":\"rex\"}");
        assertThat(response.headers().firstValue("X-Upstream")).hasValue("test");
        assertThat(response.headers().firstValue("X-Echo-Method")).hasValue("PUT");
        assertThat(response.headers().firstValue("X-Echo-Path")).hasValue("/echo/pets/1");
        assertThat(response.headers().firstValue("X-Echo-Query")).hasValue("a=1&b=x%20y&a=2");
        assertThat(upstream.last().header("X-Custom")).isEqualTo("kept");
    }

    @Test
    void removesHopByHopHeadersBothWaysAndNeverForwardsTheApiKey() throws Exception {
        String raw = "GET " + api.context() + "/echo/hop HTTP/1.1\r\n"
                + "Host: gateway.example:8000\r\n"
                + "X-API-Key: " + caller.apiKey() + "\r\n"
                + "Connection: close, X-Drop-Me\r\n"
                + "X-Drop-Me: 1\r\n"
                + "Keep-Alive: timeout=5\r\n"
                + "TE: trailers\r\n"
                + "Trailer: X-Checksum\r\n"
                + "Upgrade: websocket-not-really\r\n"
                + "Proxy-Authorization: Basic Zm9vOmJhcg==\r\n"
                + "X-Forwarded-For: 203.0.113.9\r\n"
                + "X-Request-Id: req-42\r\n"
                + "\r\n";
        String response = rawExchange(raw);

        TestUpstream.Seen seen = upstream.last();
        assertThat(seen.headers()).doesNotContainKeys("x-api-key", "x-drop-me", "keep-alive", "te", "trailer", "upgrade",
                "proxy-authorization");
        assertThat(String.valueOf(seen.header("Connection"))).doesNotContainIgnoringCase("drop").doesNotContainIgnoringCase("close");
        assertThat(seen.header("Host")).isEqualTo(upstream.url().substring("http://".length()));
        assertThat(seen.header("X-Forwarded-For")).isEqualTo("203.0.113.9, 127.0.0.1");
        assertThat(seen.header("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(seen.header("X-Forwarded-Host")).isEqualTo("gateway.example:8000");
        assertThat(seen.header("X-Request-Id")).isEqualTo("req-42");

        String head = response.substring(0, response.indexOf("\r\n\r\n")).toLowerCase();
        assertThat(head).startsWith("http/1.1 200");
        assertThat(head).contains("x-upstream: test", "x-request-id: req-42");
        assertThat(head).doesNotContain("keep-alive:", "proxy-authenticate:", "trailer:");
    }

    @Test
    void generatesARequestIdWhenTheClientSendsNone() {
        HttpResponse<String> response = get(api.context() + "/echo", caller.apiKey());

        assertThat(response.statusCode()).isEqualTo(200);
        String id = upstream.last().header("X-Request-Id");
        assertThat(id).matches("[0-9a-f-]{36}");
        assertThat(response.headers().firstValue("X-Request-Id")).hasValue(id);
    }

    @Test
    void streamsLargeBodiesBothWaysIntact() throws Exception {
        byte[] large = new byte[20 * 1024 * 1024];
        new Random(7).nextBytes(large);
        HttpResponse<byte[]> echoed = http.send(HttpRequest.newBuilder(gateway(api.context() + "/echo/upload"))
                .header("X-API-Key", caller.apiKey())
                .POST(HttpRequest.BodyPublishers.ofByteArray(large))
                .build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(echoed.statusCode()).isEqualTo(200);
        assertThat(echoed.body().length).isEqualTo(large.length);
        assertThat(Arrays.equals(echoed.body(), large)).isTrue();

        long size = 20L * 1024 * 1024 + 3;
        HttpResponse<InputStream> streamed = http.send(HttpRequest.newBuilder(gateway(api.context() + "/stream?bytes=" + size))
                .header("X-API-Key", caller.apiKey()).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(streamed.statusCode()).isEqualTo(200);
        MessageDigest expected = MessageDigest.getInstance("SHA-256");
        MessageDigest actual = MessageDigest.getInstance("SHA-256");
        long received = 0;
        try (InputStream in = streamed.body()) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                for (int i = 0; i < n; i++) {
                    expected.update(TestUpstream.pattern(received + i));
                }
                actual.update(buffer, 0, n);
                received += n;
            }
        }
        assertThat(received).isEqualTo(size);
        assertThat(actual.digest()).isEqualTo(expected.digest());
    }

    @Test
    void passesAnswersWithoutBodyThrough() {
        HttpResponse<String> noContent = send(HttpRequest.newBuilder(gateway(api.context() + "/echo/gone"))
                .header("X-API-Key", caller.apiKey()).header("X-Echo-Status", "204").DELETE().build());
        HttpResponse<String> head = send(HttpRequest.newBuilder(gateway(api.context() + "/echo/pets"))
                .header("X-API-Key", caller.apiKey()).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());

        assertThat(noContent.statusCode()).isEqualTo(204);
        assertThat(noContent.body()).isEmpty();
        assertThat(upstream.last().method()).isEqualTo("HEAD");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("X-Echo-Method")).hasValue("HEAD");
        assertThat(get(api.context() + "/echo/after", caller.apiKey()).statusCode()).isEqualTo(200);
    }

    @Test
    void servesCleartextHttp2() {
        var response = reactor.netty.http.client.HttpClient.create()
                .protocol(reactor.netty.http.HttpProtocol.H2C)
                .headers(h -> h.add("X-API-Key", caller.apiKey()))
                .post()
                .uri(gateway(api.context() + "/echo/h2?q=1"))
                .send(reactor.netty.ByteBufFlux.fromString(reactor.core.publisher.Mono.just("over h2c")))
                .responseSingle((head, body) -> body.asString().map(text -> head.version() + " " + head.status().code() + " " + text))
                .block(Duration.ofSeconds(10));

        assertThat(response).isEqualTo("HTTP/2.0 200 over h2c");
        assertThat(upstream.last().rawQuery()).isEqualTo("q=1");
        assertThat(upstream.last().header("X-API-Key")).isNull();
    }

    @Test
    void unknownContextIsA404Problem() {
        HttpResponse<String> response = get("/nobody-published-this/v1/pets", null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"type\":\"https://gatehouse.dev/problems/no-route\"", "\"status\":404");
    }

    @Test
    void upstreamRefusingConnectionsIsA502Problem() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Published down = publish("http://127.0.0.1:" + closedPort, null, PlanAuth.API_KEY, Approval.AUTO);
        Caller downCaller = subscribe(down);
        awaitServingCurrentRegistry();

        HttpResponse<String> response = get(down.context() + "/pets", downCaller.apiKey());

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("https://gatehouse.dev/problems/bad-gateway").doesNotContain("Exception");
    }

    @Test
    void upstreamSlowerThanTheApiTimeoutIsA504Problem() {
        Published slow = publish(upstream.url(), 300, PlanAuth.API_KEY, Approval.AUTO);
        Caller slowCaller = subscribe(slow);
        awaitServingCurrentRegistry();
        // a call with the default timeout (30 s) first leaves a pooled connection to the same upstream behind
        assertThat(get(api.context() + "/echo/first", caller.apiKey()).statusCode()).isEqualTo(200);

        long start = System.nanoTime();
        HttpResponse<String> response = get(slow.context() + "/slow?ms=3000", slowCaller.apiKey());

        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(response.body()).contains("https://gatehouse.dev/problems/gateway-timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
    }

    @Test
    void anUpstreamNotReachedWithinTheApisConnectTimeoutIsA504ProblemInThatTime() {
        try (BlackHole unreachable = new BlackHole()) {
            Published down = publish(unreachable.url(), null, 300, false, PlanAuth.API_KEY);
            Caller downCaller = subscribe(down);
            awaitServingCurrentRegistry();

            long start = System.nanoTime();
            HttpResponse<String> response = get(down.context() + "/pets", downCaller.apiKey());
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(response.statusCode()).isEqualTo(504);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(response.body()).contains("\"type\":\"https://gatehouse.dev/problems/upstream-connect-timeout\"",
                    "\"title\":\"Upstream connect timeout\"", "within 300 ms");
            assertThat(took).isBetween(Duration.ofMillis(250), Duration.ofMillis(2500));
        }
    }

    private String rawExchange(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", gatewayServer.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(response);
            return response.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
