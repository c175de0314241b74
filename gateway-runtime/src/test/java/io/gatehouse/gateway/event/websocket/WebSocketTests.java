package io.gatehouse.gateway.event.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.gatehouse.core.plan.Approval;
import io.gatehouse.core.plan.PlanAuth;
import io.gatehouse.core.plan.PlanSpec;
import io.gatehouse.core.plan.PlanSpec.Permission;
import io.gatehouse.core.plan.RateLimit;
import io.gatehouse.gateway.event.EventApiFixtures;
import io.gatehouse.gateway.event.EventGatewaySupport;
import io.gatehouse.gateway.event.stream.StreamHub;
import io.gatehouse.gateway.proxy.ProxyProperties;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.WebSocketFrame;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/** Receiving and publishing events over real WebSockets (the JDK client), and every way the gateway closes one. */
class WebSocketTests extends EventGatewaySupport {

    private static final Duration WITHIN = Duration.ofSeconds(10);
    private static final Pattern EVENT_ID = Pattern.compile("\\{\"id\":\"(\\d+)\"}");

    @Autowired
    ApplicationContext context;
    @Autowired
    StreamHub streams;

    @Test
    void eventsArriveAsJsonFramesWithTheirIds() throws Exception {
        Published api = eventApi(Permission.SUBSCRIBE, Permission.PUBLISH);
        Caller caller = subscribe(api);
        String path = api.context() + "/lights/42/measured";
        WsClient socket = ws(path, caller.apiKey());
        JsonNode ready = socket.next(WITHIN);
        assertThat(ready.toString()).isEqualTo("{\"type\":\"ready\",\"subscribe\":true,\"publish\":true}");

        String json = publish(path, caller.apiKey(), "application/json", "{\"lux\": 1200}".getBytes(StandardCharsets.UTF_8));
        String text = publish(path, caller.apiKey(), "text/plain", "first line\nsecond \"line\"".getBytes(StandardCharsets.UTF_8));
        String binary = publish(path, caller.apiKey(), "application/octet-stream", new byte[] {0, 1, 2, (byte) 255});
        publish(api.context() + "/lights/7/measured", caller.apiKey(), "text/plain", "another light".getBytes(StandardCharsets.UTF_8));

        List<JsonNode> events = socket.events(3, WITHIN);
        assertThat(events.get(0).path("id").asString()).isEqualTo(json);
        assertThat(events.get(0).path("channel").asString()).isEqualTo("lights/measured");
        assertThat(events.get(0).path("contentType").asString()).isEqualTo("application/json");
        assertThat(events.get(0).path("publishedAt").asString()).isNotBlank();
        assertThat(events.get(0).path("data").path("lux").asInt()).isEqualTo(1200);
        assertThat(events.get(1).path("id").asString()).isEqualTo(text);
        assertThat(events.get(1).path("data").asString()).isEqualTo("first line\nsecond \"line\"");
        assertThat(events.get(2).path("id").asString()).isEqualTo(binary);
        assertThat(events.get(2).path("base64").asBoolean()).isTrue();
        assertThat(Base64.getDecoder().decode(events.get(2).path("data").asString())).containsExactly(0, 1, 2, 255);
        Thread.sleep(300);
        assertThat(socket.pending()).noneMatch(message -> message.contains("another light"));
    }

