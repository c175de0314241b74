package io.gatehouse.gateway.event.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.gateway.event.sse.SseWriter;
import io.gatehouse.gateway.exchange.Exchange;
import io.gatehouse.gateway.policy.DropReason;
import io.gatehouse.gateway.policy.Message;
import io.gatehouse.gateway.policy.Policy;
import io.gatehouse.gateway.policy.PolicyChain;
import io.gatehouse.gateway.policy.Verdict;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A subscriber whose client stops reading, over a real connection: its queue stays bounded and offers never
 * wait; with {@link Overflow#DISCONNECT} the stream ends instead.
 */
class StreamSubscriberTests {

    private final Vertx vertx = Vertx.vertx();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final StreamMetrics metrics = new StreamMetrics(registry, "sse");
    private final ConcurrentMap<DropReason, AtomicInteger> dropped = new ConcurrentHashMap<>();

    /** Drops events with an even id, and counts every drop it is told of. */
    private final Policy evenDropper = new Policy() {
        @Override
        public String name() {
            return "even-dropper";
        }

        @Override
        public Verdict onMessage(Exchange exchange, Message message) {
            return Long.parseLong(message.id()) % 2 == 0 ? Verdict.drop() : Verdict.proceed();
        }

        @Override
        public void onMessageDropped(Exchange exchange, Message message, DropReason reason) {
            dropped.computeIfAbsent(reason, r -> new AtomicInteger()).incrementAndGet();
        }
    };

    @AfterEach
    void close() {
        vertx.close().await();
    }

    @Test
    void aFullQueueDropsTheOldestAndCountsThem() throws Exception {
        CompletableFuture<StreamSubscriber> opened = new CompletableFuture<>();
        HttpServer server = stalledStreams(Overflow.DROP_OLDEST, new PolicyChain(List.of(evenDropper)), opened);
        try (Socket stalled = new Socket()) {
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new InetSocketAddress("127.0.0.1", server.actualPort()));
            OutputStream out = stalled.getOutputStream();
            out.write("GET /s HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            StreamSubscriber subscriber = opened.get();

            byte[] payload = "x".repeat(256 * 1024).getBytes(StandardCharsets.US_ASCII);
            long started = System.nanoTime();
            double deepest = 0;
            double queued = 0;
            for (int i = 1; i <= 500; i++) {
                subscriber.offer(new StreamEvent(i, UUID.randomUUID(), "c", "/c", "text/plain", payload, Instant.now()));
                Thread.sleep(0, 100_000);
                deepest = Math.max(deepest, registry.get("gatehouse.events.queue.depth").tags("transport", "sse", "stat", "max").gauge().value());
                queued = Math.max(queued, registry.get("gatehouse.events.queue.depth").tags("transport", "sse", "stat", "sum").gauge().value());
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
            await().atMost(Duration.ofSeconds(10)).until(() -> registry.counter("gatehouse.events.dropped", "transport", "sse", "reason", "overflow").count() > 0);
            assertThat(registry.counter("gatehouse.events.delivered", "transport", "sse").count()).isLessThan(500);
            assertThat(deepest).isEqualTo(3);
            assertThat(queued).isEqualTo(3);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(dropped.get(DropReason.OVERFLOW)).hasValue((int) registry.counter("gatehouse.events.dropped",
                        "transport", "sse", "reason", "overflow").count());
                assertThat(dropped.get(DropReason.POLICY)).hasValue((int) registry.counter("gatehouse.events.dropped",
                        "transport", "sse", "reason", "policy").count());
            });
            assertThat(dropped.get(DropReason.POLICY).get()).isPositive();
        }
    }

    @Test
    void withDisconnectAFullQueueEndsTheStream() throws Exception {
        CompletableFuture<StreamSubscriber> opened = new CompletableFuture<>();
        HttpServer server = stalledStreams(Overflow.DISCONNECT, new PolicyChain(List.of()), opened);
        try (Socket stalled = new Socket()) {
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new InetSocketAddress("127.0.0.1", server.actualPort()));
            OutputStream out = stalled.getOutputStream();
            out.write("GET /s HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            StreamSubscriber subscriber = opened.get();

            byte[] payload = "x".repeat(256 * 1024).getBytes(StandardCharsets.US_ASCII);
            for (int i = 1; i <= 200 && !subscriber.closed(); i++) {
                subscriber.offer(new StreamEvent(i, UUID.randomUUID(), "c", "/c", "text/plain", payload, Instant.now()));
                Thread.sleep(1);
            }

            await().atMost(Duration.ofSeconds(10)).until(subscriber::closed);
            assertThat(registry.counter("gatehouse.events.overflow.disconnects", "transport", "sse").count()).isEqualTo(1);
            assertThat(registry.counter("gatehouse.events.dropped", "transport", "sse", "reason", "overflow").count()).isZero();
            assertThat(registry.get("gatehouse.events.queue.depth").tags("transport", "sse", "stat", "sum").gauge().value()).isZero();
        }
    }

    @Test
    void lagIsMeasuredFromPublication() throws Exception {
        CompletableFuture<StreamSubscriber> opened = new CompletableFuture<>();
        HttpServer server = stalledStreams(Overflow.DROP_OLDEST, new PolicyChain(List.of()), opened);
        try (Socket reader = new Socket()) {
            reader.connect(new InetSocketAddress("127.0.0.1", server.actualPort()));
            reader.getOutputStream().write("GET /s HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            StreamSubscriber subscriber = opened.get();

            subscriber.offer(new StreamEvent(1, UUID.randomUUID(), "c", "/c", "text/plain", new byte[] {1}, Instant.now().minusMillis(250)));

            await().atMost(Duration.ofSeconds(10)).until(() -> registry.get("gatehouse.events.lag").tags("transport", "sse").timer().count() == 1);
            assertThat(registry.get("gatehouse.events.lag").timer().max(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(250);
        }
    }

    /** A server whose every request is a stream with a queue of 3 events. */
    private HttpServer stalledStreams(Overflow overflow, PolicyChain chain, CompletableFuture<StreamSubscriber> opened) {
        return vertx.createHttpServer().requestHandler(request -> {
            request.response().setChunked(true).write("retry: 1000\n\n");
            Exchange exchange = new Exchange("r1", "GET", "/s", null, MultiMap.caseInsensitiveMultiMap(), null);
            StreamSubscriber subscriber = new StreamSubscriber(vertx.getOrCreateContext(), new SseWriter(request.response(), SseWriter.newFrames()), exchange,
                    chain, 3, overflow, metrics, (from, limit) -> Future.succeededFuture(List.of()));
            subscriber.start(new StreamPosition(), false);
            opened.complete(subscriber);
        }).listen(0, "127.0.0.1").await();
    }
}
