package io.gatehouse.console.webhook.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.console.ManagementApiTestSupport;
import io.gatehouse.core.webhook.delivery.WebhookDeliveries;
import io.gatehouse.core.webhook.delivery.WebhookEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The webhook API end to end in the all-in-one process: developers register endpoints over HTTP, an
 * event is enqueued as an event source would, the process's own gateway delivers it signed to a real
 * receiver, and the developer inspects and redelivers.
 */
class WebhookControllerTests extends ManagementApiTestSupport {

    @Autowired
    WebhookDeliveries deliveries;

    private final SigningReceiver receiver = new SigningReceiver();

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void developersRegisterReceiveSignedEventsInspectAndRedeliver() {
        Subscribed subscribed = subscribeToEventApi();
        Reply created = subscribed.developer().post(webhooks(subscribed), """
                {"url":"%s","channels":["lights/measured"]}""".formatted(receiver.url())).expect(201);
        JsonNode hook = created.json();
        String secret = hook.get("secret").asString();
        assertThat(secret).startsWith("whsec_");
        assertThat(hook.get("status").asString()).isEqualTo("ENABLED");
        assertThat(hook.get("channels").valueStream().map(JsonNode::asString).toList()).containsExactly("lights/measured");
        assertThat(created.header("Location")).endsWith(webhooks(subscribed) + "/" + hook.get("id").asString());
        receiver.secret(secret);

        String hookPath = webhooks(subscribed) + "/" + hook.get("id").asString();
        assertThat(subscribed.developer().get(hookPath).expect(200).json().has("secret")).isFalse();
        assertThat(subscribed.developer().get(webhooks(subscribed)).expect(200).body()).doesNotContain(secret);

        List<UUID> ids = deliveries.enqueueForApi(UUID.fromString(subscribed.apiId()),
                new WebhookEvent("lights/measured", "evt-1", "application/json", "{\"lux\":1200}".getBytes(StandardCharsets.UTF_8)));
        assertThat(ids).hasSize(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1
                && "DELIVERED".equals(subscribed.developer().get(hookPath + "/deliveries").json().get("items").get(0)
                .get("status").asString()));
        assertThat(receiver.received().getFirst().verified()).isTrue();

        JsonNode page = subscribed.developer().get(hookPath + "/deliveries").expect(200).json();
        JsonNode delivery = page.get("items").get(0);
        assertThat(page.get("next").isNull()).isTrue();
        assertThat(delivery.get("id").asString()).isEqualTo(ids.getFirst().toString());
        assertThat(delivery.get("webhookId").asString()).isEqualTo(receiver.received().getFirst().webhookId());
        assertThat(delivery.get("eventId").asString()).isEqualTo("evt-1");
        assertThat(delivery.get("attempts").get(0).get("responseStatus").asInt()).isEqualTo(204);
        assertThat(delivery.get("attempts").get(0).get("durationMs").isNumber()).isTrue();

        String redeliver = hookPath + "/deliveries/" + ids.getFirst() + "/redeliver";
        assertThat(subscribed.developer().post(redeliver, "").expect(202).json().get("status").asString()).isEqualTo("PENDING");
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 2
                && "DELIVERED".equals(subscribed.developer().get(hookPath + "/deliveries/" + ids.getFirst()).json()
                .get("status").asString()));
        assertThat(receiver.received()).extracting(SigningReceiver.Received::webhookId).containsOnly(delivery.get("webhookId").asString());
        assertThat(jdbc.queryForObject("select count(*) from usage_record where kind = 'EVENT' and subscription_id = ?::uuid",
                Long.class, subscribed.subscriptionId())).as("a redelivery is not billed again").isOne();
    }

    @Test
    void aGoneEndpointShowsDisabledUntilTheDeveloperReEnablesIt() {
        Subscribed subscribed = subscribeToEventApi();
        JsonNode hook = subscribed.developer().post(webhooks(subscribed), """
                {"url":"%s","channels":["lights/measured"]}""".formatted(receiver.url())).expect(201).json();
        receiver.secret(hook.get("secret").asString());
        receiver.answer(410);
        String hookPath = webhooks(subscribed) + "/" + hook.get("id").asString();

        deliveries.enqueueForApi(UUID.fromString(subscribed.apiId()),
                new WebhookEvent("lights/measured", "evt-1", null, "{}".getBytes(StandardCharsets.UTF_8)));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                "DISABLED".equals(subscribed.developer().get(hookPath).json().get("status").asString()));
        JsonNode disabled = subscribed.developer().get(hookPath).json();
        assertThat(disabled.get("disabledReason").asString()).contains("410");

        JsonNode enabled = subscribed.developer().put(hookPath, """
                {"url":"%s","channels":["lights/measured"],"status":"ENABLED"}""".formatted(receiver.url())).expect(200).json();
        assertThat(enabled.get("status").asString()).isEqualTo("ENABLED");
        assertThat(enabled.get("disabledReason").isNull()).isTrue();
    }

    @Test
    void badInputIsAProblemNamingTheField() {
        Subscribed subscribed = subscribeToEventApi();
        Client developer = subscribed.developer();

        assertThat(developer.post(webhooks(subscribed), "{\"url\":\"ftp://example.com/x\",\"channels\":[\"a\"]}")
                .problem(400, "invalid-input").get("errors").get(0).get("pointer").asString()).isEqualTo("/url");
        Reply missing = developer.post(webhooks(subscribed), "{\"url\":\"https://user:pw@example.com/x\",\"channels\":[]}");
        missing.problem(400, "invalid-input");
        assertThat(missing.errorPointers()).containsExactly("/channels", "/url");
        developer.post(webhooks(subscribed), "{\"url\":").problem(400, "malformed-request");
        Reply channels = developer.post(webhooks(subscribed), """
                {"url":"%s","channels":["a","lights/missing","dim"]}""".formatted(receiver.url()));
        assertThat(channels.errorPointers()).containsExactly("/channels/1", "/channels/2");

        JsonNode hook = developer.post(webhooks(subscribed), """
                {"url":"%s","channels":["a"]}""".formatted(receiver.url())).expect(201).json();
        String deliveriesPath = webhooks(subscribed) + "/" + hook.get("id").asString() + "/deliveries";
        assertThat(developer.get(deliveriesPath + "?limit=0").expect(400).errorPointers()).containsExactly("limit");
        assertThat(developer.get(deliveriesPath + "?cursor=abc").expect(400).errorPointers()).containsExactly("cursor");
        assertThat(developer.get(deliveriesPath + "?status=LOST").expect(400).errorPointers()).containsExactly("status");
        developer.get(deliveriesPath + "/" + UUID.randomUUID()).problem(404, "not-found");
        developer.post(deliveriesPath + "/" + UUID.randomUUID() + "/redeliver", "").problem(404, "not-found");
        developer.get(webhooks(subscribed) + "/" + UUID.randomUUID()).problem(404, "not-found");
    }

    @Test
    void onlyTheSubscriptionsOrganizationAndAdminsManageItsWebhooks() {
        Subscribed subscribed = subscribeToEventApi();
        String body = "{\"url\":\"%s\",\"channels\":[\"a\"]}".formatted(receiver.url());
        String hookPath = webhooks(subscribed) + "/" + admin().post(webhooks(subscribed), body).expect(201).id();

        Client stranger = newUser("DEVELOPER", createOrganization());
        stranger.get(webhooks(subscribed)).problem(403, "forbidden");
        stranger.post(webhooks(subscribed), body).problem(403, "forbidden");
        stranger.get(hookPath + "/deliveries").problem(403, "forbidden");
        stranger.delete(hookPath).problem(403, "forbidden");
        newUser("PUBLISHER", null).get(webhooks(subscribed)).problem(403, "forbidden");
        anonymous().get(webhooks(subscribed)).expect(401);
        newUser("DEVELOPER", createOrganization()).get("/api/v1/subscriptions/" + UUID.randomUUID() + "/webhooks")
                .problem(403, "forbidden");

        Subscribed other = subscribeToEventApi();
        other.developer().get("/api/v1/subscriptions/" + other.subscriptionId() + "/webhooks/"
                + hookPath.substring(hookPath.lastIndexOf('/') + 1)).problem(404, "not-found");

        subscribed.developer().delete(hookPath).expect(204);
        subscribed.developer().get(hookPath).problem(404, "not-found");
    }

    @Test
    void aRestApiSubscriptionTakesNoWebhooks() {
        String orgId = createOrganization();
        String planId = createPlan(publish(createApi("rest-hooks")), "AUTO");
        String subscriptionId = admin().post("/api/v1/subscriptions", """
                {"applicationId":"%s","planId":"%s"}""".formatted(createApplication(orgId), planId)).expect(201).id();

        admin().post("/api/v1/subscriptions/" + subscriptionId + "/webhooks",
                "{\"url\":\"%s\",\"channels\":[\"a\"]}".formatted(receiver.url())).problem(409, "conflict");
    }

    private record Subscribed(String apiId, String subscriptionId, Client developer) {
    }

    private Subscribed subscribeToEventApi() {
        String apiId = admin().post("/api/v1/apis", """
                {"name":"Streetlights","version":"v1","context":"/streetlights-%s/v1","type":"EVENT",
                 "channels":["lights/measured","a",{"name":"dim","address":"lights/{id}/dim","directions":["PUBLISH"]}]}""".formatted(unique()))
                .expect(201).id();
        String planId = createPlan(publish(apiId), "AUTO");
        String orgId = createOrganization();
        Client developer = newUser("DEVELOPER", orgId);
        String subscriptionId = developer.post("/api/v1/subscriptions", """
                {"applicationId":"%s","planId":"%s"}""".formatted(createApplication(orgId), planId)).expect(201).id();
        return new Subscribed(apiId, subscriptionId, developer);
    }

    private static String webhooks(Subscribed subscribed) {
        return "/api/v1/subscriptions/" + subscribed.subscriptionId() + "/webhooks";
    }
}
