package io.gatehouse.core.webhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.core.CoreTest;
import io.gatehouse.core.error.ConflictException;
import io.gatehouse.core.subscription.Subscription;
import io.gatehouse.core.subscription.SubscriptionAction;
import io.gatehouse.core.subscription.SubscriptionService;
import io.gatehouse.core.webhook.RegisteredWebhookEndpoint;
import io.gatehouse.core.webhook.SealedWebhookSecrets;
import io.gatehouse.core.webhook.WebhookEndpoint;
import io.gatehouse.core.webhook.WebhookEndpointService;
import io.gatehouse.core.webhook.WebhookEndpointSpec;
import io.gatehouse.core.webhook.WebhookEndpointStatus;
import io.gatehouse.core.webhook.WebhookFixtures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** The outbox without HTTP: what is enqueued for whom, claims, order, leases, outcomes and metering. */
@CoreTest
class WebhookOutboxTests {

    private static final String URL = "https://93.184.215.14/hooks";
    private static final Duration LEASE = Duration.ofMinutes(1);

    @Autowired
    WebhookDeliveries deliveries;
    @Autowired
    WebhookOutbox outbox;
    @Autowired
    WebhookEndpointService endpoints;
    @Autowired
    SubscriptionService subscriptions;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    SealedWebhookSecrets sealedSecrets;
    @Autowired
    ApplicationContext context;

    /** Claims see every pending delivery in the database: each test starts from an empty outbox. */
    @BeforeEach
    void emptyOutbox() {
        jdbc.update("delete from webhook_message");
    }

    @Test
    void enqueuesOneDeliveryPerListeningEndpointOfActiveSubscriptionsOnce() {
        WebhookFixtures fixtures = new WebhookFixtures(context);
        WebhookFixtures.Published api = fixtures.publishEventApi();
        Subscription first = fixtures.subscribe(api);
        Subscription second = fixtures.subscribe(api);
        Subscription suspended = fixtures.subscribe(api);
        UUID both = register(first, "lights/measured", "lights/dimmed");
        UUID dimmedOnly = register(first, "lights/dimmed");
        UUID measured = register(second, "lights/measured");
        UUID paused = register(second, "lights/measured");
        endpoints.update(second.getId(), paused, new WebhookEndpointSpec(URL, List.of("lights/measured"), WebhookEndpointStatus.DISABLED));
        register(suspended, "lights/measured");
        subscriptions.apply(suspended.getId(), SubscriptionAction.SUSPEND);

        List<UUID> created = deliveries.enqueueForApi(api.api().getId(), event("lights/measured", "e-1"));
        assertThat(created).hasSize(2);
        assertThat(endpointsOf(created)).containsExactlyInAnyOrder(both, measured);
        assertThat(deliveries.enqueueForApi(api.api().getId(), event("lights/measured", "e-1"))).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from webhook_message", Long.class)).isOne();

        assertThat(endpointsOf(deliveries.enqueueForSubscription(first.getId(), event("lights/dimmed", "e-2"))))
                .containsExactlyInAnyOrder(both, dimmedOnly);
        assertThat(deliveries.enqueueForSubscription(second.getId(), event("lights/dimmed", "e-3"))).isEmpty();
        assertThat(deliveries.enqueueForApi(fixtures.publishEventApi().api().getId(), event("lights/measured", "e-4"))).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from webhook_message", Long.class)).isEqualTo(2);
    }

    @Test
    void theSigningSecretIsStoredSealedAndClaimedOpenedAndAPlainOneIsSealedByResealAll() {
        Subscription subscription = new WebhookFixtures(context).subscribeToNewEventApi();
        RegisteredWebhookEndpoint registered = endpoints.register(subscription.getId(), new WebhookEndpointSpec(URL, List.of("c")));
        UUID endpoint = registered.endpoint().getId();
        assertThat(storedSecret(endpoint)).startsWith("ghs1.").doesNotContain(registered.secret().substring(6));

        deliveries.enqueueForSubscription(subscription.getId(), event("c", "e-1"));
        assertThat(outbox.claim(10, LEASE)).extracting(ClaimedDelivery::secret).containsExactly(registered.secret());

        jdbc.update("update webhook_endpoint set secret = ? where id = ?", registered.secret(), endpoint);
        assertThat(sealedSecrets.resealAll()).isEqualTo(1);
        assertThat(storedSecret(endpoint)).startsWith("ghs1.");
        jdbc.update("update webhook_delivery set lease_token = null, lease_until = null where endpoint_id = ?", endpoint);
        assertThat(outbox.claim(10, LEASE)).extracting(ClaimedDelivery::secret).containsExactly(registered.secret());
    }

