package io.gatehouse.gateway.event.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.core.api.ApiState;
import io.gatehouse.core.api.event.EventApiService;
import io.gatehouse.core.plan.PlanSpec.Permission;
import io.gatehouse.core.snapshot.GatewaySnapshot.ServedApi;
import io.gatehouse.core.snapshot.GatewaySnapshot.ServedChannel;
import io.gatehouse.core.webhook.RegisteredWebhookEndpoint;
import io.gatehouse.core.webhook.WebhookEndpointService;
import io.gatehouse.core.webhook.WebhookEndpointSpec;
import io.gatehouse.core.webhook.delivery.WebhookOutbox;
import io.gatehouse.gateway.event.EventApiFixtures;
import io.gatehouse.gateway.event.EventGatewaySupport;
import io.gatehouse.gateway.event.sse.SseClient;
import io.gatehouse.gateway.event.sse.SseClient.Event;
import io.gatehouse.gateway.event.stream.StreamHub;
import io.gatehouse.gateway.event.webhook.TestWebhookDispatcher;
import io.gatehouse.gateway.event.webhook.WebhookReceiver;
import io.gatehouse.gateway.event.webhook.WebhookReceiver.Received;
import io.gatehouse.gateway.event.websocket.WsClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * What every broker-backed source does, over real connections: the API's channel
 * {@code lights/{lightId}/measured} is served over SSE, WebSocket and POST, through the broker, and its events
 * reach webhooks once. Each source's test says how its broker is reached and written to directly.
 */
public abstract class BrokerSourceContract extends EventGatewaySupport {

    protected static final Duration WITHIN = Duration.ofSeconds(20);

    @Autowired
    protected ApplicationContext context;
    @Autowired
    WebhookFeeds webhookFeeds;
    @Autowired
    WebhookEndpointService endpoints;
    @Autowired
    WebhookOutbox outbox;
    @Autowired
    protected StreamHub streams;
    @Autowired
    EventSourceConnectors connectors;

    /** The source settings of an API on the test's broker. */
    protected abstract Map<String, Object> source();

    /** Source settings naming a broker that does not answer. */
    protected abstract Map<String, Object> unreachableSource();

    /** Writes {@code payload} to the broker as another application would, for channel {@code lights/{lightId}/measured}. */
    protected abstract void sendDirectly(String lightId, String payload) throws Exception;

    @Test
    void anEventPublishedThroughTheGatewayReachesTheStreamsOfItsPathThroughTheBroker() throws Exception {
        Published api = eventApi(source());
        Caller caller = subscribe(api);
        SseClient light42 = stream(api, "/lights/42/measured", caller.apiKey(), null);
        SseClient again42 = stream(api, "/lights/42/measured", caller.apiKey(), null);
        SseClient light7 = stream(api, "/lights/7/measured", caller.apiKey(), null);
        assertThat(light42.response().statusCode()).isEqualTo(200);
        assertThat(light42.line(WITHIN)).startsWith("retry:");
        assertThat(streams.subscribers(api.api().getId(), "/lights/42/measured")).as("both streams of the path joined its one fan-out, which the source feeds once per node").isEqualTo(2);

        String id = publish(api.context() + "/lights/42/measured", caller.apiKey(), "{\"lux\":1200}");

        assertThat(light42.events(1, WITHIN)).containsExactly(new Event(id, "{\"lux\":1200}"));
        assertThat(again42.events(1, WITHIN)).containsExactly(new Event(id, "{\"lux\":1200}"));
        Thread.sleep(500);
        assertThat(light7.pending()).noneMatch(line -> line.startsWith("data: "));
        await().atMost(WITHIN).untilAsserted(() -> {
            assertThat(usage(api, "PUBLISH")).containsExactly(12L);
            assertThat(usage(api, "DELIVER")).containsExactly(12L, 12L);
        });
    }

    @Test
    void streamsOfASourceThatIsReplacedEnd() throws Exception {
        Published api = eventApi(source());
        Caller caller = subscribe(api);
        SseClient stream = stream(api, "/lights/9/measured", caller.apiKey(), null);

        context.getBean(EventApiService.class).changeSource(api.api().getId(), Map.of("kind", "BUILTIN"), "");

        assertThat(stream.ended(WITHIN)).as("the stream on the old source ends").isTrue();
        awaitServingCurrentRegistry();
        SseClient renewed = stream(api, "/lights/9/measured", caller.apiKey(), null);
        String id = publish(api.context() + "/lights/9/measured", caller.apiKey(), "on the built-in source");
        assertThat(renewed.events(1, WITHIN)).containsExactly(new Event(id, "on the built-in source"));
    }

