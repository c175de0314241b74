package io.gatehouse.gateway.event.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.core.subscription.Subscription;
import io.gatehouse.core.webhook.CallbackAddresses;
import io.gatehouse.core.webhook.RegisteredWebhookEndpoint;
import io.gatehouse.core.webhook.WebhookEndpointService;
import io.gatehouse.core.webhook.WebhookEndpointSpec;
import io.gatehouse.core.webhook.WebhookEndpointStatus;
import io.gatehouse.core.webhook.WebhookFixtures;
import io.gatehouse.core.webhook.WebhookProperties;
import io.gatehouse.core.webhook.delivery.DeliveryStatus;
import io.gatehouse.core.webhook.delivery.WebhookAttempt;
import io.gatehouse.core.webhook.delivery.WebhookDeliveries;
import io.gatehouse.core.webhook.delivery.WebhookDelivery;
import io.gatehouse.core.webhook.delivery.WebhookEvent;
import io.gatehouse.core.webhook.delivery.WebhookIds;
import io.gatehouse.core.webhook.delivery.WebhookOutbox;
import io.gatehouse.gateway.GatewayIntegrationSupport;
import io.gatehouse.gateway.event.webhook.WebhookReceiver.Answer;
import io.gatehouse.gateway.event.webhook.WebhookReceiver.Received;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Webhook delivery over real HTTP and the real database: dispatchers built here (the context's own is
 * off) send to a {@link WebhookReceiver} on 127.0.0.1 that verifies every signature.
 */
class WebhookDeliveryTests extends GatewayIntegrationSupport {

    private static final Duration FAST_TIMEOUT = Duration.ofMillis(500);
    /** For tests about order, not timeouts: an attempt slowed past FAST_TIMEOUT on a busy machine is received, yet retried. */
    private static final Duration PATIENT_TIMEOUT = Duration.ofSeconds(5);

    @Autowired
    WebhookEndpointService endpoints;
    @Autowired
    WebhookDeliveries deliveries;
    @Autowired
    WebhookOutbox outbox;
    @Autowired
    ApplicationContext context;

    private final WebhookReceiver receiver = new WebhookReceiver();
    private final List<AutoCloseable> running = new ArrayList<>();
    private final MeterRegistry meters = new SimpleMeterRegistry();

