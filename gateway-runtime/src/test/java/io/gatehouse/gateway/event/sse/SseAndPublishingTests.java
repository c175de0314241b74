package io.gatehouse.gateway.event.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.core.plan.Approval;
import io.gatehouse.core.plan.PlanAuth;
import io.gatehouse.core.plan.PlanSpec.Permission;
import io.gatehouse.core.plan.PlanSpec;
import io.gatehouse.core.plan.RateLimit;
import io.gatehouse.core.subscription.SubscriptionAction;
import io.gatehouse.gateway.event.EventApiFixtures;
import io.gatehouse.gateway.event.EventGatewaySupport;
import io.gatehouse.gateway.event.sse.SseClient.Event;
import io.gatehouse.gateway.server.GatewayServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Publishing with POST and streaming with SSE, over real HTTP and the real database. */
class SseAndPublishingTests extends EventGatewaySupport {

    private static final Duration WITHIN = Duration.ofSeconds(10);

    @Autowired
    ApplicationContext context;

    @Test
    void aPublishedEventReachesAnOpenStreamWithItsId() throws Exception {
        Published api = eventApi(Permission.SUBSCRIBE, Permission.PUBLISH);
        Caller caller = subscribe(api);
        SseClient stream = sse(api.context() + "/lights/42/measured", caller.apiKey(), null);
        assertThat(stream.response().statusCode()).isEqualTo(200);
        assertThat(stream.response().headers().firstValue("Content-Type")).hasValue("text/event-stream");
        assertThat(stream.line(WITHIN)).isEqualTo("retry: 3000");

        String id = publish(api.context() + "/lights/42/measured", caller.apiKey(), "{\"lux\":1200}\nsecond line");
        publish(api.context() + "/lights/7/measured", caller.apiKey(), "another light");

        assertThat(stream.events(1, WITHIN)).containsExactly(new Event(id, "{\"lux\":1200}\nsecond line"));
        Thread.sleep(300);
        assertThat(stream.pending()).doesNotContain("data: another light");
    }

    @Test
    void reconnectingWithLastEventIdGetsExactlyTheMissedEvents() throws Exception {
        Published api = eventApi(Permission.SUBSCRIBE, Permission.PUBLISH);
        Caller caller = subscribe(api);
        String path = api.context() + "/lights/1/measured";
        String first = publish(path, caller.apiKey(), "one");
        String second = publish(path, caller.apiKey(), "two");
        String third = publish(path, caller.apiKey(), "three");

        SseClient resumed = sse(path, caller.apiKey(), first);
        assertThat(resumed.events(2, WITHIN)).containsExactly(new Event(second, "two"), new Event(third, "three"));
        String fourth = publish(path, caller.apiKey(), "four");
        assertThat(resumed.events(1, WITHIN)).containsExactly(new Event(fourth, "four"));
        Thread.sleep(300);
        assertThat(resumed.pending()).noneMatch(line -> line.startsWith("data: "));
    }

    @Test
    void aCallerWithoutPublishPermissionIsRefused() {
        Published api = eventApi(Permission.SUBSCRIBE);
        Caller caller = subscribe(api);

        HttpResponse<String> response = post(api.context() + "/lights/1/measured", caller.apiKey(), "{}");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("PUBLISH");
        assertThat(jdbc.queryForObject("select count(*) from event_message where api_id = ?", Long.class, api.api().getId())).isZero();
    }

    @Test
    void aChannelThatOnlyOffersEventsRefusesPublishes() {
        Published api = eventApi(Permission.SUBSCRIBE, Permission.PUBLISH);
        Caller caller = subscribe(api);

        HttpResponse<String> response = post(api.context() + "/alerts", caller.apiKey(), "{}");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("alerts");
    }

    @Test
    void aStreamWithoutKeyIsRefusedBeforeItStarts() throws Exception {
        Published api = eventApi(Permission.SUBSCRIBE);

        HttpResponse<String> response = send(HttpRequest.newBuilder(gateway(api.context() + "/alerts"))
                .header("Accept", "text/event-stream").timeout(WITHIN).GET().build());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void unknownChannelsAndOtherMediaTypesAreProblems() {
        Published api = eventApi(Permission.SUBSCRIBE);
        Caller caller = subscribe(api);

        assertThat(get(api.context() + "/nowhere", caller.apiKey()).statusCode()).isEqualTo(404);
        assertThat(get(api.context() + "/alerts", caller.apiKey()).statusCode()).isEqualTo(406);
        HttpResponse<String> delete = send(HttpRequest.newBuilder(gateway(api.context() + "/alerts"))
                .header("X-API-Key", caller.apiKey()).DELETE().timeout(WITHIN).build());
        assertThat(delete.statusCode()).isEqualTo(405);
        assertThat(delete.headers().firstValue("Allow")).hasValue("GET, POST");
    }

    @Test
    void anIdleStreamGetsRetryFirstThenAPingCommentEveryHeartbeat() throws Exception {
        Published api = eventApi(Permission.SUBSCRIBE);
        Caller caller = subscribe(api);
        try (ConfigurableApplicationContext node = gatewayNode("gatehouse.gateway.events.heartbeat=1s");
             SseClient stream = new SseClient(URI.create("http://127.0.0.1:" + node.getBean(GatewayServer.class).port()
                     + api.context() + "/alerts"), caller.apiKey(), null)) {
            assertThat(stream.response().statusCode()).isEqualTo(200);
            assertThat(stream.line(WITHIN)).isEqualTo("retry: 3000");
            assertThat(stream.line(WITHIN)).isEmpty();
            long started = System.nanoTime();
            List<Duration> pings = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                assertThat(stream.line(WITHIN)).isEqualTo(": ping");
                pings.add(Duration.ofNanos(System.nanoTime() - started));
                assertThat(stream.line(WITHIN)).isEmpty();
            }

            // one a second (generous bounds for a busy machine): neither the 15 s default nor faster than set
            assertThat(pings.getFirst()).isBetween(Duration.ofMillis(300), Duration.ofMillis(2500));
            assertThat(pings.getLast()).isBetween(Duration.ofMillis(2000), Duration.ofMillis(6000));
        }
    }

