package io.gatehouse.gateway.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.core.credential.ApiKeySpec;
import io.gatehouse.core.plan.Approval;
import io.gatehouse.core.plan.Plan;
import io.gatehouse.core.plan.PlanAuth;
import io.gatehouse.core.plan.PlanSpec;
import io.gatehouse.core.plan.PlanSpec.Permission;
import io.gatehouse.core.plan.Quota;
import io.gatehouse.core.plan.RateLimit;
import io.gatehouse.core.plan.StreamLimits;
import io.gatehouse.gateway.GatewayIntegrationSupport;
import io.gatehouse.gateway.TestIssuer;
import io.gatehouse.gateway.event.sse.SseClient;
import io.gatehouse.gateway.event.websocket.WsClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The policies of streams over both transports, on real connections: credentials that expire, the
 * connection limit of a plan, event quotas, and the rate limit's behaviours (drop or hold back); and, in a
 * gateway of their own, slow consumers with {@code overflow=disconnect}.
 */
class StreamPoliciesTests extends EventGatewaySupport {

    private static final Duration WITHIN = Duration.ofSeconds(10);

    @Autowired
    ApplicationContext context;
    @Autowired
    MeterRegistry meters;

    @Test
    void streamsEndWhenTheirTokenExpires() throws Exception {
        Published api = publish(new PlanSpec("OAuth", PlanAuth.OAUTH2, null, null, Approval.AUTO, List.of(Permission.SUBSCRIBE), null));
        Caller caller = subscribe(api);
        String clientId = registerClient(caller);
        TestIssuer issuer = TestIssuer.builtIn();
        // accepted for the 30 s of clock skew after exp, so it ends about 3 s from now
        String expiring = issuer.sign(issuer.claims(clientId).expirationTime(Date.from(Instant.now().minusSeconds(27))).build());
        String lasting = issuer.token(clientId);

        WsClient socket = ws(api.context() + "/alerts", Map.of("Authorization", "Bearer " + expiring));
        socket.next("ready", WITHIN);
        SseClient stream = sse(api.context() + "/alerts", Map.of("Authorization", "Bearer " + expiring));
        assertThat(stream.response().statusCode()).isEqualTo(200);
        WsClient lastingSocket = ws(api.context() + "/alerts", Map.of("Authorization", "Bearer " + lasting));
        lastingSocket.next("ready", WITHIN);

        WsClient.Closed closed = socket.closed(WITHIN);
        assertThat(closed.code()).isEqualTo(1008);
        assertThat(closed.reason()).startsWith("The credential of this stream expired at");
        assertThat(stream.ended(WITHIN)).isTrue();
        assertThat(lastingSocket.isClosed()).isFalse();
    }

    @Test
    void badAndExpiredTokensAreRefusedAtConnect() throws Exception {
        Published api = publish(new PlanSpec("OAuth", PlanAuth.OAUTH2, null, null, Approval.AUTO, List.of(Permission.SUBSCRIBE), null));
        String clientId = registerClient(subscribe(api));
        TestIssuer issuer = TestIssuer.builtIn();
        String expired = issuer.sign(issuer.claims(clientId).expirationTime(Date.from(Instant.now().minusSeconds(120))).build());

        WsClient.Closed garbage = ws(api.context() + "/alerts", Map.of("Authorization", "Bearer not.a.token")).closed(WITHIN);
        WsClient.Closed late = ws(api.context() + "/alerts", Map.of("Authorization", "Bearer " + expired)).closed(WITHIN);
        HttpResponse<String> sse = send(HttpRequest.newBuilder(gateway(api.context() + "/alerts")).header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + expired).timeout(WITHIN).GET().build());