    @Test
    void aPublishIsAcknowledgedWithItsIdStoredDeliveredAndMetered() throws Exception {
        Published api = eventApi(Permission.SUBSCRIBE, Permission.PUBLISH);
        Caller device = subscribe(api);
        Caller dashboard = subscribe(api);
        String path = api.context() + "/lights/3/measured";
        WsClient reader = ws(path, dashboard.apiKey());
        reader.next("ready", WITHIN);
        WsClient writer = ws(path, device.apiKey());
        writer.next("ready", WITHIN);

        writer.send("{\"type\":\"publish\",\"ref\":\"m-1\",\"data\":{\"lux\":900}}");
        JsonNode ack = writer.next("ack", WITHIN);
        writer.send("{\"type\":\"publish\",\"ref\":7,\"contentType\":\"image/png\",\"base64\":true,\"data\":\"AAEC\"}");
        JsonNode second = writer.next("ack", WITHIN);

        assertThat(ack.path("ref").asString()).isEqualTo("m-1");
        assertThat(second.path("ref").asString()).isEqualTo("7");
        List<JsonNode> events = reader.events(2, WITHIN);
        assertThat(events.get(0).path("id").asString()).isEqualTo(ack.path("id").asString());
        assertThat(events.get(0).path("data").toString()).isEqualTo("{\"lux\":900}");
        assertThat(events.get(1).path("contentType").asString()).isEqualTo("image/png");
        assertThat(events.get(1).path("data").asString()).isEqualTo("AAEC");
        assertThat(jdbc.queryForObject("select content_type from event_message where id = ?", String.class,
                Long.parseLong(ack.path("id").asString()))).isEqualTo("application/json");
        await().atMost(WITHIN).untilAsserted(() -> assertThat(jdbc.queryForList(
                "select request_bytes from usage_record where api_id = ? and kind = 'EVENT' and method = 'PUBLISH' order by request_bytes",
                Long.class, api.api().getId())).containsExactly(3L, 11L));
        assertThat(jdbc.queryForObject("select count(*) from usage_record where api_id = ? and kind = 'EVENT' and method = 'DELIVER'"
                + " and subscription_id = ?", Long.class, api.api().getId(), dashboard.subscription().getId())).isEqualTo(2);
    }

    @Test
    void publishingWithoutPermissionClosesWithPolicyViolation() throws Exception {
        Published api = eventApi(Permission.SUBSCRIBE);
        Caller caller = subscribe(api);
        WsClient socket = ws(api.context() + "/lights/1/measured", caller.apiKey());
        assertThat(socket.next(WITHIN).toString()).isEqualTo("{\"type\":\"ready\",\"subscribe\":true,\"publish\":false}");

        socket.send("{\"type\":\"publish\",\"data\":{}}");

        WsClient.Closed closed = socket.closed(WITHIN);
        assertThat(closed.code()).isEqualTo(1008);
        assertThat(closed.reason()).contains("does not permit PUBLISH");
        assertThat(jdbc.queryForObject("select count(*) from event_message where api_id = ?", Long.class, api.api().getId())).isZero();
    }

    @Test
    void aPublishPastTheRateLimitGetsAnErrorFrameAndTheSocketStaysOpen() throws Exception {
        Published api = eventApi(new PlanSpec("Two per 2 s", PlanAuth.API_KEY, List.of(new RateLimit(2, "PT2S")), null,
                Approval.AUTO, List.of(Permission.PUBLISH), null));
        Caller device = subscribe(api);
        WsClient socket = ws(api.context() + "/lights/1/measured", device.apiKey());
        socket.next("ready", WITHIN);

        socket.send("{\"type\":\"publish\",\"ref\":\"a\",\"data\":1}");
        socket.send("{\"type\":\"publish\",\"ref\":\"b\",\"data\":2}");
        socket.send("{\"type\":\"publish\",\"ref\":\"c\",\"data\":3}");

        assertThat(socket.next(WITHIN).path("type").asString()).isEqualTo("ack");
        assertThat(socket.next(WITHIN).path("type").asString()).isEqualTo("ack");
        JsonNode refused = socket.next(WITHIN);
        assertThat(refused.path("type").asString()).isEqualTo("error");
        assertThat(refused.path("ref").asString()).isEqualTo("c");
        assertThat(refused.path("status").asInt()).isEqualTo(429);
        assertThat(refused.path("retryAfter").asInt()).as("seconds until the window has room").isBetween(1, 2);
        assertThat(refused.path("problemType").asString()).isEqualTo("https://gatehouse.dev/problems/quota-exceeded");
        assertThat(refused.path("title").asString()).isEqualTo("Too Many Requests");
        assertThat(refused.path("detail").asString()).startsWith("Rate limit exceeded: at most 2 calls per");
        // the socket stays open: once the window has passed, the next publish is taken
        Thread.sleep(2_100);
        socket.send("{\"type\":\"publish\",\"ref\":\"d\",\"data\":4}");
        JsonNode later = socket.next(WITHIN);
        assertThat(later.path("type").asString()).as(later.toString()).isEqualTo("ack");
        assertThat(later.path("ref").asString()).isEqualTo("d");
        assertThat(jdbc.queryForList("select convert_from(payload, 'UTF8') from event_message where api_id = ? order by id",
                String.class, api.api().getId())).containsExactly("1", "2", "4");
    }