    @Test
    void publishesPastThePlansRateLimitAreRefusedWith429AndRetryAfter() {
        Published api = eventApi(new PlanSpec("Two per 5 s", PlanAuth.API_KEY, List.of(new RateLimit(2, "PT5S")), null,
                Approval.AUTO, List.of(Permission.PUBLISH), null));
        Caller caller = subscribe(api);
        String path = api.context() + "/lights/1/measured";

        publish(path, caller.apiKey(), "one");
        publish(path, caller.apiKey(), "two");
        HttpResponse<String> refused = post(path, caller.apiKey(), "three");

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.body()).contains("\"type\":\"https://gatehouse.dev/problems/quota-exceeded\"",
                "Rate limit exceeded: at most 2 calls per");
        assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 5L));
        assertThat(jdbc.queryForList("select convert_from(payload, 'UTF8') from event_message where api_id = ? order by id",
                String.class, api.api().getId())).containsExactly("one", "two");
    }

    @Test
    void aPostToAPathThatNamesNoChannelIsA404NamingThePath() throws Exception {
        Published api = eventApi(Permission.SUBSCRIBE, Permission.PUBLISH);
        Caller caller = subscribe(api);
        String path = api.context() + "/lights/42/dimmed";

        HttpResponse<String> post = post(path, caller.apiKey(), "{}");
        SseClient sse = sse(path, caller.apiKey(), null);

        assertThat(post.statusCode()).isEqualTo(404);
        assertThat(post.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(post.body()).contains("https://gatehouse.dev/problems/no-route", "has no channel at " + path);
        assertThat(sse.response().statusCode()).isEqualTo(404);
        assertThat(sse.response().headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(sse.line(WITHIN)).contains("https://gatehouse.dev/problems/no-route", "has no channel at " + path);
        assertThat(jdbc.queryForObject("select count(*) from event_message where api_id = ?", Long.class, api.api().getId())).isZero();
    }

    @Test
    void aCallerWhosePlanDoesNotPermitSubscribeGetsA403BeforeTheStream() throws Exception {
        Published api = eventApi(Permission.PUBLISH);
        Caller caller = subscribe(api);

        SseClient refused = sse(api.context() + "/lights/1/measured", caller.apiKey(), null);

        assertThat(refused.response().statusCode()).isEqualTo(403);
        assertThat(refused.response().headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.line(WITHIN)).contains("https://gatehouse.dev/problems/forbidden", "does not permit SUBSCRIBE");
    }

    @Test
    void aSuspendedSubscriptionGetsA403BeforeTheStream() throws Exception {
        Published api = eventApi(Permission.SUBSCRIBE, Permission.PUBLISH);
        Caller caller = subscribe(api);
        subscriptionService.apply(caller.subscription().getId(), SubscriptionAction.SUSPEND);
        awaitServingCurrentRegistry();

        SseClient refused = sse(api.context() + "/lights/1/measured", caller.apiKey(), null);

        assertThat(refused.response().statusCode()).isEqualTo(403);
        assertThat(refused.response().headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.line(WITHIN)).contains("https://gatehouse.dev/problems/forbidden", "suspended");
    }

    @Test
    void publishesAndDeliveriesAreMeteredAsEvents() throws Exception {
        Published api = eventApi(Permission.SUBSCRIBE, Permission.PUBLISH);
        Caller caller = subscribe(api);
        String path = api.context() + "/lights/9/measured";
        SseClient stream = sse(path, caller.apiKey(), null);
        stream.line(WITHIN);

        publish(path, caller.apiKey(), "0123456789");
        stream.events(1, WITHIN);

        await().atMost(WITHIN).untilAsserted(() -> {
            assertThat(usage(api, "PUBLISH")).containsExactly(10L);
            assertThat(usage(api, "DELIVER")).containsExactly(10L);
        });
        assertThat(jdbc.queryForObject("select count(*) from usage_record where api_id = ? and kind = 'CALL'", Long.class,
                api.api().getId())).isZero();
        assertThat(jdbc.queryForList("select distinct operation from usage_record where api_id = ?", String.class,
                api.api().getId())).containsExactly("lights/measured");
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
        out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\nX-API-Key: " + caller.apiKey()
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        SseClient reading = sse(path, caller.apiKey(), null);
        reading.line(WITHIN);

        String big = "x".repeat(64 * 1024);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            ids.add(publish(path, caller.apiKey(), i + big));
        }

        List<Event> received = reading.events(100, Duration.ofSeconds(30));
        assertThat(received).extracting(Event::id).containsExactlyElementsOf(ids);
    }

    private Published eventApi(PlanSpec plan) {
        Published published = new EventApiFixtures(context).publish(plan);
        awaitServingCurrentRegistry();
        return published;
    }

    private Published eventApi(Permission... permissions) {
        Published published = new EventApiFixtures(context).publish(permissions);
        awaitServingCurrentRegistry();
        return published;
    }

    private String publish(String path, String apiKey, String body) {
        return publish(path, apiKey, "text/plain", body);
    }

    private HttpResponse<String> post(String path, String apiKey, String body) {
        return post(path, apiKey, "text/plain", body);
    }

    private List<Long> usage(Published api, String method) {
        return jdbc.queryForList("select greatest(request_bytes, response_bytes) from usage_record"
                + " where api_id = ? and kind = 'EVENT' and method = ?", Long.class, api.api().getId(), method);
    }
}
