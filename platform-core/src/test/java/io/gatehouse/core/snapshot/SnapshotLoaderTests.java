package io.gatehouse.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.gatehouse.core.CoreTest;
import io.gatehouse.core.api.Api;
import io.gatehouse.core.api.ApiService;
import io.gatehouse.core.api.ApiSpec;
import io.gatehouse.core.api.ApiState;
import io.gatehouse.core.api.ApiType;
import io.gatehouse.core.api.event.ChannelDirection;
import io.gatehouse.core.api.event.ChannelSpec;
import io.gatehouse.core.api.event.EventApi;
import io.gatehouse.core.api.event.EventApiService;
import io.gatehouse.core.api.event.KafkaSource;
import io.gatehouse.core.api.operation.ApiOperationService;
import io.gatehouse.core.api.operation.OperationMethod;
import io.gatehouse.core.api.operation.OperationSpec;
import io.gatehouse.core.api.operation.ScopesChange;
import io.gatehouse.core.application.Application;
import io.gatehouse.core.application.ApplicationService;
import io.gatehouse.core.application.ApplicationSpec;
import io.gatehouse.core.credential.ApiKeySpec;
import io.gatehouse.core.credential.ApiKeyService;
import io.gatehouse.core.credential.ApiKeys;
import io.gatehouse.core.credential.IssuedApiKey;
import io.gatehouse.core.organization.OrganizationService;
import io.gatehouse.core.organization.OrganizationSpec;
import io.gatehouse.core.plan.Plan;
import io.gatehouse.core.plan.PlanAuth;
import io.gatehouse.core.plan.PlanService;
import io.gatehouse.core.plan.PlanSpec;
import io.gatehouse.core.plan.RateLimit;
import io.gatehouse.core.subscription.Subscription;
import io.gatehouse.core.subscription.SubscriptionAction;
import io.gatehouse.core.subscription.SubscriptionService;
import io.gatehouse.core.subscription.SubscriptionSpec;
import io.gatehouse.core.subscription.SubscriptionStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@CoreTest
class SnapshotLoaderTests {

    @Autowired
    SnapshotLoader loader;
    @Autowired
    DataSource dataSource;
    @Autowired
    ApiService apis;
    @Autowired
    PlanService plans;
    @Autowired
    OrganizationService organizations;
    @Autowired
    ApplicationService applications;
    @Autowired
    ApiKeyService keys;
    @Autowired
    SubscriptionService subscriptions;
    @Autowired
    ApiOperationService operations;
    @Autowired
    EventApiService eventApis;

