package io.gatehouse.core.snapshot;

import io.gatehouse.core.api.Api;
import io.gatehouse.core.api.ApiRepository;
import io.gatehouse.core.api.event.Channel;
import io.gatehouse.core.api.event.ChannelDirection;
import io.gatehouse.core.api.event.ChannelRepository;
import io.gatehouse.core.api.event.EventSource;
import io.gatehouse.core.api.event.EventSourceStore;
import io.gatehouse.core.api.operation.ApiOperation;
import io.gatehouse.core.api.operation.ApiOperationRepository;
import io.gatehouse.core.application.ApplicationRepository;
import io.gatehouse.core.credential.ApiKey;
import io.gatehouse.core.credential.ApiKeyRepository;
import io.gatehouse.core.plan.BackendLimit;
import io.gatehouse.core.plan.BackendLimitRepository;
import io.gatehouse.core.plan.Plan;
import io.gatehouse.core.plan.PlanRepository;
import io.gatehouse.core.plan.PlanSpec.Permission;
import io.gatehouse.core.plan.PlanState;
import io.gatehouse.core.plan.RateLimit;
import io.gatehouse.core.snapshot.GatewaySnapshot.Consumer;
import io.gatehouse.core.snapshot.GatewaySnapshot.KeyGrant;
import io.gatehouse.core.snapshot.GatewaySnapshot.LiveSubscription;
import io.gatehouse.core.snapshot.GatewaySnapshot.ServedApi;
import io.gatehouse.core.snapshot.GatewaySnapshot.ServedChannel;
import io.gatehouse.core.snapshot.GatewaySnapshot.ServedOperation;
import io.gatehouse.core.snapshot.GatewaySnapshot.ServedPlan;
import io.gatehouse.core.subscription.SubscriptionRepository;
import io.gatehouse.core.subscription.SubscriptionStatus;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/** Reads the registry, at one consistent version, into a {@link GatewaySnapshot}. */
@Component
public class SnapshotLoader {

    private final JdbcTemplate jdbc;
    private final ApiRepository apis;
    private final PlanRepository plans;
    private final ApplicationRepository applications;
    private final ApiKeyRepository keys;
    private final SubscriptionRepository subscriptions;
    private final BackendLimitRepository backendLimits;
    private final ApiOperationRepository operations;
    private final ChannelRepository channels;
    private final EventSourceStore sources;

    public SnapshotLoader(JdbcTemplate jdbc, ApiRepository apis, PlanRepository plans, ApplicationRepository applications,
                          ApiKeyRepository keys, SubscriptionRepository subscriptions, BackendLimitRepository backendLimits,
                          ApiOperationRepository operations, ChannelRepository channels, EventSourceStore sources) {
        this.backendLimits = backendLimits;
        this.operations = operations;
        this.channels = channels;
        this.sources = sources;
        this.jdbc = jdbc;
        this.apis = apis;
        this.plans = plans;
        this.applications = applications;
        this.keys = keys;
        this.subscriptions = subscriptions;
    }