    @Test
    void anEventSentToTheBrokerDirectlyReachesTheStreamsOfItsPath() throws Exception {
        Published api = eventApi(source());
        Caller caller = subscribe(api);
        SseClient stream = stream(api, "/lights/5/measured", caller.apiKey(), null);
        stream.line(WITHIN);

        sendDirectly("5", "from a device");
        sendDirectly("6", "another light");

        assertThat(stream.events(1, WITHIN)).extracting(Event::data).containsExactly("from a device");
        Thread.sleep(500);
        assertThat(stream.pending()).noneMatch(line -> line.startsWith("data: "));
    }

    @Test
    void aWebSocketReceivesEventsSentToTheBrokerAndPublishedThroughTheGatewayInOrderOnceAndMetered() throws Exception {
        Published api = eventApi(source());
        Caller caller = subscribe(api);
        String path = "/lights/11/measured";
        WsClient socket = ws(api.context() + path, caller.apiKey());
        assertThat(socket.next(WITHIN).toString()).as("ready once joined to the feed")
                .isEqualTo("{\"type\":\"ready\",\"subscribe\":true,\"publish\":true}");

        sendDirectly("11", "device one");
        sendDirectly("12", "another light");
        sendDirectly("11", "device two");
        List<JsonNode> direct = socket.events(2, WITHIN);
        String posted = publish(api.context() + path, caller.apiKey(), "{\"lux\":1200}");
        socket.send("{\"type\":\"publish\",\"ref\":\"m-1\",\"data\":\"from the socket\"}");
        List<JsonNode> published = new ArrayList<>();
        JsonNode ack = null;
        while (published.size() < 2 || ack == null) {
            JsonNode frame = socket.next(WITHIN);
            switch (frame.path("type").asString()) {
                case "event" -> published.add(frame);
                case "ack" -> ack = frame;
                default -> throw new AssertionError("unexpected frame " + frame);
            }
        }

        assertThat(direct).extracting(BrokerSourceContract::payload).containsExactly("device one", "device two");
        assertThat(direct).extracting(event -> event.path("id").asString()).doesNotContain("").doesNotHaveDuplicates();
        assertThat(ack.path("ref").asString()).isEqualTo("m-1");
        assertThat(published).extracting(event -> event.path("id").asString()).containsExactly(posted, ack.path("id").asString());
        assertThat(published).extracting(BrokerSourceContract::payload).containsExactly("{\"lux\":1200}", "from the socket");
        assertThat(direct).extracting(event -> event.path("id").asString())
                .doesNotContainAnyElementsOf(published.stream().map(event -> event.path("id").asString()).toList());
        assertThat(direct).extracting(event -> event.path("channel").asString()).containsOnly("lights/measured");
        Thread.sleep(500);
        assertThat(socket.pending()).as("each event once, none of another path").noneMatch(frame -> frame.contains("\"type\":\"event\""));
        await().atMost(WITHIN).untilAsserted(() -> {
            assertThat(usage(api, "PUBLISH")).containsExactlyInAnyOrder(12L, 15L);
            assertThat(usage(api, "DELIVER")).containsExactlyInAnyOrder(10L, 10L, 12L, 15L);
        });
    }

    @Test
    void eventsReachWebhooksOnceSigned() throws Exception {
        Published api = eventApi(source());
        Caller caller = subscribe(api);
        WebhookReceiver receiver = new WebhookReceiver();
        open.add(receiver);
        RegisteredWebhookEndpoint hook = endpoints.register(caller.subscription().getId(),
                new WebhookEndpointSpec(receiver.url("/hook"), List.of("lights/measured")));
        receiver.secret("/hook", hook.secret());
        awaitServingCurrentRegistry();
        await().atMost(WITHIN).until(() -> webhookFeeds.connected(api.api().getId()));
        open.add(new TestWebhookDispatcher(outbox));

        sendDirectly("3", "{\"direct\":true}");
        publish(api.context() + "/lights/4/measured", caller.apiKey(), "{\"gateway\":true}");

        await().atMost(WITHIN).until(() -> receiver.received("/hook").size() >= 2);
        Thread.sleep(1_000);
        List<Received> received = receiver.received("/hook");
        assertThat(received).hasSize(2).allSatisfy(request -> {
            assertThat(request.verified()).as(request.verificationError()).isTrue();
            assertThat(request.channel()).isEqualTo("lights/measured");
        });
        assertThat(received).extracting(Received::body).containsExactlyInAnyOrder("{\"direct\":true}", "{\"gateway\":true}");

        apiService.changeState(api.api().getId(), ApiState.RETIRED);
        await("the feed of a retired API stops").atMost(WITHIN).until(() -> !webhookFeeds.connected(api.api().getId()));
    }