    @BeforeEach
    void emptyOutbox() {
        jdbc.update("delete from webhook_message");
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : running.reversed()) {
            closeable.close();
        }
        receiver.close();
    }

    @Test
    void deliversSignedEventsThatTheStandardVerifierAccepts() {
        Hook hook = register("/signed", "lights/measured");
        UUID id = enqueue(hook, "lights/measured", "evt-1", "{\"lux\":1200}").getFirst();
        dispatcher(List.of(Duration.ofMillis(100)), CallbackAddresses.Resolver.SYSTEM, true, "node-a");

        await().atMost(Duration.ofSeconds(10)).until(() -> status(hook, id) == DeliveryStatus.DELIVERED);
        assertThat(receiver.received("/signed")).singleElement().satisfies(request -> {
            assertThat(request.verified()).as(request.verificationError()).isTrue();
            assertThat(request.webhookId()).isEqualTo(WebhookIds.webhookId(id));
            assertThat(request.body()).isEqualTo("{\"lux\":1200}");
            assertThat(request.contentType()).isEqualTo("application/json");
            assertThat(request.userAgent()).isEqualTo(WebhookSender.USER_AGENT);
            assertThat(request.channel()).isEqualTo("lights/measured");
            assertThat(request.signature()).startsWith("v1,");
        });
        WebhookDelivery delivery = deliveries.get(hook.subscriptionId(), hook.endpointId(), id);
        assertThat(delivery.attempts()).singleElement().satisfies(attempt -> {
            assertThat(attempt.outcome()).isEqualTo("DELIVERED");
            assertThat(attempt.responseStatus()).isEqualTo(204);
            assertThat(attempt.gatewayNode()).isEqualTo("node-a");
            assertThat(attempt.durationMs()).isGreaterThanOrEqualTo(0);
        });
        assertThat(usageRows(hook)).isOne();
        assertThat(meters.counter("gatehouse.webhooks.delivered").count()).isOne();
    }

    @Test
    void retriesFailuresAlongTheScheduleUnderTheSameId() {
        Hook hook = register("/flaky", "c");
        receiver.script(Answer.status(500), Answer.status(503), Answer.status(302, "Location", "https://127.0.0.1/elsewhere"));
        UUID id = enqueue(hook, "c", "evt-1", "{}").getFirst();
        dispatcher(List.of(Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(100)),
                CallbackAddresses.Resolver.SYSTEM, true, "node-a");

        await().atMost(Duration.ofSeconds(10)).until(() -> status(hook, id) == DeliveryStatus.DELIVERED);
        List<Received> requests = receiver.received("/flaky");
        assertThat(requests).hasSize(4).allSatisfy(request -> {
            assertThat(request.verified()).isTrue();
            assertThat(request.webhookId()).isEqualTo(WebhookIds.webhookId(id));
        });
        assertThat(Duration.between(requests.get(0).at(), requests.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(Duration.between(requests.get(1).at(), requests.get(2).at())).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        assertThat(deliveries.get(hook.subscriptionId(), hook.endpointId(), id).attempts())
                .extracting(WebhookAttempt::responseStatus).containsExactly(500, 503, 302, 204);
        assertThat(usageRows(hook)).isOne();
        assertThat(meters.counter("gatehouse.webhooks.attempts.failed").count()).isEqualTo(3);
    }

    @Test
    void waitsAsLongAsRetryAfterAsksWhenThatIsLongerThanTheSchedule() {
        Hook hook = register("/busy", "c");
        receiver.script(Answer.status(429, "Retry-After", "2"), Answer.status(503, "Retry-After", "0"));
        UUID id = enqueue(hook, "c", "evt-1", "{}").getFirst();
        dispatcher(List.of(Duration.ofMillis(100), Duration.ofMillis(300)), CallbackAddresses.Resolver.SYSTEM, true, "node-a");

        await().atMost(Duration.ofSeconds(10)).until(() -> status(hook, id) == DeliveryStatus.DELIVERED);
        List<Received> requests = receiver.received("/busy");
        assertThat(requests).hasSize(3);
        assertThat(Duration.between(requests.get(0).at(), requests.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
        assertThat(Duration.between(requests.get(1).at(), requests.get(2).at())).as("the schedule wins over a shorter Retry-After")
                .isGreaterThanOrEqualTo(Duration.ofMillis(300)).isLessThan(Duration.ofMillis(1900));
    }

    @Test
    void aTimeoutIsAFailedAttempt() {
        Hook hook = register("/slow", "c");
        receiver.script(Answer.slow(Duration.ofSeconds(2)));
        UUID id = enqueue(hook, "c", "evt-1", "{}").getFirst();
        dispatcher(List.of(Duration.ofMillis(100)), CallbackAddresses.Resolver.SYSTEM, true, "node-a");

        await().atMost(Duration.ofSeconds(10)).until(() -> status(hook, id) == DeliveryStatus.DELIVERED);
        List<WebhookAttempt> attempts = deliveries.get(hook.subscriptionId(), hook.endpointId(), id).attempts();
        assertThat(attempts).hasSize(2);
        assertThat(attempts.getFirst().responseStatus()).isNull();
        assertThat(attempts.getFirst().error()).contains("timed out");
        assertThat(attempts.getFirst().durationMs()).isBetween(400, 1500);
    }

    @Test
    void aGoneEndpointIsDisabledAndGetsNothingMore() {
        Hook hook = register("/gone", "c");
        receiver.script(Answer.status(410));
        UUID first = enqueue(hook, "c", "evt-1", "{}").getFirst();
        UUID second = enqueue(hook, "c", "evt-2", "{}").getFirst();
        dispatcher(List.of(Duration.ofMillis(100)), CallbackAddresses.Resolver.SYSTEM, true, "node-a");

        await().atMost(Duration.ofSeconds(10)).until(() -> status(hook, first) == DeliveryStatus.CANCELLED);
        assertThat(endpoints.get(hook.subscriptionId(), hook.endpointId()).getStatus()).isEqualTo(WebhookEndpointStatus.DISABLED);
        assertThat(status(hook, second)).isEqualTo(DeliveryStatus.CANCELLED);
        assertThat(enqueue(hook, "c", "evt-3", "{}")).isEmpty();
        assertThat(receiver.received("/gone")).hasSize(1);
        assertThat(usageRows(hook)).isZero();
        assertThat(meters.counter("gatehouse.webhooks.endpoints.disabled").count()).isOne();
    }

    @Test
    void deadLettersAfterTheLastTryAndDeliversOnRedelivery() {
        Hook hook = register("/down", "c");
        receiver.answerWith(request -> Answer.status(500));
        UUID id = enqueue(hook, "c", "evt-1", "{}").getFirst();
        dispatcher(List.of(Duration.ofMillis(100), Duration.ofMillis(100)), CallbackAddresses.Resolver.SYSTEM, true, "node-a");

        await().atMost(Duration.ofSeconds(10)).until(() -> status(hook, id) == DeliveryStatus.DEAD_LETTER);
        assertThat(receiver.received("/down")).hasSize(3);
        assertThat(meters.counter("gatehouse.webhooks.dead_lettered").count()).isOne();
        assertThat(usageRows(hook)).isZero();

        receiver.answerWith(request -> Answer.status(200));
        deliveries.redeliver(hook.subscriptionId(), hook.endpointId(), id);
        await().atMost(Duration.ofSeconds(10)).until(() -> status(hook, id) == DeliveryStatus.DELIVERED);
        assertThat(receiver.received("/down")).hasSize(4).extracting(Received::webhookId).containsOnly(WebhookIds.webhookId(id));
        assertThat(deliveries.get(hook.subscriptionId(), hook.endpointId(), id).attemptCount()).isEqualTo(4);
        assertThat(usageRows(hook)).isOne();
    }

    @Test
    void keepsEachEndpointsOrderWhileItsFirstDeliveryIsRetried() {
        Hook hook = register("/ordered", "c");
        Hook other = register("/other", "c");
        receiver.answerWith(request -> request.path().equals("/ordered") && request.body().equals("{\"n\":0}")
                && receiver.received("/ordered").size() <= 2 ? Answer.status(500) : Answer.status(204));
        for (int n = 0; n < 5; n++) {
            enqueue(hook, "c", "evt-" + n, "{\"n\":" + n + "}");
            enqueue(other, "c", "evt-" + n, "{\"n\":" + n + "}");
        }
        dispatcher(List.of(Duration.ofMillis(300), Duration.ofMillis(300)), CallbackAddresses.Resolver.SYSTEM, true, "node-a",
                ownVertx(), 4, meters, PATIENT_TIMEOUT);

        List<String> events = List.of("{\"n\":0}", "{\"n\":1}", "{\"n\":2}", "{\"n\":3}", "{\"n\":4}");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(receiver.received("/ordered")).extracting(Received::body).containsAll(events);
            assertThat(receiver.received("/other")).extracting(Received::body).containsAll(events);
        });
        // Delivery is at least once: an attempt whose answer is lost is sent again, under the same webhook-id.
        // What this test holds is the order: no event of an endpoint before every receipt of the one before it.
        for (String path : List.of("/ordered", "/other")) {
            List<Received> received = receiver.received(path);
            assertThat(received).extracting(Received::body).as(path + " in order").isSortedAccordingTo(Comparator.naturalOrder());
            assertThat(received.stream().collect(Collectors.groupingBy(Received::body,
                    Collectors.mapping(Received::webhookId, Collectors.toSet())))).as(path + ": one webhook-id per event")
                    .allSatisfy((body, ids) -> assertThat(ids).hasSize(1));
        }
        List<Received> firstEvent = receiver.received("/ordered").stream().filter(r -> r.body().equals(events.getFirst())).toList();
        assertThat(firstEvent).as("answered 500 twice, then taken").hasSizeGreaterThanOrEqualTo(3);
        assertThat(receiver.received("/other").getLast().at()).as("another endpoint does not wait for this one's retries")
                .isBefore(firstEvent.get(2).at());
    }

    @Test
    void twoDispatchersOverOneDatabaseDeliverEachDeliveryOnce() {
        List<Hook> hooks = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            hooks.add(register("/shared-" + i, "c"));
        }
        receiver.answerWith(request -> Answer.slow(Duration.ofMillis(20)));
        List<UUID> ids = new ArrayList<>();
        for (int n = 0; n < 6; n++) {
            for (Hook hook : hooks) {
                ids.addAll(enqueue(hook, "c", "evt-" + n, "{\"n\":" + n + "}"));
            }
        }
        assertThat(ids).hasSize(48);
        Function<String, WebhookDispatcher> node = name -> dispatcher(List.of(Duration.ofMillis(100)),
                CallbackAddresses.Resolver.SYSTEM, true, name, ownVertx(), 3, new SimpleMeterRegistry());
        node.apply("node-a");
        node.apply("node-b");

        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received().size() >= 48
                && jdbc.queryForObject("select count(*) from webhook_delivery where status = 'DELIVERED'", Long.class) == 48);
        Map<String, Long> perId = receiver.received().stream().collect(Collectors.groupingBy(Received::webhookId, Collectors.counting()));
        assertThat(perId).hasSize(48).allSatisfy((webhookId, count) -> assertThat(count).as(webhookId).isOne());
        assertThat(receiver.received()).allSatisfy(request -> assertThat(request.verified()).isTrue());
        assertThat(jdbc.queryForList("select distinct gateway_node from webhook_attempt", String.class))
                .containsExactlyInAnyOrder("node-a", "node-b");
        assertThat(jdbc.queryForObject("select count(*) from webhook_attempt", Long.class)).isEqualTo(48);
        assertThat(jdbc.queryForObject("select count(*) from usage_record where kind = 'EVENT' and subscription_id = any (?::uuid[])",
                Long.class, (Object) hooks.stream().map(h -> h.subscriptionId().toString()).toArray(String[]::new))).isEqualTo(48);
    }

    @Test
    void refusesAtDeliveryTimeANameThatNowResolvesToAPrivateAddress() {
        Hook hook = register("/rebound", "c");
        int port = Integer.parseInt(receiver.url("/").replaceAll(".*:(\\d+)/", "$1"));
        jdbc.update("update webhook_endpoint set url = ? where id = ?", "http://hooks.rebound.test:" + port + "/rebound",
                hook.endpointId());
        CallbackAddresses.Resolver rebound = host -> {
            if (host.equals("hooks.rebound.test")) {
                return new InetAddress[] {InetAddress.getLoopbackAddress()};
            }
            throw new UnknownHostException(host);
        };
        UUID id = enqueue(hook, "c", "evt-1", "{}").getFirst();
        dispatcher(List.of(Duration.ofMillis(100)), rebound, false, "node-a");

        await().atMost(Duration.ofSeconds(10)).until(() -> status(hook, id) == DeliveryStatus.DEAD_LETTER);
        assertThat(receiver.received()).isEmpty();
        assertThat(deliveries.get(hook.subscriptionId(), hook.endpointId(), id).attempts()).hasSize(2)
                .allSatisfy(attempt -> assertThat(attempt.error()).startsWith("refused:").contains("loopback"));
    }

    private record Hook(UUID subscriptionId, UUID endpointId, String path) {
    }

    private Hook register(String path, String... channels) {
        Subscription subscription = new WebhookFixtures(context).subscribeToNewEventApi();
        RegisteredWebhookEndpoint registered = endpoints.register(subscription.getId(),
                new WebhookEndpointSpec(receiver.url(path), List.of(channels)));
        receiver.secret(path, registered.secret());
        return new Hook(subscription.getId(), registered.endpoint().getId(), path);
    }

    private List<UUID> enqueue(Hook hook, String channel, String eventId, String json) {
        return deliveries.enqueueForSubscription(hook.subscriptionId(),
                new WebhookEvent(channel, eventId, "application/json", json.getBytes(StandardCharsets.UTF_8)));
    }

    private DeliveryStatus status(Hook hook, UUID id) {
        return deliveries.get(hook.subscriptionId(), hook.endpointId(), id).status();
    }

    private long usageRows(Hook hook) {
        return jdbc.queryForObject("select count(*) from usage_record where kind = 'EVENT' and subscription_id = ?", Long.class,
                hook.subscriptionId());
    }

    private Vertx ownVertx() {
        Vertx vertx = Vertx.vertx();
        running.add(() -> vertx.close().await());
        return vertx;
    }

    private WebhookDispatcher dispatcher(List<Duration> schedule, CallbackAddresses.Resolver resolver, boolean allowPrivate,
                                         String node) {
        return dispatcher(schedule, resolver, allowPrivate, node, ownVertx(), 4, meters);
    }

    private WebhookDispatcher dispatcher(List<Duration> schedule, CallbackAddresses.Resolver resolver, boolean allowPrivate,
                                         String node, Vertx vertx, int concurrency, MeterRegistry registry) {
        return dispatcher(schedule, resolver, allowPrivate, node, vertx, concurrency, registry, FAST_TIMEOUT);
    }

    private WebhookDispatcher dispatcher(List<Duration> schedule, CallbackAddresses.Resolver resolver, boolean allowPrivate,
                                         String node, Vertx vertx, int concurrency, MeterRegistry registry, Duration timeout) {
        WebhookProperties properties = new WebhookProperties(allowPrivate, schedule, timeout, Duration.ofMillis(50),
                concurrency, Duration.ofDays(30), 1024 * 1024, true);
        WebhookSender sender = new WebhookSender(vertx, new CallbackAddresses(allowPrivate, resolver), timeout);
        WebhookDispatcher dispatcher = new WebhookDispatcher(outbox, sender, properties, node, new WebhookMetrics(registry));
        running.add(dispatcher);
        dispatcher.start();
        return dispatcher;
    }
}