        assertThat(garbage).isEqualTo(new WsClient.Closed(1008, "The token is not a signed JWT."));
        assertThat(late.code()).isEqualTo(1008);
        assertThat(late.reason()).contains("Expired JWT");
        assertThat(sse.statusCode()).isEqualTo(401);
    }

    @Test
    void aStreamOpenedWithAnApiKeyEndsWhenTheKeyExpires() throws Exception {
        Published api = publish(new PlanSpec("Keys", PlanAuth.API_KEY, null, null, Approval.AUTO, List.of(Permission.SUBSCRIBE), null));
        Caller caller = subscribe(api);
        String expiring = apiKeyService.issue(caller.application().getId(), new ApiKeySpec("short", Instant.now().plusSeconds(4)))
                .plaintext();
        awaitServingCurrentRegistry();

        WsClient socket = ws(api.context() + "/alerts", Map.of("X-API-Key", expiring));
        socket.next("ready", WITHIN);

        assertThat(socket.closed(WITHIN).code()).isEqualTo(1008);
    }

    @Test
    void aPlanLimitsTheOpenStreamsOfEachSubscriptionOverBothTransports() throws Exception {
        Published api = publish(new PlanSpec("One at a time", PlanAuth.API_KEY, null, null, Approval.AUTO,
                List.of(Permission.SUBSCRIBE), null, null, new StreamLimits(1, null)));
        Caller caller = subscribe(api);
        Caller other = subscribe(api);
        String path = api.context() + "/alerts";

        WsClient first = ws(path, Map.of("X-API-Key", caller.apiKey()));
        first.next("ready", WITHIN);
        WsClient second = ws(path, Map.of("X-API-Key", caller.apiKey()));
        HttpResponse<String> sse = send(HttpRequest.newBuilder(gateway(path)).header("Accept", "text/event-stream")
                .header("X-API-Key", caller.apiKey()).timeout(WITHIN).GET().build());
        WsClient another = ws(path, Map.of("X-API-Key", other.apiKey()));

        WsClient.Closed refused = second.closed(WITHIN);
        assertThat(refused.code()).isEqualTo(1013);
        assertThat(refused.reason()).contains("1 open stream");
        assertThat(sse.statusCode()).isEqualTo(429);
        assertThat(sse.body()).contains("https://gatehouse.dev/problems/too-many-connections");
        assertThat(another.next(WITHIN).path("type").asString()).isEqualTo("ready");

        first.close();
        await().atMost(WITHIN).untilAsserted(() -> {
            try (WsClient again = WsClient.connect(gatewayWs(path), Map.of("X-API-Key", caller.apiKey()), List.of())) {
                assertThat(again.next(WITHIN).path("type").asString()).isEqualTo("ready");
            }
        });
    }

    @Test
    void deliveredEventsCountAgainstTheQuotaAndEndTheStreamPastIt() throws Exception {
        Published readers = publish(new PlanSpec("Readers", PlanAuth.API_KEY, null, new Quota(2, Quota.Period.DAY, Quota.OnExceed.BLOCK),
                Approval.AUTO, List.of(Permission.SUBSCRIBE), null));
        Caller reader = subscribe(readers);
        Caller writer = subscribe(writers(readers, null));
        String path = readers.context() + "/lights/1/measured";
        WsClient socket = ws(path, Map.of("X-API-Key", reader.apiKey()));
        socket.next("ready", WITHIN);

        for (int i = 0; i < 3; i++) {
            assertThat(post(path, writer.apiKey(), "{\"n\":" + i + "}").statusCode()).isEqualTo(202);
        }

        assertThat(socket.events(2, WITHIN)).extracting(event -> event.path("data").path("n").asInt()).containsExactly(0, 1);
        WsClient.Closed closed = socket.closed(WITHIN);
        assertThat(closed.code()).isEqualTo(1013);
        assertThat(closed.reason()).startsWith("Quota exceeded: at most 2 events per day");
        HttpResponse<String> again = send(HttpRequest.newBuilder(gateway(path)).header("Accept", "text/event-stream")
                .header("X-API-Key", reader.apiKey()).timeout(WITHIN).GET().build());
        assertThat(again.statusCode()).isEqualTo(429);
        assertThat(again.headers().firstValue("Retry-After")).isPresent();
        await().atMost(WITHIN).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "select count(*) from usage_record where subscription_id = ? and kind = 'EVENT' and method = 'DELIVER'", Long.class,
                reader.subscription().getId())).isEqualTo(2));
    }

    @Test
    void publishesCountAgainstTheQuotaAndAreRefusedPastItWithoutClosingTheSocket() throws Exception {
        Published api = publish(new PlanSpec("Devices", PlanAuth.API_KEY, null, new Quota(2, Quota.Period.MONTH, Quota.OnExceed.BLOCK),
                Approval.AUTO, List.of(Permission.PUBLISH), null));
        Caller device = subscribe(api);
        String path = api.context() + "/lights/1/measured";
        WsClient socket = ws(path, Map.of("X-API-Key", device.apiKey()));
        assertThat(socket.next(WITHIN).toString()).isEqualTo("{\"type\":\"ready\",\"subscribe\":false,\"publish\":true}");

        socket.send("{\"type\":\"publish\",\"ref\":\"a\",\"data\":1}");
        socket.send("{\"type\":\"publish\",\"ref\":\"b\",\"data\":2}");
        socket.send("{\"type\":\"publish\",\"ref\":\"c\",\"data\":3}");

        assertThat(socket.next(WITHIN).path("type").asString()).isEqualTo("ack");
        assertThat(socket.next(WITHIN).path("type").asString()).isEqualTo("ack");
        JsonNode refused = socket.next(WITHIN);
        assertThat(refused.path("type").asString()).isEqualTo("error");
        assertThat(refused.path("ref").asString()).isEqualTo("c");
        assertThat(refused.path("status").asInt()).isEqualTo(429);
        assertThat(refused.path("detail").asString()).startsWith("Quota exceeded: at most 2 events per month");
        assertThat(socket.isClosed()).isFalse();
        assertThat(post(path, device.apiKey(), "4").statusCode()).isEqualTo(429);
        assertThat(jdbc.queryForObject("select count(*) from event_message where api_id = ?", Long.class, api.api().getId()))
                .isEqualTo(2);
    }

    @Test
    void pastTheRateLimitEventsAreDroppedAndCounted() throws Exception {
        Published readers = publish(new PlanSpec("Slow readers", PlanAuth.API_KEY, List.of(new RateLimit(2, "PT10S")), null,
                Approval.AUTO, List.of(Permission.SUBSCRIBE), null));
        Caller reader = subscribe(readers);
        Caller writer = subscribe(writers(readers, null));
        String path = readers.context() + "/lights/2/measured";
        WsClient socket = ws(path, Map.of("X-API-Key", reader.apiKey()));
        socket.next("ready", WITHIN);
        double droppedBefore = dropped();

        for (int i = 0; i < 5; i++) {
            post(path, writer.apiKey(), Integer.toString(i));
        }

        assertThat(socket.events(2, WITHIN)).extracting(event -> event.path("data").asInt()).containsExactly(0, 1);
        await().atMost(WITHIN).until(() -> dropped() - droppedBefore >= 3);
        assertThat(socket.pending()).noneMatch(message -> message.contains("\"event\""));
    }

    @Test
    void aPlanThatHoldsBackDeliversEveryEventAsTheWindowAllows() throws Exception {
        Published readers = publish(new PlanSpec("Patient readers", PlanAuth.API_KEY, List.of(new RateLimit(2, "PT1S")), null,
                Approval.AUTO, List.of(Permission.SUBSCRIBE), null, null, new StreamLimits(null, StreamLimits.OverRateLimit.HOLD)));
        Caller reader = subscribe(readers);
        Caller writer = subscribe(writers(readers, null));
        String path = readers.context() + "/lights/3/measured";
        SseClient stream = sse(path, Map.of("X-API-Key", reader.apiKey()));
        stream.line(WITHIN);

        long started = System.nanoTime();
        for (int i = 0; i < 6; i++) {
            post(path, writer.apiKey(), Integer.toString(i));
        }

        assertThat(stream.events(6, Duration.ofSeconds(20))).extracting(SseClient.Event::data)
                .containsExactly("0", "1", "2", "3", "4", "5");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofMillis(1500));
    }

    private double dropped() {
        return meters.counter("gatehouse.events.dropped", "transport", "websocket", "reason", "policy").count();
    }

    /** Another plan of {@code api} for publishers, without limits. */
    private Published writers(Published api, Quota quota) {
        Plan plan = planService.create(api.api().getId(), new PlanSpec("Writers " + UUID.randomUUID(), PlanAuth.API_KEY, null, quota,
                Approval.AUTO, List.of(Permission.PUBLISH), null));
        awaitServingCurrentRegistry();
        return new Published(api.api(), plan);
    }

    private Published publish(PlanSpec plan) {
        Published published = new EventApiFixtures(context).publish(plan);
        awaitServingCurrentRegistry();
        return published;
    }

    private String registerClient(Caller caller) {
        String id = "client-" + UUID.randomUUID();
        jdbc.update("insert into oauth_client (application_id, client_id, secret_hash) values (?, ?, 'unused')",
                caller.application().getId(), id);
        awaitServingCurrentRegistry();
        return id;
    }

    private WsClient ws(String path, Map<String, String> headers) throws Exception {
        WsClient client = WsClient.connect(gatewayWs(path), headers, List.of());
        open.add(client);
        return client;
    }

    private SseClient sse(String path, Map<String, String> headers) throws Exception {
        SseClient client = new SseClient(gateway(path), headers);
        open.add(client);
        return client;
    }

    private HttpResponse<String> post(String path, String apiKey, String json) {
        return post(path, apiKey, "application/json", json);
    }

    /**
     * A gateway whose streams hold at most 4 events for a slow client and end the stream when that is not
     * enough. The clients that stop reading are raw sockets with a small receive buffer, so that the
     * gateway's writes back up into the stream's queue.
     */
    @Nested
    @TestPropertySource(properties = {"gatehouse.gateway.events.subscriber-queue=4", "gatehouse.gateway.events.overflow=disconnect"})
    class SlowConsumersDisconnected extends GatewayIntegrationSupport {

        private static final Pattern EVENT_ID = Pattern.compile("\\{\"id\":\"([^\"]+)\"}");
        private static final String BIG = "x".repeat(64 * 1024);

        @Autowired
        ApplicationContext gatewayContext;
        @Autowired
        MeterRegistry gatewayMeters;

        @Test
        void aSocketThatDoesNotReadIsClosedWithTryAgainLaterWhileAnotherOnTheChannelReceivesEveryEvent() throws Exception {
            SubscribedCaller caller = subscribed();
            String path = "/lights/5/measured";
            DataInputStream stalled = stalledUpgrade(caller, path);
            assertThat(nextFrame(stalled).text()).contains("\"type\":\"ready\"");
            WsClient reading = WsClient.connect(URI.create("ws://127.0.0.1:" + gatewayServer.port() + caller.path(path)),
                    Map.of("X-API-Key", caller.apiKey()), List.of());
            open.add(reading);
            reading.next("ready", WITHIN);
            double before = disconnects("websocket");

            // each event is published once the reader has the one before, so that its own queue never fills
            List<String> published = new ArrayList<>();
            List<String> received = new ArrayList<>();
            while (disconnects("websocket") == before) {
                assertThat(published).as("events published without an overflow").hasSizeLessThan(300);
                published.add(publish(caller, path, published.size() + BIG));
                received.add(reading.events(1, WITHIN).getFirst().path("id").asString());
            }
            for (int n = 0; n < 3; n++) {
                published.add(publish(caller, path, "after " + n));
            }
            reading.events(3, WITHIN).forEach(event -> received.add(event.path("id").asString()));

            assertThat(received).containsExactlyElementsOf(published);
            WsClient.Closed closed = closeFrame(stalled);
            assertThat(closed.code()).isEqualTo(1013);
            assertThat(closed.reason()).startsWith("This client reads events slower than they arrive");
            assertThat(reading.isClosed()).isFalse();
        }

        @Test
        void aStreamThatOverflowsEndsAndResumesFromItsLastEventWithoutLoss() throws Exception {
            SubscribedCaller caller = subscribed();
            String path = "/lights/6/measured";
            // the stream resumes from an event published before it: so it surely gets every later one, joined or not yet
            String before = publish(caller, path, "before");
            DataInputStream stalled = stalledStream(caller, path, before);

            List<String> ids = publishUntilAStreamOverflows(caller, path, "sse");

            List<SseClient.Event> first = eventsUntilTheEnd(stalled);
            assertThat(first).isNotEmpty().hasSizeLessThan(ids.size());
            SseClient resumed = new SseClient(gateway(caller.path(path)), caller.apiKey(), first.getLast().id());
            open.add(resumed);
            List<SseClient.Event> second = resumed.events(ids.size() - first.size(), Duration.ofSeconds(30));
            List<String> received = new ArrayList<>(first.stream().map(SseClient.Event::id).toList());
            received.addAll(second.stream().map(SseClient.Event::id).toList());
            assertThat(received).containsExactlyElementsOf(ids);
            String last = publish(caller, path, "last");
            assertThat(resumed.events(1, WITHIN)).extracting(SseClient.Event::id).as("nothing twice before the next event")
                    .containsExactly(last);
        }

        /** The subscriber of a new API on the built-in source whose plan subscribes and publishes. */
        private SubscribedCaller subscribed() {
            Published api = new EventApiFixtures(gatewayContext).publish(Permission.SUBSCRIBE, Permission.PUBLISH);
            Caller caller = subscribe(api);
            awaitServingCurrentRegistry();
            return new SubscribedCaller(api.context(), caller.apiKey());
        }

        private record SubscribedCaller(String context, String apiKey) {
            /** The gateway path of a channel path of the API. */
            String path(String channelPath) {
                return context + channelPath;
            }
        }

        /** Publishes large events until a stream of {@code transport} is disconnected for its full queue; their ids. */
        private List<String> publishUntilAStreamOverflows(SubscribedCaller caller, String path, String transport) {
            double before = disconnects(transport);
            List<String> ids = new ArrayList<>();
            while (disconnects(transport) == before) {
                assertThat(ids).as("events published without an overflow").hasSizeLessThan(300);
                ids.add(publish(caller, path, ids.size() + BIG));
            }
            return ids;
        }

        private double disconnects(String transport) {
            return gatewayMeters.counter("gatehouse.events.overflow.disconnects", "transport", transport).count();
        }

        private String publish(SubscribedCaller caller, String path, String text) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(gateway(caller.path(path))).header("X-API-Key", caller.apiKey())
                    .header("Content-Type", "text/plain").timeout(WITHIN).POST(HttpRequest.BodyPublishers.ofString(text)).build());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            Matcher id = EVENT_ID.matcher(response.body());
            assertThat(id.matches()).as(response.body()).isTrue();
            return id.group(1);
        }

        /** A socket that reads as little as the test asks it to. */
        private DataInputStream rawRequest(String request) throws IOException {
            Socket socket = new Socket();
            socket.setReceiveBufferSize(4096);
            socket.setSoTimeout((int) WITHIN.toMillis());
            socket.connect(new InetSocketAddress("127.0.0.1", gatewayServer.port()));
            open.add(socket);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1024));
        }

        private DataInputStream stalledUpgrade(SubscribedCaller caller, String path) throws IOException {
            DataInputStream in = rawRequest("GET " + caller.path(path) + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + "X-API-Key: " + caller.apiKey() + "\r\n\r\n");
            assertThat(head(in)).startsWith("HTTP/1.1 101 ");
            return in;
        }

        private DataInputStream stalledStream(SubscribedCaller caller, String path, String lastEventId) throws IOException {
            DataInputStream in = rawRequest("GET " + caller.path(path) + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
                    + "X-API-Key: " + caller.apiKey() + "\r\nLast-Event-ID: " + lastEventId + "\r\n\r\n");
            assertThat(head(in)).startsWith("HTTP/1.1 200 ").containsIgnoringCase("transfer-encoding: chunked");
            return in;
        }

        /** The status line and headers of a response. */
        private static String head(DataInputStream in) throws IOException {
            StringBuilder head = new StringBuilder();
            while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
                head.append((char) in.readUnsignedByte());
            }
            return head.toString();
        }

        private record Frame(int opcode, byte[] payload) {
            String text() {
                return new String(payload, StandardCharsets.UTF_8);
            }
        }

        /** One WebSocket frame from the gateway (server frames are not masked). */
        private static Frame nextFrame(DataInputStream in) throws IOException {
            int first = in.readUnsignedByte();
            long length = in.readUnsignedByte() & 0x7f;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            return new Frame(first & 0x0f, in.readNBytes(Math.toIntExact(length)));
        }

        /** Reads on until the close frame. */
        private static WsClient.Closed closeFrame(DataInputStream in) throws IOException {
            while (true) {
                Frame frame = nextFrame(in);
                if (frame.opcode() == 8) {
                    byte[] payload = frame.payload();
                    return new WsClient.Closed(((payload[0] & 0xff) << 8) | (payload[1] & 0xff),
                            new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8));
                }
            }
        }

        /** The events of a chunked text/event-stream up to its last chunk. */
        private static List<SseClient.Event> eventsUntilTheEnd(DataInputStream in) throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String size = line(in);
                int length = Integer.parseInt(size.split(";")[0].strip(), 16);
                if (length == 0) {
                    break;
                }
                body.write(in.readNBytes(length));
                line(in);
            }
            List<SseClient.Event> events = new ArrayList<>();
            SseClient.EventLines reader = new SseClient.EventLines();
            for (String line : body.toString(StandardCharsets.UTF_8).split("\n", -1)) {
                SseClient.Event event = reader.accept(line);
                if (event != null) {
                    events.add(event);
                }
            }
            return events;
        }

        private static String line(DataInputStream in) throws IOException {
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.readUnsignedByte()) != '\n') {
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }
    }
}