    /** The registry's current version; cheap enough to poll. */
    public long currentVersion() {
        Long version = jdbc.queryForObject("select version from registry_version", Long.class);
        return version == null ? 0 : version;
    }

    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public GatewaySnapshot load() {
        long version = currentVersion();
        Instant now = Instant.now();

        Map<UUID, List<Plan>> openPlansByApi = plans.findAll().stream()
                .filter(plan -> plan.getState() == PlanState.OPEN)
                .collect(Collectors.groupingBy(Plan::getApiId));
        Map<UUID, List<RateLimit>> backendByApi = backendLimits.findAll().stream()
                .collect(Collectors.toMap(BackendLimit::getApiId, BackendLimit::getRateLimits));
        Map<UUID, List<ServedOperation>> operationsByApi = operations.findAll().stream()
                .collect(Collectors.groupingBy(ApiOperation::getApiId, Collectors.mapping(SnapshotLoader::served, Collectors.toList())));
        Map<UUID, List<Channel>> channelsByApi = channels.findAll().stream().collect(Collectors.groupingBy(Channel::getApiId));
        Map<UUID, EventSource> sourcesByApi = sources.findAll();
        Map<String, ServedApi> apisByContext = new HashMap<>();
        for (Api api : apis.findAll()) {
            if (api.getState().served()) {
                EventSource source = sourcesByApi.get(api.getId());
                List<ServedChannel> servedChannels = channelsByApi.getOrDefault(api.getId(), List.of()).stream()
                        .map(channel -> served(channel, source)).toList();
                apisByContext.put(api.getContext(), served(api, openPlansByApi.getOrDefault(api.getId(), List.of()),
                        backendByApi.getOrDefault(api.getId(), List.of()), operationsByApi.getOrDefault(api.getId(), List.of()),
                        servedChannels, source));
            }
        }

        Map<String, KeyGrant> keysByHash = new HashMap<>();
        for (ApiKey key : keys.findAll()) {
            if (key.isUsableAt(now)) {
                keysByHash.put(key.getKeyHash(), new KeyGrant(key.getId(), key.getApplicationId(), key.getExpiresAt()));
            }
        }

        Map<UUID, Consumer> consumers = applications.findAll().stream()
                .collect(Collectors.toUnmodifiableMap(a -> a.getId(), a -> new Consumer(a.getId(), a.getOrganizationId(), a.getName(), a.getRateLimits())));

        Map<UUID, List<LiveSubscription>> subscriptionsByApplication = subscriptions
                .findByStatusIn(SubscriptionStatus.LIVE)
                .stream()
                .map(s -> new LiveSubscription(s.getId(), s.getApplicationId(), s.getPlanId(), s.getStatus()))
                .collect(Collectors.groupingBy(LiveSubscription::applicationId, Collectors.toUnmodifiableList()));

        Map<String, UUID> applicationsByClientId = new HashMap<>();
        jdbc.query("select client_id, application_id from oauth_client",
                row -> { applicationsByClientId.put(row.getString(1), row.getObject(2, UUID.class)); });

        return new GatewaySnapshot(version, now, Map.copyOf(apisByContext), Map.copyOf(keysByHash), consumers,
                Map.copyOf(subscriptionsByApplication), Map.copyOf(applicationsByClientId));
    }

    private static ServedOperation served(ApiOperation operation) {
        return new ServedOperation(operation.getId(), operation.getMethod().name(), operation.getPath(), operation.getOperationId(),
                operation.getScopes());
    }

    private static ServedChannel served(Channel channel, EventSource source) {
        return new ServedChannel(channel.getId(), channel.getName(), channel.getAddress(), channel.getPath(),
                channel.allows(ChannelDirection.SUBSCRIBE), channel.allows(ChannelDirection.PUBLISH),
                source == null ? channel.getAddress() : source.nameAtSource(channel.getName(), channel.getAddress()));
    }

    private static ServedApi served(Api api, List<Plan> plans, List<RateLimit> backendRateLimits, List<ServedOperation> operations,
                                    List<ServedChannel> channels, EventSource source) {
        Map<UUID, ServedPlan> servedPlans = plans.stream().collect(Collectors.toUnmodifiableMap(Plan::getId,
                p -> new ServedPlan(p.getId(), p.getApiId(), p.getName(), p.getAuth(), List.copyOf(p.getRateLimits()), p.getQuota(),
                        p.getOauth(), p.getPermissions().stream().map(Permission::valueOf).collect(Collectors.toSet()), p.getStreams())));
        return new ServedApi(api.getId(), api.getName(), api.getContext(), api.getType(),
                api.getUpstream() == null ? null : URI.create(api.getUpstream()),
                millis(api.getTimeoutMs()), servedPlans, backendRateLimits,
                api.getKeyHeader(), millis(api.getConnectTimeoutMs()), api.isForwardCredentials(), operations, channels, source);
    }

    private static Duration millis(Integer millis) {
        return millis == null ? null : Duration.ofMillis(millis);
    }
}
