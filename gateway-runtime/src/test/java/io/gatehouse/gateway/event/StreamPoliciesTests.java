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
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The policies of streams over both transports, on real connections: credentials that expire, the
 * connection limit of a plan, event quotas, and the rate limit's behaviours (drop or hold back).
 */
class StreamPoliciesTests extends GatewayIntegrationSupport {

    private static final Duration WITHIN = Duration.ofSeconds(10);

    @Autowired
    ApplicationContext context;
    @Autowired
    MeterRegistry meters;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeStreams() throws Exception {
        for (AutoCloseable closeable : open) {
            closeable.close();
        }
    }

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
            try (WsClient again = WsClient.connect(wsUri(path), Map.of("X-API-Key", caller.apiKey()), List.of())) {
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

    @Override
    protected Caller subscribe(Published published) {
        Caller caller = super.subscribe(published);
        awaitServingCurrentRegistry();
        return caller;
    }

    private String registerClient(Caller caller) {
        String id = "client-" + UUID.randomUUID();
        jdbc.update("insert into oauth_client (application_id, client_id, secret_hash) values (?, ?, 'unused')",
                caller.application().getId(), id);
        awaitServingCurrentRegistry();
        return id;
    }

    private URI wsUri(String path) {
        return URI.create("ws://127.0.0.1:" + gatewayServer.port() + path);
    }

    private WsClient ws(String path, Map<String, String> headers) throws Exception {
        WsClient client = WsClient.connect(wsUri(path), headers, List.of());
        open.add(client);
        return client;
    }

    private SseClient sse(String path, Map<String, String> headers) throws Exception {
        SseClient client = new SseClient(gateway(path), headers);
        open.add(client);
        return client;
    }

    private HttpResponse<String> post(String path, String apiKey, String json) {
        return send(HttpRequest.newBuilder(gateway(path)).header("X-API-Key", apiKey).header("Content-Type", "application/json")
                .timeout(WITHIN).POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }
}
