package io.gatehouse.gateway.event.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.core.plan.PlanSpec.Permission;
import io.gatehouse.core.webhook.RegisteredWebhookEndpoint;
import io.gatehouse.core.webhook.WebhookEndpointService;
import io.gatehouse.core.webhook.WebhookEndpointSpec;
import io.gatehouse.core.webhook.delivery.DeliveryStatus;
import io.gatehouse.core.webhook.delivery.WebhookAttempt;
import io.gatehouse.core.webhook.delivery.WebhookDeliveries;
import io.gatehouse.core.webhook.delivery.WebhookDelivery;
import io.gatehouse.gateway.event.EventApiFixtures;
import io.gatehouse.gateway.event.EventGatewaySupport;
import io.gatehouse.gateway.event.webhook.WebhookDispatcherLifecycle;
import io.gatehouse.gateway.event.webhook.WebhookReceiver;
import io.gatehouse.gateway.event.webhook.WebhookReceiver.Received;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Webhooks of the built-in source end to end: events published through the gateway are delivered by
 * the gateway's own dispatcher (on here, with a short retry schedule) to endpoints registered on the
 * subscription, over real HTTP on 127.0.0.1.
 */
@TestPropertySource(properties = {
        "gatehouse.webhook.delivery=true",
        "gatehouse.webhook.retry-schedule=200ms,400ms",
        "gatehouse.webhook.timeout=2s",
        "gatehouse.webhook.poll-interval=50ms"})
class BuiltinWebhookTests extends EventGatewaySupport {

    private static final Duration WITHIN = Duration.ofSeconds(10);

    @Autowired
    ApplicationContext context;
    @Autowired
    WebhookEndpointService endpoints;
    @Autowired
    WebhookDeliveries deliveries;
    @Autowired
    WebhookDispatcherLifecycle lifecycle;

    private final WebhookReceiver receiver = new WebhookReceiver();

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void eventsPublishedThroughTheGatewayArriveSignedInOrderOnceEach() {
        Published api = new EventApiFixtures(context).publish(Permission.SUBSCRIBE, Permission.PUBLISH);
        Caller caller = subscribe(api);
        RegisteredWebhookEndpoint hook = endpoints.register(caller.subscription().getId(),
                new WebhookEndpointSpec(receiver.url("/lights"), List.of("lights/measured")));
        receiver.secret("/lights", hook.secret());
        awaitServingCurrentRegistry();

        List<String> ids = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        for (int n = 0; n < 5; n++) {
            bodies.add("{\"lumens\":" + (800 + n) + "}");
            ids.add(publish(api.context() + "/lights/" + n + "/measured", caller.apiKey(), bodies.getLast()));
        }

        await().atMost(WITHIN).until(() -> deliveries(caller, hook).stream().allMatch(d -> d.status() == DeliveryStatus.DELIVERED)
                && deliveries(caller, hook).size() == 5);
        List<Received> received = receiver.received("/lights");
        assertThat(received).extracting(Received::body).containsExactlyElementsOf(bodies);
        assertThat(received).allSatisfy(request -> {
            assertThat(request.verified()).as(request.verificationError()).isTrue();
            assertThat(request.signature()).startsWith("v1,");
            assertThat(request.channel()).isEqualTo("lights/measured");
            assertThat(request.contentType()).isEqualTo("application/json");
        });
        assertThat(received).extracting(Received::webhookId).doesNotHaveDuplicates();
        assertThat(deliveries(caller, hook).reversed()).extracting(WebhookDelivery::eventId).as("newest first, ids as published")
                .containsExactlyElementsOf(ids);
        assertThat(deliveries(caller, hook)).allSatisfy(delivery -> assertThat(delivery.attemptCount()).isOne());
    }

    @Test
    void deliveriesGoOnAfterTheGatewayIsStoppedAndStartedAgain() {
        Published api = new EventApiFixtures(context).publish(Permission.SUBSCRIBE, Permission.PUBLISH);
        Caller caller = subscribe(api);
        RegisteredWebhookEndpoint hook = endpoints.register(caller.subscription().getId(),
                new WebhookEndpointSpec(receiver.url("/lights"), List.of("lights/measured")));
        receiver.secret("/lights", hook.secret());
        awaitServingCurrentRegistry();

        lifecycle.stop();
        assertThat(lifecycle.isRunning()).isFalse();
        publish(api.context() + "/lights/1/measured", caller.apiKey(), "{\"while\":\"stopped\"}");
        lifecycle.start();
        publish(api.context() + "/lights/2/measured", caller.apiKey(), "{\"while\":\"running\"}");

        await().atMost(WITHIN).until(() -> receiver.received("/lights").size() >= 2);
        assertThat(receiver.received("/lights")).extracting(Received::body)
                .containsExactly("{\"while\":\"stopped\"}", "{\"while\":\"running\"}");
    }