    @Test
    void aCallerWhoMayNeitherSubscribeNorPublishOnTheChannelIsClosedWithPolicyViolation() throws Exception {
        Published api = eventApi(Permission.PUBLISH);
        Caller caller = subscribe(api);

        WsClient socket = ws(api.context() + "/alerts", caller.apiKey());

        JsonNode closing = socket.next(WITHIN);
        assertThat(closing.path("type").asString()).isEqualTo("closing");
        assertThat(closing.path("code").asInt()).isEqualTo(1008);
        assertThat(closing.path("reason").asString()).contains("does not permit SUBSCRIBE");
        WsClient.Closed closed = socket.closed(WITHIN);
        assertThat(closed.code()).isEqualTo(1008);
        assertThat(closed.reason()).contains("does not permit SUBSCRIBE");
    }

    @Test
    void aBadKeyOrNoKeyClosesWithPolicyViolationAndTheWholeReasonComesFirst() throws Exception {
        Published api = eventApi(Permission.SUBSCRIBE);

        WsClient wrong = ws(api.context() + "/alerts", "gh_not-a-key");
        JsonNode closing = wrong.next(WITHIN);
        WsClient.Closed closed = wrong.closed(WITHIN);
        WsClient none = ws(api.context() + "/alerts", null);

        assertThat(closing.path("type").asString()).isEqualTo("closing");
        assertThat(closing.path("code").asInt()).isEqualTo(1008);
        assertThat(closing.path("reason").asString()).isEqualTo("The API key is unknown, revoked or expired.");
        assertThat(closed).isEqualTo(new WsClient.Closed(1008, "The API key is unknown, revoked or expired."));
        assertThat(none.closed(WITHIN).code()).isEqualTo(1008);
        assertThat(none.closed(WITHIN).reason()).contains("needs an API key");
        await().atMost(WITHIN).untilAsserted(() -> assertThat(jdbc.queryForList(
                "select status from usage_record where api_id = ? and kind = 'CALL' and outcome = 'REJECTED'", Integer.class,
                api.api().getId())).containsExactly(401, 401));
    }

    @Test
    void browsersSendTheirKeyAsASubprotocol() throws Exception {
        Published api = eventApi(Permission.SUBSCRIBE);
        Caller caller = subscribe(api);

        WsClient socket = WsClient.connect(gatewayWs(api.context() + "/alerts"), Map.of(),
                List.of("gatehouse.v1", "gatehouse.key." + caller.apiKey()));
        open.add(socket);

        assertThat(socket.subprotocol()).isEqualTo("gatehouse.v1");
        assertThat(socket.next(WITHIN).path("type").asString()).isEqualTo("ready");
    }

    @Test
    void anUnknownChannelRefusesTheHandshake() {
        Published api = eventApi(Permission.SUBSCRIBE);
        Caller caller = subscribe(api);

        assertThatThrownBy(() -> ws(api.context() + "/nowhere", caller.apiKey()))
                .isInstanceOfSatisfying(WebSocketHandshakeException.class,
                        refused -> assertThat(refused.getResponse().statusCode()).isEqualTo(404));
    }

    @Test
    void malformedFramesCloseWithAReason() throws Exception {
        Published api = eventApi(Permission.SUBSCRIBE, Permission.PUBLISH);
        Caller caller = subscribe(api);
        String path = api.context() + "/lights/1/measured";

        assertThat(closeAfter(path, caller, socket -> socket.send("lux=1200")))
                .satisfies(closed -> assertThat(closed.code()).isEqualTo(1007))
                .satisfies(closed -> assertThat(closed.reason()).startsWith("A frame must be JSON"));
        assertThat(closeAfter(path, caller, socket -> socket.send("[1,2]")).code()).isEqualTo(1007);
        assertThat(closeAfter(path, caller, socket -> socket.send("{\"type\":\"publish\"}")))
                .isEqualTo(new WsClient.Closed(1007, "A publish needs \"data\": the event's payload."));
        assertThat(closeAfter(path, caller, socket -> socket.send("{\"type\":\"publish\",\"base64\":true,\"data\":\"***\"}")).code())
                .isEqualTo(1007);
        assertThat(closeAfter(path, caller, socket -> socket.send("{\"type\":\"subscribe\",\"channel\":\"alerts\"}")))
                .satisfies(closed -> assertThat(closed.code()).isEqualTo(1003))
                .satisfies(closed -> assertThat(closed.reason()).contains("'subscribe' are not supported"));
        assertThat(closeAfter(path, caller, socket -> socket.sendBinary(new byte[] {1, 2, 3})))
                .satisfies(closed -> assertThat(closed.code()).isEqualTo(1003))
                .satisfies(closed -> assertThat(closed.reason()).startsWith("Binary frames are not accepted"));
        assertThat(jdbc.queryForObject("select count(*) from event_message where api_id = ?", Long.class, api.api().getId())).isZero();
    }