    private String storedSecret(UUID endpoint) {
        return jdbc.queryForObject("select secret from webhook_endpoint where id = ?", String.class, endpoint);
    }

    @Test
    void deliversAnEndpointsEventsInOrderOneAtATime() {
        Subscription subscription = new WebhookFixtures(context).subscribeToNewEventApi();
        UUID endpoint = register(subscription, "c");
        UUID other = register(subscription, "c");
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(deliveries.enqueueForSubscription(subscription.getId(), event("c", "e-" + i)).stream()
                    .filter(id -> endpointOf(id).equals(endpoint)).findFirst().orElseThrow());
        }

        List<ClaimedDelivery> heads = outbox.claim(10, LEASE);
        assertThat(heads).extracting(ClaimedDelivery::endpointId).containsExactlyInAnyOrder(endpoint, other);
        ClaimedDelivery first = heads.stream().filter(c -> c.endpointId().equals(endpoint)).findFirst().orElseThrow();
        assertThat(first.id()).isEqualTo(ids.get(0));
        assertThat(first.secret()).startsWith("whsec_");
        assertThat(first.toString()).doesNotContain(first.secret());
        assertThat(outbox.claim(10, LEASE)).as("the heads are leased; the rest wait behind them").isEmpty();

        outbox.retry(first, failure(500), Duration.ZERO, "node-a");
        ClaimedDelivery again = onlyFor(endpoint, outbox.claim(10, LEASE));
        assertThat(again.id()).as("a failed head stays the head").isEqualTo(ids.get(0));
        assertThat(again.attempts()).isEqualTo(2);
        outbox.delivered(again, success(), "node-a");