    @Test
    void eventsBehindOneThatFailsWaitForItAndArriveInOrder() throws Exception {
        Published api = new EventApiFixtures(context).publish(Permission.SUBSCRIBE, Permission.PUBLISH);
        Caller caller = subscribe(api);
        RegisteredWebhookEndpoint hook = endpoints.register(caller.subscription().getId(),
                new WebhookEndpointSpec("http://127.0.0.1:" + closedPort() + "/lights", List.of("lights/measured")));
        receiver.secret("/lights", hook.secret());
        awaitServingCurrentRegistry();
        List<String> bodies = new ArrayList<>();
        for (int n = 0; n < 4; n++) {
            bodies.add("{\"lumens\":" + n + "}");
            publish(api.context() + "/lights/" + n + "/measured", caller.apiKey(), bodies.getLast());
        }

        // the developer points the endpoint at a receiver that answers, between the first event's attempts
        await().atMost(WITHIN).pollInterval(Duration.ofMillis(10)).until(() -> deliveries(caller, hook).getLast().attemptCount() >= 1);
        endpoints.update(caller.subscription().getId(), hook.endpoint().getId(),
                new WebhookEndpointSpec(receiver.url("/lights"), List.of("lights/measured")));

        await().atMost(WITHIN).until(() -> deliveries(caller, hook).stream().allMatch(d -> d.status() == DeliveryStatus.DELIVERED));
        assertThat(receiver.received("/lights")).extracting(Received::body).containsExactlyElementsOf(bodies);
        assertThat(receiver.received("/lights")).allSatisfy(request -> assertThat(request.verified()).isTrue());
        List<WebhookDelivery> oldestFirst = deliveries(caller, hook).reversed();
        assertThat(oldestFirst.getFirst().attempts().getFirst().error()).startsWith("could not connect:");
        assertThat(oldestFirst.subList(1, 4)).as("the others waited behind the first instead of failing too")
                .allSatisfy(delivery -> assertThat(delivery.attemptCount()).isOne());
    }

    @Test
    void anEndpointThatRefusesConnectionsGetsFailedAttemptsAlongTheSchedule() throws Exception {
        Published api = new EventApiFixtures(context).publish(Permission.SUBSCRIBE, Permission.PUBLISH);
        Caller caller = subscribe(api);
        RegisteredWebhookEndpoint hook = endpoints.register(caller.subscription().getId(),
                new WebhookEndpointSpec("http://127.0.0.1:" + closedPort() + "/hook", List.of("lights/measured")));
        awaitServingCurrentRegistry();

        String id = publish(api.context() + "/lights/1/measured", caller.apiKey(), "{\"lumens\":0}");

        await().atMost(WITHIN).until(() -> deliveries(caller, hook).stream()
                .anyMatch(d -> d.eventId().equals(id) && d.status() == DeliveryStatus.DEAD_LETTER));
        WebhookDelivery delivery = deliveries(caller, hook).getFirst();
        List<WebhookAttempt> attempts = delivery.attempts();
        assertThat(attempts).hasSize(3).allSatisfy(attempt -> {
            assertThat(attempt.outcome()).isEqualTo("FAILED");
            assertThat(attempt.responseStatus()).isNull();
            assertThat(attempt.error()).startsWith("could not connect:");
        });
        assertThat(delivery.lastError()).startsWith("could not connect:");
        assertThat(Duration.between(attempts.get(0).attemptedAt(), attempts.get(1).attemptedAt()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(Duration.between(attempts.get(1).attemptedAt(), attempts.get(2).attemptedAt()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    /** The endpoint's deliveries, newest first. */
    private List<WebhookDelivery> deliveries(Caller caller, RegisteredWebhookEndpoint hook) {
        UUID subscription = caller.subscription().getId();
        return deliveries.list(subscription, hook.endpoint().getId(), null, null, 50).items();
    }

    private String publish(String path, String apiKey, String json) {
        return publish(path, apiKey, "application/json", json);
    }

    /** A port on 127.0.0.1 where nothing listens: connections to it are refused. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