    /**
     * A second gateway node's webhook feed (the same API's, started here beside this node's, each with a
     * client of its own) shares the events with this node's through the broker (a consumer group, a
     * queue, a shared subscription): every event is queued for webhooks by one of them, none by both.
     */
    @Test
    void aSecondNodesWebhookFeedSharesTheEventsSoEachIsQueuedOnce() throws Exception {
        Published api = eventApi(source());
        Caller caller = subscribe(api);
        WebhookReceiver receiver = new WebhookReceiver();
        open.add(receiver);
        endpoints.register(caller.subscription().getId(), new WebhookEndpointSpec(receiver.url("/hook"), List.of("lights/measured")));
        awaitServingCurrentRegistry();
        await().atMost(WITHIN).until(() -> webhookFeeds.connected(api.api().getId()));
        ServedApi served = liveRoutes.current().snapshot().apisByContext().get(api.context());
        List<String> secondNode = new CopyOnWriteArrayList<>();
        Feed other = connectors.of(served).followForWebhooks(served, served.channels().stream().filter(ServedChannel::subscribe).toList(),
                events -> events.forEach(event -> secondNode.add(new String(event.payload(), StandardCharsets.UTF_8))));
        open.add(other::close);
        await().atMost(WITHIN).until(other::connected);
        Thread.sleep(2_000); // a consumer group settles its partitions between the two

        List<String> sent = new ArrayList<>();
        for (int n = 0; n < 20; n++) {
            sent.add("{\"n\":" + n + "}");
            sendDirectly(Integer.toString(n % 4), sent.getLast());
        }

        await().atMost(WITHIN).until(() -> queuedForWebhooks(api).size() + secondNode.size() >= sent.size());
        Thread.sleep(1_000);
        List<String> queued = new ArrayList<>(queuedForWebhooks(api));
        queued.addAll(secondNode);
        assertThat(queued).containsExactlyInAnyOrderElementsOf(sent);
    }

    private List<String> queuedForWebhooks(Published api) {
        return jdbc.queryForList("select convert_from(payload, 'UTF8') from webhook_message where api_id = ?", String.class,
                api.api().getId());
    }

    @Test
    void aBrokerThatDoesNotAnswerRefusesPublishesWith503AndEndsStreams() throws Exception {
        Published api = eventApi(unreachableSource());
        Caller caller = subscribe(api);

        HttpResponse<String> response = post(api.context() + "/lights/1/measured", caller.apiKey(), "{}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        SseClient stream = sse(api.context() + "/lights/1/measured", caller.apiKey(), null);
        assertThat(stream.ended(WITHIN)).as("the stream ends").isTrue();
        apiService.changeState(api.api().getId(), ApiState.RETIRED);
    }

    private List<Long> usage(Published api, String method) {
        return jdbc.queryForList("select greatest(request_bytes, response_bytes) from usage_record"
                + " where api_id = ? and kind = 'EVENT' and method = ?", Long.class, api.api().getId(), method);
    }

    protected Published eventApi(Map<String, Object> source) {
        Published published = new EventApiFixtures(context).publish(source, Permission.SUBSCRIBE, Permission.PUBLISH);
        awaitServingCurrentRegistry();
        return published;
    }

    /** An SSE stream of {@code path} (below the API's context), once it is joined to its source's feed on the gateway. */
    protected SseClient stream(Published api, String path, String apiKey, String lastEventId) throws Exception {
        int before = streams.subscribers(api.api().getId(), path);
        SseClient client = sse(api.context() + path, apiKey, lastEventId);
        await().atMost(WITHIN).until(() -> streams.subscribers(api.api().getId(), path) > before);
        return client;
    }

    /** The payload of an event frame as text: its {@code data}, decoded when it is base64. */
    private static String payload(JsonNode event) {
        JsonNode data = event.path("data");
        if (event.path("base64").asBoolean()) {
            return new String(Base64.getDecoder().decode(data.asString()), StandardCharsets.UTF_8);
        }
        return data.isString() ? data.asString() : data.toString();
    }

    protected String publish(String path, String apiKey, String body) {
        return publish(path, apiKey, "application/json", body);
    }

    protected HttpResponse<String> post(String path, String apiKey, String body) {
        return post(path, apiKey, "application/json", body);
    }
}