    @Test
    void holdsServedApisKeysByDigestAndLiveSubscriptions() {
        Api draft = apis.create(new ApiSpec("Draft", "v1", "/snap-draft/v1", ApiType.REST, "http://127.0.0.1:1", null, null, null, null, null));
        Api api = apis.create(new ApiSpec("Snap", "v1", "/snap/v1", ApiType.REST, "http://127.0.0.1:1", null, 1500, null, null, null));
        Plan plan = plans.create(api.getId(), new PlanSpec("Gold", PlanAuth.API_KEY, List.of(new RateLimit(5, "PT1M")), null, null, null, null));
        apis.changeState(api.getId(), ApiState.PUBLISHED);
        Application app = applications.create(organizations.create(new OrganizationSpec("Snap Org")).getId(), new ApplicationSpec("snap-app"));
        IssuedApiKey key = keys.issue(app.getId(), new ApiKeySpec("ci", null));
        Subscription subscription = subscriptions.subscribe(new SubscriptionSpec(app.getId(), plan.getId()));

        GatewaySnapshot snapshot = loader.load();

        assertThat(snapshot.apisByContext()).containsKey("/snap/v1").doesNotContainKey(draft.getContext());
        GatewaySnapshot.ServedApi served = snapshot.apisByContext().get("/snap/v1");
        assertThat(served.timeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(served.keyHeader()).isEqualTo("X-API-Key");
        assertThat(served.connectTimeout()).isNull();
        assertThat(served.forwardCredentials()).isFalse();
        assertThat(served.plans().get(plan.getId()).rateLimits()).containsExactly(new RateLimit(5, "PT1M"));
        assertThat(snapshot.keysByHash().get(ApiKeys.hash(key.plaintext())).applicationId()).isEqualTo(app.getId());
        assertThat(snapshot.keysByHash()).doesNotContainKey(key.plaintext());
        assertThat(snapshot.subscription(app.getId(), served)).get()
                .extracting(GatewaySnapshot.LiveSubscription::status).isEqualTo(SubscriptionStatus.ACTIVE);

        subscriptions.apply(subscription.getId(), SubscriptionAction.SUSPEND);
        keys.revoke(app.getId(), key.key().getId());
        GatewaySnapshot after = loader.load();
        assertThat(after.version()).isGreaterThan(snapshot.version());
        assertThat(after.subscription(app.getId(), served)).get()
                .extracting(GatewaySnapshot.LiveSubscription::status).isEqualTo(SubscriptionStatus.SUSPENDED);
        assertThat(after.keysByHash()).doesNotContainKey(ApiKeys.hash(key.plaintext()));
    }

    @Test
    void carriesEachServedApisOperationsAndSeesTheirChanges() {
        Api api = apis.create(new ApiSpec("Ops", "v1", "/snap-ops/v1", ApiType.REST, "http://127.0.0.1:1", null, null, null, null, false));
        operations.declare(api.getId(), new OperationSpec(OperationMethod.GET, "/pets/{petId}", "showPet", null, List.of("pets:read")));
        apis.changeState(api.getId(), ApiState.PUBLISHED);

        GatewaySnapshot snapshot = loader.load();

        assertThat(snapshot.apisByContext().get("/snap-ops/v1").operations()).singleElement().satisfies(operation -> {
            assertThat(operation.method()).isEqualTo("GET");
            assertThat(operation.path()).isEqualTo("/pets/{petId}");
            assertThat(operation.label()).isEqualTo("showPet");
            assertThat(operation.scopes()).containsExactly("pets:read");
        });

        operations.changeScopes(api.getId(), "showPet", new ScopesChange(List.of("pets:read", "pets:list")));
        GatewaySnapshot after = loader.load();
        assertThat(after.version()).isGreaterThan(snapshot.version());
        assertThat(after.apisByContext().get("/snap-ops/v1").operations().getFirst().scopes()).containsExactly("pets:read", "pets:list");
    }

    @Test
    void carriesEachEventApisChannelsSourceAndPlanPermissions() {
        EventApi created = eventApis.create(new ApiSpec("Lights", "v1", "/snap-lights/v1", ApiType.EVENT, null, null, null, null, null, null),
                List.of(ChannelSpec.of("smartylighting/streetlights/1/0/event/{streetlightId}/lighting/measured"),
                        new ChannelSpec("dim", "lights/{id}/dim", null, List.of(ChannelDirection.PUBLISH), null, null)),
                Map.of("kind", "KAFKA", "bootstrapServers", "127.0.0.1:9092", "topics", Map.of("dim", "lights.{id}.dim")));
        Plan both = plans.create(created.api().getId(), new PlanSpec("Both", PlanAuth.KEYLESS, null, null, null,
                List.of(PlanSpec.Permission.SUBSCRIBE, PlanSpec.Permission.PUBLISH), null));
        Plan plain = plans.create(created.api().getId(), new PlanSpec("Plain", PlanAuth.API_KEY, null, null, null, null, null));
        apis.changeState(created.api().getId(), ApiState.PUBLISHED);

        GatewaySnapshot.ServedApi served = loader.load().apisByContext().get("/snap-lights/v1");

        assertThat(served.type()).isEqualTo(ApiType.EVENT);
        assertThat(served.source()).isEqualTo(new KafkaSource("127.0.0.1:9092", Map.of("dim", "lights.{id}.dim")));
        assertThat(served.channels()).extracting(GatewaySnapshot.ServedChannel::path, GatewaySnapshot.ServedChannel::subscribe,
                        GatewaySnapshot.ServedChannel::publish, GatewaySnapshot.ServedChannel::nameAtSource)
                .containsExactlyInAnyOrder(
                        tuple("/smartylighting/streetlights/1/0/event/{streetlightId}/lighting/measured", true, false,
                                "smartylighting/streetlights/1/0/event/{streetlightId}/lighting/measured"),
                        tuple("/lights/{id}/dim", false, true, "lights.{id}.dim"));
        assertThat(served.plans().get(both.getId()).permits(PlanSpec.Permission.PUBLISH)).isTrue();
        assertThat(served.plans().get(plain.getId()).permissions()).containsExactly(PlanSpec.Permission.SUBSCRIBE);
    }

    @Test
    void carriesEachApisGatewayOptions() {
        Api api = apis.create(new ApiSpec("Options", "v1", "/snap-options/v1", ApiType.REST, "http://127.0.0.1:1", null, 1500,
                "X-Acme-Key", 250, true));
        apis.changeState(api.getId(), ApiState.PUBLISHED);

        GatewaySnapshot.ServedApi served = loader.load().apisByContext().get("/snap-options/v1");

        assertThat(served.keyHeader()).isEqualTo("X-Acme-Key");
        assertThat(served.connectTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(served.timeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(served.forwardCredentials()).isTrue();
    }

    @Test
    void watcherHearsARegistryChangeWithinASecond() {
        AtomicLong heard = new AtomicLong();
        long before = loader.currentVersion();
        try (RegistryWatcher watcher = new RegistryWatcher(dataSource, loader, Duration.ofSeconds(30), before, heard::set)) {
            organizations.create(new OrganizationSpec("Watched Org"));
            apis.create(new ApiSpec("Watched", "v1", "/watched/v1", ApiType.REST, "http://127.0.0.1:1", null, null, null, null, null));

            await().atMost(Duration.ofSeconds(1)).until(() -> heard.get() > before);
        }
    }
}