        assertThat(onlyFor(endpoint, outbox.claim(10, LEASE)).id()).isEqualTo(ids.get(1));
    }

    @Test
    void concurrentClaimersNeverShareADelivery() throws Exception {
        Subscription subscription = new WebhookFixtures(context).subscribeToNewEventApi();
        for (int i = 0; i < 10; i++) {
            register(subscription, "c");
        }
        for (int i = 0; i < 5; i++) {
            deliveries.enqueueForSubscription(subscription.getId(), event("c", "e-" + i));
        }
        CyclicBarrier start = new CyclicBarrier(4);
        List<CompletableFuture<List<UUID>>> claimers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            claimers.add(CompletableFuture.supplyAsync(() -> {
                List<UUID> mine = new ArrayList<>();
                try {
                    start.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                for (List<ClaimedDelivery> batch = outbox.claim(2, LEASE); !batch.isEmpty(); batch = outbox.claim(2, LEASE)) {
                    batch.forEach(claim -> {
                        outbox.delivered(claim, success(), "node");
                        mine.add(claim.id());
                    });
                }
                return mine;
            }));
        }
        List<UUID> all = new ArrayList<>();
        for (CompletableFuture<List<UUID>> claimer : claimers) {
            all.addAll(claimer.get());
        }
        assertThat(all).hasSize(50).doesNotHaveDuplicates();
        assertThat(jdbc.queryForObject("select count(*) from webhook_attempt", Long.class)).isEqualTo(50);
    }

    @Test
    void anExpiredLeaseIsClaimedAgainAndTheOldClaimCanNoLongerFinishIt() throws InterruptedException {
        Subscription subscription = new WebhookFixtures(context).subscribeToNewEventApi();
        register(subscription, "c");
        UUID id = deliveries.enqueueForSubscription(subscription.getId(), event("c", "e")).getFirst();

        ClaimedDelivery lost = outbox.claim(1, Duration.ofMillis(200)).getFirst();
        assertThat(outbox.claim(1, LEASE)).isEmpty();
        Thread.sleep(300);
        ClaimedDelivery taken = outbox.claim(1, LEASE).getFirst();
        assertThat(taken.id()).isEqualTo(id);
        assertThat(taken.leaseToken()).isNotEqualTo(lost.leaseToken());

        outbox.deadLetter(lost, failure(503), "crashed-node");
        assertThat(status(id)).isEqualTo("PENDING");
        outbox.delivered(taken, success(), "node-b");
        assertThat(status(id)).isEqualTo("DELIVERED");
    }

    @Test
    void aDeliveredEventIsMeteredOnceHoweverOftenItArrives() {
        WebhookFixtures fixtures = new WebhookFixtures(context);
        WebhookFixtures.Published api = fixtures.publishEventApi();
        Subscription subscription = fixtures.subscribe(api);
        UUID endpoint = register(subscription, "lights/measured");
        UUID id = deliveries.enqueueForSubscription(subscription.getId(), event("lights/measured", "e")).getFirst();

        outbox.delivered(outbox.claim(1, LEASE).getFirst(), success(), "node-a");
        deliveries.redeliver(subscription.getId(), endpoint, id);
        ClaimedDelivery redelivered = outbox.claim(1, LEASE).getFirst();
        assertThat(redelivered.roundAttempts()).isOne();
        assertThat(redelivered.attempts()).isEqualTo(2);
        outbox.delivered(redelivered, success(), "node-b");

        List<Map<String, Object>> usage = jdbc.queryForList("select * from usage_record where subscription_id = ?",
                subscription.getId());
        assertThat(usage).singleElement().satisfies(row -> {
            assertThat(row.get("id")).isEqualTo(WebhookIds.usageId(id));
            assertThat(row.get("kind")).isEqualTo("EVENT");
            assertThat(row.get("outcome")).isEqualTo("ACCEPTED");
            assertThat(row.get("billable")).isEqualTo(true);
            assertThat(row.get("api_id")).isEqualTo(api.api().getId());
            assertThat(row.get("plan_id")).isEqualTo(api.plan().getId());
            assertThat(row.get("application_id")).isEqualTo(subscription.getApplicationId());
            assertThat(row.get("organization_id")).isNotNull();
            assertThat(row.get("path")).isEqualTo(api.api().getContext() + "/lights/measured");
            assertThat(row.get("request_id")).isEqualTo(WebhookIds.webhookId(id));
            assertThat(row.get("status")).isEqualTo(204);
            assertThat(row.get("request_bytes")).isEqualTo(12L);
        });
        assertThat(deliveries.get(subscription.getId(), endpoint, id).attempts()).extracting(WebhookAttempt::gatewayNode)
                .containsExactly("node-a", "node-b");
    }

    @Test
    void aGoneEndpointIsDisabledAndItsPendingDeliveriesCancelled() {
        Subscription subscription = new WebhookFixtures(context).subscribeToNewEventApi();
        UUID endpoint = register(subscription, "c");
        UUID first = deliveries.enqueueForSubscription(subscription.getId(), event("c", "e-1")).getFirst();
        UUID second = deliveries.enqueueForSubscription(subscription.getId(), event("c", "e-2")).getFirst();

        outbox.gone(outbox.claim(1, LEASE).getFirst(), failure(410), "node");

        WebhookEndpoint disabled = endpoints.get(subscription.getId(), endpoint);
        assertThat(disabled.getStatus()).isEqualTo(WebhookEndpointStatus.DISABLED);
        assertThat(disabled.getDisabledReason()).contains("410");
        assertThat(List.of(status(first), status(second))).containsOnly("CANCELLED");
        assertThat(deliveries.enqueueForSubscription(subscription.getId(), event("c", "e-3"))).isEmpty();
        assertThatThrownBy(() -> deliveries.redeliver(subscription.getId(), endpoint, first))
                .isInstanceOf(ConflictException.class).hasMessageContaining("disabled");

        endpoints.update(subscription.getId(), endpoint, new WebhookEndpointSpec(URL, List.of("c"), WebhookEndpointStatus.ENABLED));
        assertThat(deliveries.redeliver(subscription.getId(), endpoint, second).status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(outbox.claim(5, LEASE)).extracting(ClaimedDelivery::id).containsExactly(second);
    }

    @Test
    void deadLettersAndRedeliversWithAFreshSchedule() {
        Subscription subscription = new WebhookFixtures(context).subscribeToNewEventApi();
        UUID endpoint = register(subscription, "c");
        UUID id = deliveries.enqueueForSubscription(subscription.getId(), event("c", "e")).getFirst();

        outbox.deadLetter(outbox.claim(1, LEASE).getFirst(), failure(500), "node");
        WebhookDelivery dead = deliveries.get(subscription.getId(), endpoint, id);
        assertThat(dead.status()).isEqualTo(DeliveryStatus.DEAD_LETTER);
        assertThat(dead.finishedAt()).isNotNull();
        assertThat(dead.nextAttemptAt()).isNull();
        assertThat(dead.lastResponseStatus()).isEqualTo(500);
        assertThat(dead.attempts()).singleElement().satisfies(attempt -> {
            assertThat(attempt.outcome()).isEqualTo("FAILED");
            assertThat(attempt.responseStatus()).isEqualTo(500);
        });

        WebhookDelivery queued = deliveries.redeliver(subscription.getId(), endpoint, id);
        assertThat(queued.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(queued.finishedAt()).isNull();
        assertThatThrownBy(() -> deliveries.redeliver(subscription.getId(), endpoint, id)).isInstanceOf(ConflictException.class);
        assertThat(outbox.claim(1, LEASE).getFirst().roundAttempts()).isOne();
    }

    @Test
    void pagesAnEndpointsDeliveriesNewestFirst() {
        Subscription subscription = new WebhookFixtures(context).subscribeToNewEventApi();
        UUID endpoint = register(subscription, "c");
        for (int i = 0; i < 5; i++) {
            deliveries.enqueueForSubscription(subscription.getId(), event("c", "e-" + i));
        }

        DeliveryPage first = deliveries.list(subscription.getId(), endpoint, null, null, 2);
        assertThat(first.items()).extracting(WebhookDelivery::eventId).containsExactly("e-4", "e-3");
        DeliveryPage second = deliveries.list(subscription.getId(), endpoint, null, first.next(), 2);
        assertThat(second.items()).extracting(WebhookDelivery::eventId).containsExactly("e-2", "e-1");
        DeliveryPage last = deliveries.list(subscription.getId(), endpoint, null, second.next(), 2);
        assertThat(last.items()).extracting(WebhookDelivery::eventId).containsExactly("e-0");
        assertThat(last.next()).isNull();
        assertThat(deliveries.list(subscription.getId(), endpoint, DeliveryStatus.DELIVERED, null, 50).items()).isEmpty();
        assertThat(first.items().getFirst().webhookId()).startsWith("msg_").doesNotContain(".");
    }

    @Test
    void cancelsDeliveriesOfEndedSubscriptionsAndPurgesOldMessages() {
        Subscription subscription = new WebhookFixtures(context).subscribeToNewEventApi();
        register(subscription, "c");
        UUID pending = deliveries.enqueueForSubscription(subscription.getId(), event("c", "e-1")).getFirst();
        subscriptions.apply(subscription.getId(), SubscriptionAction.CANCEL);

        assertThat(outbox.cancelForEndedSubscriptions()).isOne();
        assertThat(status(pending)).isEqualTo("CANCELLED");
        assertThat(outbox.purge(Duration.ofDays(1))).isZero();
        jdbc.update("update webhook_message set created_at = ?", java.sql.Timestamp.from(Instant.now().minus(Duration.ofDays(2))));
        assertThat(outbox.purge(Duration.ofDays(1))).isOne();
        assertThat(jdbc.queryForObject("select count(*) from webhook_delivery where id = ?", Long.class, pending)).isZero();
    }

    private UUID register(Subscription subscription, String... channels) {
        return endpoints.register(subscription.getId(), new WebhookEndpointSpec(URL, List.of(channels))).endpoint().getId();
    }

    private static WebhookEvent event(String channel, String id) {
        return new WebhookEvent(channel, id, "application/json", "{\"lux\":1200}".getBytes(StandardCharsets.UTF_8));
    }

    private static AttemptResult success() {
        return AttemptResult.answered(Instant.now(), 1500, 204, null, 0);
    }

    private static AttemptResult failure(int status) {
        return AttemptResult.answered(Instant.now(), 1500, status, null, 0);
    }

    private ClaimedDelivery onlyFor(UUID endpoint, List<ClaimedDelivery> claims) {
        return claims.stream().filter(c -> c.endpointId().equals(endpoint)).findFirst().orElseThrow();
    }

    private UUID endpointOf(UUID delivery) {
        return jdbc.queryForObject("select endpoint_id from webhook_delivery where id = ?", UUID.class, delivery);
    }

    private Set<UUID> endpointsOf(List<UUID> deliveryIds) {
        Set<UUID> found = new HashSet<>();
        deliveryIds.forEach(id -> found.add(endpointOf(id)));
        return found;
    }

    private String status(UUID delivery) {
        return jdbc.queryForObject("select status from webhook_delivery where id = ?", String.class, delivery);
    }
}
