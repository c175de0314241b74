package io.gatehouse.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.core.api.ApiType;
import io.gatehouse.core.snapshot.GatewaySnapshot.ServedApi;
import io.gatehouse.gateway.GatewayProperties;
import io.gatehouse.gateway.TestUpstream;
import io.gatehouse.gateway.engine.GatewayEngine;
import io.gatehouse.gateway.exchange.Exchange;
import io.gatehouse.gateway.policy.Policy;
import io.gatehouse.gateway.policy.PolicyChain;
import io.gatehouse.gateway.policy.Verdict;
import io.gatehouse.gateway.problem.ProblemType;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/**
 * A policy may take its time over an answer ({@link Verdict#pending} in the response phase): the
 * upstream's answer is held back meanwhile, then relayed whole, or dropped for the policy's problem,
 * and the upstream connection serves the next call either way. Real Vert.x server, real upstream.
 */
class ResponsePhaseDecisionTests {

    private static final TestUpstream upstream = TestUpstream.shared();
    private static GatewayEngine engine;
    private static HttpServer server;
    private static final HttpClient http = HttpClient.newHttpClient();

    /** Decides after 200 ms: rejects answers to calls carrying {@code X-Refuse}, lets the others pass. */
    private static final Policy SLOW_DECISION = new Policy() {
        @Override
        public String name() {
            return "slow-decision";
        }

        @Override
        public Verdict onResponse(Exchange exchange) {
            boolean refuse = exchange.requestHeaders().contains("X-Refuse");
            return Verdict.pending(CompletableFuture.supplyAsync(() -> refuse
                    ? Verdict.reject(ProblemType.FORBIDDEN.withDetail("Refused after the answer."))
                    : Verdict.proceed(), CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS)));
        }
    };

    @BeforeAll
    static void start() throws Exception {
        Path data = Files.createTempDirectory("gatehouse-response-phase");
        GatewayProperties properties = new GatewayProperties(0, "127.0.0.1", Duration.ofSeconds(2), Duration.ofSeconds(5),
                "response-phase", Duration.ofSeconds(5), Duration.ofMillis(50), 10, Duration.ofSeconds(1),
                GatewayProperties.Usage.defaults().withJournalDir(data.resolve("journal")), data.resolve("snapshot.json"), 1);
        engine = new GatewayEngine(properties);
        UpstreamProxy proxy = new UpstreamProxy(properties,
                new ProxyProperties(DataSize.ofMegabytes(1), DataSize.ofKilobytes(16), 100, List.of(), 1, 1024, null), engine,
                new SimpleMeterRegistry());
        ServedApi api = new ServedApi(UUID.randomUUID(), "slow", "/slow", ApiType.REST, URI.create(upstream.url()), null,
                Map.of(), List.of(), null, null, false, List.of());
        PolicyChain chain = new PolicyChain(List.of(SLOW_DECISION));
        server = engine.vertx().createHttpServer().requestHandler(request -> {
            Exchange exchange = new Exchange("r-" + UUID.randomUUID(), request.method().name(), request.path(), request.query(),
                    request.headers(), "127.0.0.1", 0);
            exchange.routeTo(api, request.path());
            proxy.forward(exchange, chain, request);
        }).listen(0, "127.0.0.1").await();
    }

    @AfterAll
    static void stop() {
        server.close().await();
        engine.destroy();
    }

    @Test
    void aSmallAnswerIsRelayedWholeOnceThePolicyHasDecided() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = send("/echo/pets", false);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Upstream")).hasValue("test");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }

    @Test
    void aStreamedAnswerIsHeldBackThenRelayedIntact() throws Exception {
        int length = 3 * 1024 * 1024;
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(gateway("/stream?bytes=" + length))).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        byte[] body = response.body();
        assertThat(body).hasSize(length);
        for (int i = 0; i < length; i++) {
            if (body[i] != TestUpstream.pattern(i)) {
                throw new AssertionError("byte " + i + " differs");
            }
        }
    }

    @Test
    void aRejectedAnswerIsDroppedForTheProblemAndTheNextCallsAreServed() throws Exception {
        HttpResponse<String> refused = send("/stream?bytes=500000", true);

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("Refused after the answer.").doesNotContain("\u0007");
        for (int i = 0; i < 3; i++) {
            assertThat(send("/echo/again", false).statusCode()).isEqualTo(200);
        }
    }

    private static HttpResponse<String> send(String path, boolean refuse) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway(path))).timeout(Duration.ofSeconds(10));
        if (refuse) {
            request.header("X-Refuse", "yes");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String gateway(String path) {
        return "http://127.0.0.1:" + server.actualPort() + path;
    }
}
