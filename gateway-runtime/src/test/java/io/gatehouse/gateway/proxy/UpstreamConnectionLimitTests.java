package io.gatehouse.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.gatehouse.core.plan.PlanAuth;
import io.gatehouse.gateway.GatewayIntegrationSupport;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code gatehouse.gateway.proxy.max-upstream-connections}: a gateway allowed two connections to an upstream
 * never has more open at once; calls beyond wait for one to be freed or closed, and one that waits longer
 * than the API's connect timeout gets 504.
 */
class UpstreamConnectionLimitTests extends GatewayIntegrationSupport {

    private static final SlowUpstream upstream = new SlowUpstream();

    @Autowired
    MeterRegistry meters;

    private Published api;

    @DynamicPropertySource
    static void twoConnections(DynamicPropertyRegistry registry) {
        registry.add("gatehouse.gateway.proxy.max-upstream-connections", () -> "2");
        registry.add("gatehouse.gateway.event-loops", () -> "1");
    }

    @AfterAll
    static void stopUpstream() {
        upstream.server.stop(0);
    }

    @BeforeEach
    void resetUpstream() {
        upstream.busiest.set(0);
        upstream.clientPorts.clear();
    }

    @Test
    void sixCallsAtOnceAreServedOverTwoKeptAliveConnections() {
        Caller caller = subscribedTo(publish(upstream.url(), null, 5_000, false, PlanAuth.API_KEY));

        List<HttpResponse<String>> responses = all(caller, 6, "/hold?ms=300");

        assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(200);
        assertThat(upstream.busiest.get()).as("calls the upstream served at once").isEqualTo(2);
        assertThat(upstream.clientPorts).as("connections the gateway opened").hasSize(2);
    }

    @Test
    void aConnectionTheUpstreamClosesFreesItsPlaceForAWaitingCall() {
        Caller caller = subscribedTo(publish(upstream.url(), null, 5_000, false, PlanAuth.API_KEY));

        List<HttpResponse<String>> responses = all(caller, 6, "/hold?ms=300&close=true");

        assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(200);
        assertThat(upstream.busiest.get()).as("calls the upstream served at once").isEqualTo(2);
        assertThat(upstream.clientPorts).as("a new connection after each one closed").hasSize(6);
    }

    @Test
    void aCallThatFindsEveryConnectionBusyForItsConnectTimeoutGets504AndTheNextCallsAreServed() {
        Caller caller = subscribedTo(publish(upstream.url(), null, 300, false, PlanAuth.API_KEY));
        List<CompletableFuture<HttpResponse<String>>> held = IntStream.range(0, 2)
                .mapToObj(i -> sendAsync(caller, "/hold?ms=2500")).toList();
        await().atMost(Duration.ofSeconds(5)).until(() -> upstream.busy.get() == 2);

        long started = System.nanoTime();
        HttpResponse<String> refused = send(request(caller, "/hold?ms=0"));
        Duration waited = Duration.ofNanos(System.nanoTime() - started);

        assertThat(refused.statusCode()).isEqualTo(504);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.body()).contains("https://gatehouse.dev/problems/upstream-connect-timeout", "stayed busy for 300 ms")
                .doesNotContain("Exception");
        assertThat(waited).as("answered after the connect timeout, not after the held calls").isLessThan(Duration.ofMillis(2000));
        assertThat(held).allSatisfy(call -> assertThat(call.join().statusCode()).isEqualTo(200));
        assertThat(upstream.busiest.get()).isEqualTo(2);
        assertThat(send(request(caller, "/hold?ms=0")).statusCode()).isEqualTo(200);
        assertThat(meters.get("gatehouse.gateway.upstream.wait.timeouts").tag("upstream", upstream.url()).counter().count())
                .as("the call that gave up, counted for its upstream").isOne();
        assertThat(meters.get("gatehouse.gateway.upstream.waits").tag("upstream", upstream.url()).counter().count()).isPositive();
    }

    private Caller subscribedTo(Published published) {
        api = published;
        Caller caller = subscribe(published);
        awaitServingCurrentRegistry();
        return caller;
    }

    private List<HttpResponse<String>> all(Caller caller, int calls, String path) {
        return IntStream.range(0, calls).mapToObj(i -> sendAsync(caller, path)).toList().stream()
                .map(CompletableFuture::join).toList();
    }

    private CompletableFuture<HttpResponse<String>> sendAsync(Caller caller, String path) {
        return http.sendAsync(request(caller, path), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(Caller caller, String path) {
        return HttpRequest.newBuilder(gateway(api.context() + path)).timeout(Duration.ofSeconds(30))
                .header("X-API-Key", caller.apiKey()).GET().build();
    }

    /** Holds each call for {@code ms}, counts the calls it serves at once and the connections they came on. */
    private static final class SlowUpstream {
        final HttpServer server;
        final AtomicInteger busy = new AtomicInteger();
        final AtomicInteger busiest = new AtomicInteger();
        final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();

        SlowUpstream() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/", this::handle);
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        private void handle(HttpExchange exchange) throws IOException {
            busiest.accumulateAndGet(busy.incrementAndGet(), Math::max);
            clientPorts.add(exchange.getRemoteAddress().getPort());
            String query = exchange.getRequestURI().getQuery();
            try {
                Thread.sleep(Long.parseLong(query.replaceAll(".*ms=(\\d+).*", "$1")));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "held".getBytes(StandardCharsets.UTF_8);
            if (query.contains("close=true")) {
                exchange.getResponseHeaders().set("Connection", "close");
            }
            busy.decrementAndGet();
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
