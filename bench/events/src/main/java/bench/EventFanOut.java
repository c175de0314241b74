package bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.parsetools.RecordParser;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Opens subscribers on a gateway channel (SSE and/or WebSocket), and optionally MQTT clients on the broker topic behind it,
 * then publishes events at a fixed rate (through the gateway, or straight to the MQTT broker) and reports events delivered
 * per second and publish-to-deliver latency per kind of subscriber. Every payload starts with {@code T=<nanoTime>;}: the
 * publisher and all subscribers share this JVM's clock.
 *
 * <p>Arguments are {@code --name value}: gateway (http://127.0.0.1:18100), path (channel path with the API context), key
 * (API key), sse (subscribers, 1000), ws (subscribers, 0), mqtt-direct (clients reading the broker, 0), mqtt (tcp://127.0.0.1:1883),
 * topic (MQTT topic), publish (gateway|mqtt), rate (events/s, 20), seconds (20), warmup (5), payload (bytes, 256),
 * timeline (a file: one line per second of the timed part, with that second's latencies per kind of subscriber and how
 * long the publishes took, to see where a tail comes from).
 */
public final class EventFanOut {

    private final Map<String, String> args;
    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(Runtime.getRuntime().availableProcessors()));
    private final Kind sse = new Kind("sse");
    private final Kind ws = new Kind("websocket");
    private final Kind direct = new Kind("mqtt direct");
    private final Histogram publishTimes = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong publishFailures = new AtomicLong();
    private volatile boolean measuring;

    private EventFanOut(Map<String, String> args) {
        this.args = args;
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new HashMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) {
            args.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
        }
        new EventFanOut(args).run();
        System.exit(0);
    }

    private String arg(String name, String fallback) {
        return args.getOrDefault(name, fallback);
    }

    private int intArg(String name, int fallback) {
        return Integer.parseInt(arg(name, Integer.toString(fallback)));
    }

    private void run() throws Exception {
        java.net.URI gateway = java.net.URI.create(arg("gateway", "http://127.0.0.1:18100"));
        String path = arg("path", "/events/v1/ticks");
        String key = arg("key", "");
        int sseCount = intArg("sse", 1000);
        int wsCount = intArg("ws", 0);
        int directCount = intArg("mqtt-direct", 0);
        int rate = intArg("rate", 20);
        int seconds = intArg("seconds", 20);
        int warmup = intArg("warmup", 5);
        int payloadBytes = intArg("payload", 256);

        HttpClient http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(gateway.getHost())
                .setDefaultPort(gateway.getPort()).setKeepAlive(true), new PoolOptions().setHttp1MaxSize(sseCount + 64));
        CountDownLatch connected = new CountDownLatch(sseCount + wsCount + directCount);
        for (int i = 0; i < sseCount; i++) {
            openSse(http, path, key, connected);
        }
        WebSocketClient wsClient = vertx.createWebSocketClient(new WebSocketClientOptions().setDefaultHost(gateway.getHost())
                .setDefaultPort(gateway.getPort()).setMaxConnections(wsCount + 8));
        for (int i = 0; i < wsCount; i++) {
            openWebSocket(wsClient, path, key, connected);
        }
        String mqttUri = arg("mqtt", "tcp://127.0.0.1:1883");
        String topic = arg("topic", "bench/ticks");
        for (int i = 0; i < directCount; i++) {
            openMqtt(mqttUri, topic, connected);
        }
        if (!connected.await(60, TimeUnit.SECONDS)) {
            System.err.printf("only %d of %d subscribers connected%n", sseCount + wsCount + directCount - connected.getCount(),
                    sseCount + wsCount + directCount);
        }

        MqttClient mqttPublisher = "mqtt".equals(arg("publish", "gateway")) ? mqttClient(mqttUri) : null;
        String pad = "x".repeat(Math.max(0, payloadBytes - 24));
        long periodNanos = TimeUnit.SECONDS.toNanos(1) / rate;
        Thread publisher = Thread.ofPlatform().name("publisher").start(() -> {
            long next = System.nanoTime();
            while (!Thread.currentThread().isInterrupted()) {
                byte[] body = ("T=" + System.nanoTime() + ";" + pad).getBytes(StandardCharsets.US_ASCII);
                if (mqttPublisher != null) {
                    try {
                        MqttMessage message = new MqttMessage(body);
                        message.setQos(1);
                        mqttPublisher.publish(topic, message);
                        published.incrementAndGet();
                    } catch (Exception e) {
                        publishFailures.incrementAndGet();
                    }
                } else {
                    long sent = System.nanoTime();
                    http.request(new RequestOptions().setMethod(HttpMethod.POST).setURI(path).addHeader("X-API-Key", key)
                                    .addHeader("Content-Type", "text/plain"))
                            .compose(request -> request.send(Buffer.buffer(body)))
                            .onComplete(response -> {
                                if (response.succeeded() && response.result().statusCode() == 202) {
                                    published.incrementAndGet();
                                    synchronized (publishTimes) {
                                        publishTimes.recordValue(Math.min(System.nanoTime() - sent, publishTimes.getHighestTrackableValue()));
                                    }
                                } else {
                                    publishFailures.incrementAndGet();
                                }
                            });
                }
                next += periodNanos;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
        });

        Thread.sleep(TimeUnit.SECONDS.toMillis(warmup));
        long publishedBefore = published.get();
        synchronized (publishTimes) {
            publishTimes.reset();
        }
        measuring = true;
        System.out.println("measuring");
        long started = System.nanoTime();
        PrintWriter timeline = args.containsKey("timeline") ? new PrintWriter(arg("timeline", ""), StandardCharsets.UTF_8) : null;
        for (int second = 1; second <= seconds; second++) {
            LockSupport.parkNanos(started + TimeUnit.SECONDS.toNanos(second) - System.nanoTime());
            if (timeline != null) {
                StringBuilder line = new StringBuilder(String.format("%3d s %s", second, LocalTime.now().withNano(0)));
                for (Kind kind : new Kind[] {sse, ws, direct}) {
                    kind.second(line);
                }
                synchronized (publishTimes) {
                    line.append(String.format("  publish n=%d p50=%.1f max=%.1f ms", publishTimes.getTotalCount(),
                            publishTimes.getValueAtPercentile(50) / 1e6, publishTimes.getMaxValue() / 1e6));
                    publishTimes.reset();
                }
                timeline.println(line);
                timeline.flush();
            }
        }
        measuring = false;
        if (timeline != null) {
            timeline.close();
        }
        System.out.println("measured");
        double elapsed = (System.nanoTime() - started) / 1e9;
        long publishedDuring = published.get() - publishedBefore;
        publisher.interrupt();

        System.out.printf("published %d events in %.1f s (%.0f/s, %d failed) through %s; payload %d bytes%n", publishedDuring,
                elapsed, publishedDuring / elapsed, publishFailures.get(), mqttPublisher != null ? "the MQTT broker" : "the gateway",
                payloadBytes);
        for (Kind kind : new Kind[] {sse, ws, direct}) {
            kind.report(elapsed);
        }
    }

    private void openSse(HttpClient http, String path, String key, CountDownLatch connected) {
        http.request(new RequestOptions().setMethod(HttpMethod.GET).setURI(path).addHeader("Accept", "text/event-stream")
                        .addHeader("X-API-Key", key).setIdleTimeout(0))
                .compose(request -> request.send())
                .onSuccess(response -> {
                    if (response.statusCode() != 200) {
                        System.err.println("SSE subscribe answered " + response.statusCode());
                        connected.countDown();
                        return;
                    }
                    sse.open();
                    connected.countDown();
                    RecordParser frames = RecordParser.newDelimited("\n\n", frame -> sse.received(frame.toString(StandardCharsets.US_ASCII)));
                    response.handler(frames);
                    response.endHandler(ignored -> sse.closed());
                })
                .onFailure(error -> {
                    System.err.println("SSE subscribe failed: " + error.getMessage());
                    connected.countDown();
                });
    }

    private void openWebSocket(WebSocketClient client, String path, String key, CountDownLatch connected) {
        client.connect(new WebSocketConnectOptions().setURI(path).addHeader("X-API-Key", key))
                .onSuccess(socket -> {
                    ws.open();
                    connected.countDown();
                    socket.textMessageHandler(ws::received);
                    socket.binaryMessageHandler(data -> ws.received(data.toString(StandardCharsets.US_ASCII)));
                    socket.closeHandler(ignored -> ws.closed());
                })
                .onFailure(error -> {
                    System.err.println("WebSocket connect failed: " + error.getMessage());
                    connected.countDown();
                });
    }

    private void openMqtt(String uri, String topic, CountDownLatch connected) throws Exception {
        MqttClient client = mqttClient(uri);
        client.subscribe(topic, 1, (t, message) -> direct.received(new String(message.getPayload(), StandardCharsets.US_ASCII)));
        direct.open();
        connected.countDown();
    }

    private static MqttClient mqttClient(String uri) throws Exception {
        MqttClient client = new MqttClient(uri, "bench-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setMaxInflight(1000);
        client.connect(options);
        return client;
    }

    /** One kind of subscriber: how many are open, what they received while measuring, and its latencies. */
    private final class Kind {
        private final String name;
        private final AtomicLong open = new AtomicLong();
        private final AtomicLong closedEarly = new AtomicLong();
        private final AtomicLong received = new AtomicLong();
        private final Histogram latencies = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        private final Histogram thisSecond = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);

        Kind(String name) {
            this.name = name;
        }

        void open() {
            open.incrementAndGet();
        }

        void closed() {
            closedEarly.incrementAndGet();
        }

        void received(String frame) {
            int at = frame.indexOf("T=");
            if (at < 0 || !measuring) {
                return;
            }
            long sent = 0;
            for (int i = at + 2; i < frame.length() && Character.isDigit(frame.charAt(i)); i++) {
                sent = sent * 10 + (frame.charAt(i) - '0');
            }
            long latency = System.nanoTime() - sent;
            received.incrementAndGet();
            synchronized (latencies) {
                long value = Math.max(0, Math.min(latency, latencies.getHighestTrackableValue()));
                latencies.recordValue(value);
                thisSecond.recordValue(value);
            }
        }

        /** Appends the latencies of the second just past, then starts the next. */
        void second(StringBuilder line) {
            if (open.get() == 0) {
                return;
            }
            synchronized (latencies) {
                line.append(String.format("  %s n=%d p50=%.1f p99=%.1f max=%.1f ms", name, thisSecond.getTotalCount(),
                        thisSecond.getValueAtPercentile(50) / 1e6, thisSecond.getValueAtPercentile(99) / 1e6,
                        thisSecond.getMaxValue() / 1e6));
                thisSecond.reset();
            }
        }

        void report(double elapsed) {
            if (open.get() == 0) {
                return;
            }
            synchronized (latencies) {
                System.out.printf("%-12s %5d subscribers (%d closed early): %9.0f events/s delivered, latency p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                        name, open.get(), closedEarly.get(), received.get() / elapsed,
                        latencies.getValueAtPercentile(50) / 1e6, latencies.getValueAtPercentile(99) / 1e6,
                        latencies.getMaxValue() / 1e6);
            }
        }
    }
}
