import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.Stream;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * N SSE subscribers on one channel of an MQTT-backed API at the gateway, next to one client reading the
 * broker directly, while this process publishes events straight to the broker at a fixed rate. Every
 * payload carries its send time (System.nanoTime of this JVM), so latencies are publish-to-deliver on
 * one clock. Reports events/s delivered and p50/p99/max latency for the gateway's subscribers and for
 * the direct client. Bounded: it publishes `events` events and waits at most 30 s for the last ones.
 *
 * Usage: java -cp paho.jar SourceFanOutBench.java sseUrl apiKey mqttUri topic subscribers events ratePerSecond
 */
public class SourceFanOutBench {

    public static void main(String[] args) throws Exception {
        URI sse = URI.create(args[0]);
        String apiKey = args[1];
        String broker = args[2];
        String topic = args[3];
        int subscribers = Integer.parseInt(args[4]);
        int events = Integer.parseInt(args[5]);
        int rate = Integer.parseInt(args[6]);

        Recorder viaGateway = new Recorder((long) subscribers * events);
        Recorder direct = new Recorder(events);
        CountDownLatch open = new CountDownLatch(subscribers);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        List<Thread> readers = new ArrayList<>();
        for (int i = 0; i < subscribers; i++) {
            readers.add(Thread.ofVirtual().start(() -> {
                try {
                    HttpResponse<Stream<String>> response = http.send(HttpRequest.newBuilder(sse).header("Accept", "text/event-stream")
                            .header("X-API-Key", apiKey).GET().build(), HttpResponse.BodyHandlers.ofLines());
                    open.countDown();
                    response.body().forEach(line -> {
                        if (line.startsWith("data: ")) {
                            viaGateway.record(line.substring(6));
                        }
                    });
                } catch (Exception e) {
                    open.countDown();
                }
            }));
        }
        if (!open.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the SSE streams did not open");
        }
        MqttClient reader = new MqttClient(broker, "bench-direct-" + ProcessHandle.current().pid(), new MemoryPersistence());
        reader.setCallback(new Callback(direct));
        reader.connect();
        reader.subscribe(topic, 1);
        Thread.sleep(2_000);

        MqttClient publisher = new MqttClient(broker, "bench-publisher-" + ProcessHandle.current().pid(), new MemoryPersistence());
        publisher.connect();
        long started = System.nanoTime();
        long interval = 1_000_000_000L / rate;
        for (int n = 0; n < events; n++) {
            long due = started + n * interval;
            while (System.nanoTime() < due) {
                Thread.onSpinWait();
            }
            publisher.publish(topic, ("{\"t\":" + System.nanoTime() + ",\"n\":" + n + "}").getBytes(StandardCharsets.US_ASCII), 0, false);
        }
        long published = System.nanoTime();
        long deadline = published + TimeUnit.SECONDS.toNanos(30);
        while ((viaGateway.count() < (long) subscribers * events || direct.count() < events) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        double seconds = (Math.max(viaGateway.last(), published) - started) / 1e9;
        System.out.printf("published %d events in %.1f s (%d/s asked) to %s%n", events, (published - started) / 1e9, rate, topic);
        System.out.printf("%-28s %12s %12s %10s %10s %10s%n", "reader", "delivered", "events/s", "p50 ms", "p99 ms", "max ms");
        direct.print("broker directly (1 client)", (Math.max(direct.last(), published) - started) / 1e9);
        viaGateway.print("gateway SSE (" + subscribers + " subscribers)", seconds);
        publisher.disconnect();
        reader.disconnect();
        http.shutdownNow();
        readers.forEach(Thread::interrupt);
        System.exit(0);
    }

    private record Callback(Recorder recorder) implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            recorder.record(new String(message.getPayload(), StandardCharsets.US_ASCII));
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }

    /** Latencies in microseconds, kept in an array sized for every expected delivery. */
    private static final class Recorder {
        private final AtomicLongArray micros;
        private final AtomicLong count = new AtomicLong();
        private volatile long last;

        Recorder(long expected) {
            micros = new AtomicLongArray((int) Math.min(expected, 50_000_000));
        }

        void record(String payload) {
            long now = System.nanoTime();
            int start = payload.indexOf("\"t\":") + 4;
            long sent = Long.parseLong(payload.substring(start, payload.indexOf(',', start)));
            long index = count.getAndIncrement();
            if (index < micros.length()) {
                micros.set((int) index, (now - sent) / 1_000);
            }
            last = now;
        }

        long count() {
            return count.get();
        }

        long last() {
            return last;
        }

        void print(String name, double seconds) {
            int n = (int) Math.min(count.get(), micros.length());
            long[] sorted = new long[n];
            for (int i = 0; i < n; i++) {
                sorted[i] = micros.get(i);
            }
            Arrays.sort(sorted);
            System.out.printf("%-28s %12d %12.0f %10.1f %10.1f %10.1f%n", name, count.get(), count.get() / seconds,
                    at(sorted, 0.50), at(sorted, 0.99), n == 0 ? 0 : sorted[n - 1] / 1000.0);
        }

        private static double at(long[] sorted, double quantile) {
            return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * quantile))] / 1000.0;
        }
    }
}