    /**
     * With the Vert.x client (the JDK's stops sending messages of 32 MiB and more, and this context's limit is past
     * that): one frame larger than the limit, a message of frames that grows past it, a payload past the body size.
     */
    @Test
    void aMessageLargerThanTheGatewayTakesClosesWithMessageTooBig() throws Exception {
        Published api = eventApi(Permission.SUBSCRIBE, Permission.PUBLISH);
        Caller caller = subscribe(api);
        String path = api.context() + "/lights/1/measured";
        ProxyProperties limits = context.getBean(ProxyProperties.class);
        int max = WebSocketEntrypoint.maxMessageBytes(limits);
        long payloadLimit = limits.maxBodySize().toBytes();
        Vertx vertx = Vertx.vertx();
        try {
            String tooLong = "{\"type\":\"publish\",\"data\":\"" + "x".repeat(max) + "\"}";
            WebSocket oneFrame = vertxSocket(vertx, path, caller, max + 1024);
            oneFrame.writeFrame(WebSocketFrame.textFrame(tooLong, true));
            WebSocket fragments = vertxSocket(vertx, path, caller, 64 * 1024);
            fragments.writeTextMessage(tooLong);
            WebSocket payload = vertxSocket(vertx, path, caller, 64 * 1024);
            payload.writeTextMessage("{\"type\":\"publish\",\"base64\":true,\"data\":\""
                    + Base64.getEncoder().encodeToString(new byte[(int) payloadLimit + 1]) + "\"}");

            await().atMost(Duration.ofSeconds(30)).until(() -> oneFrame.isClosed() && fragments.isClosed() && payload.isClosed());
            // the gateway stops reading an oversized frame at its header and closes at once: the close frame (1009) is sent,
            // but the client, still sending, may see the connection reset first (1006)
            assertThat(oneFrame.closeStatusCode()).isIn((short) 1009, (short) 1006);
            assertThat(fragments.closeStatusCode()).isEqualTo((short) 1009);
            assertThat(fragments.closeReason()).contains("maximum body size");
            assertThat(payload.closeStatusCode()).isEqualTo((short) 1009);
            assertThat(payload.closeReason()).contains("payload may have at most " + payloadLimit);
        } finally {
            vertx.close().await();
        }
    }

    private WebSocket vertxSocket(Vertx vertx, String path, Caller caller, int maxFrameSize) {
        WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxFrameSize(maxFrameSize)
                .setMaxMessageSize(Integer.MAX_VALUE - 8));
        WebSocket socket = client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(gatewayServer.port())
                .setURI(path).addHeader("X-API-Key", caller.apiKey())).await();
        socket.textMessageHandler(ignored -> { });
        return socket;
    }

    @Test
    void aSubscriberThatDoesNotReadDoesNotDelayAnother() throws Exception {
        Published api = eventApi(Permission.SUBSCRIBE, Permission.PUBLISH);
        Caller caller = subscribe(api);
        String path = api.context() + "/lights/5/measured";
        Socket stalled = new Socket();
        stalled.setReceiveBufferSize(4096);
        stalled.connect(new InetSocketAddress("127.0.0.1", gatewayServer.port()));
        open.add(stalled);
        OutputStream out = stalled.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nX-API-Key: " + caller.apiKey()
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        assertThat(statusLine(stalled.getInputStream())).isEqualTo("HTTP/1.1 101 Switching Protocols");
        WsClient reading = ws(path, caller.apiKey());
        reading.next("ready", WITHIN);

        String big = "x".repeat(64 * 1024);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            ids.add(publish(path, caller.apiKey(), "text/plain", (i + big).getBytes(StandardCharsets.US_ASCII)));
        }

        List<JsonNode> received = reading.events(100, Duration.ofSeconds(30));
        assertThat(received).extracting(event -> event.path("id").asString()).containsExactlyElementsOf(ids);
    }

    @Test
    void aReconnectingClientResumesAfterItsLastEvent() throws Exception {
        Published api = eventApi(Permission.SUBSCRIBE, Permission.PUBLISH);
        Caller caller = subscribe(api);
        String path = api.context() + "/lights/8/measured";
        String first = publish(path, caller.apiKey(), "text/plain", "one".getBytes(StandardCharsets.UTF_8));
        String second = publish(path, caller.apiKey(), "text/plain", "two".getBytes(StandardCharsets.UTF_8));

        WsClient socket = ws(path + "?lastEventId=" + first, caller.apiKey());

        assertThat(socket.events(1, WITHIN).getFirst().path("id").asString()).isEqualTo(second);
    }

    @Test
    void aClientReconnectingWithTheLastEventIdHeaderGetsWhatItMissedOnceInOrder() throws Exception {
        Published api = eventApi(Permission.SUBSCRIBE, Permission.PUBLISH);
        Caller caller = subscribe(api);
        String channelPath = "/lights/6/measured";
        String path = api.context() + channelPath;
        WsClient first = ws(path, caller.apiKey());
        first.next("ready", WITHIN);
        String seen = publish(path, caller.apiKey(), "text/plain", "seen".getBytes(StandardCharsets.UTF_8));
        assertThat(first.events(1, WITHIN).getFirst().path("id").asString()).isEqualTo(seen);
        first.close();
        await().atMost(WITHIN).until(() -> streams.subscribers(api.api().getId(), channelPath) == 0);

        String away1 = publish(path, caller.apiKey(), "text/plain", "away 1".getBytes(StandardCharsets.UTF_8));
        String away2 = publish(path, caller.apiKey(), "text/plain", "away 2".getBytes(StandardCharsets.UTF_8));
        WsClient resumed = WsClient.connect(gatewayWs(path), Map.of("X-API-Key", caller.apiKey(), "Last-Event-ID", seen), List.of());
        open.add(resumed);
        resumed.next("ready", WITHIN);
        String after = publish(path, caller.apiKey(), "text/plain", "after".getBytes(StandardCharsets.UTF_8));

        List<JsonNode> events = resumed.events(3, WITHIN);
        assertThat(events).extracting(event -> event.path("id").asString()).containsExactly(away1, away2, after);
        assertThat(events).extracting(event -> event.path("data").asString()).containsExactly("away 1", "away 2", "after");
        Thread.sleep(300);
        assertThat(resumed.pending()).noneMatch(message -> message.contains("\"type\":\"event\""));
    }

    @Test
    void whenTheGatewayStopsItsSocketsCloseWithGoingAway() throws Exception {
        Published api = eventApi(Permission.SUBSCRIBE);
        Caller caller = subscribe(api);
        WsClient socket = ws(api.context() + "/alerts", caller.apiKey());
        socket.next("ready", WITHIN);

        long started = System.nanoTime();
        try {
            gatewayServer.stop();
            WsClient.Closed closed = socket.closed(WITHIN);
            assertThat(closed.code()).isEqualTo(1001);
            assertThat(closed.reason()).isEqualTo("The gateway is stopping; reconnect.");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        } finally {
            gatewayServer.start();
        }
    }

    private interface SocketAction {
        void on(WsClient socket) throws Exception;
    }

    private WsClient.Closed closeAfter(String path, Caller caller, SocketAction action) throws Exception {
        WsClient socket = ws(path, caller.apiKey());
        socket.next("ready", WITHIN);
        try {
            action.on(socket);
        } catch (RuntimeException sendFailed) {
            // the gateway may close while a large message is still being sent
        }
        return socket.closed(WITHIN);
    }

    private static String statusLine(InputStream in) throws Exception {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\r') {
            line.append((char) c);
        }
        return line.toString();
    }

    private Published eventApi(Permission... permissions) {
        Published published = new EventApiFixtures(context).publish(permissions);
        awaitServingCurrentRegistry();
        return published;
    }

    private Published eventApi(PlanSpec plan) {
        Published published = new EventApiFixtures(context).publish(plan);
        awaitServingCurrentRegistry();
        return published;
    }

    private String publish(String path, String apiKey, String contentType, byte[] body) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(gateway(path)).header("X-API-Key", apiKey)
                .header("Content-Type", contentType).timeout(WITHIN).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        Matcher matcher = EVENT_ID.matcher(response.body());
        assertThat(matcher.matches()).as(response.body()).isTrue();
        return matcher.group(1);
    }
}
