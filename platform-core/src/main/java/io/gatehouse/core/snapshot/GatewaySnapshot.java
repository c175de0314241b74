package io.gatehouse.core.snapshot;

import io.gatehouse.core.api.ApiType;
import io.gatehouse.core.api.KeyHeaders;
import io.gatehouse.core.api.event.EventSource;
import io.gatehouse.core.plan.PlanAuth;
import io.gatehouse.core.plan.PlanOAuth;
import io.gatehouse.core.plan.PlanSpec.Permission;
import io.gatehouse.core.plan.Quota;
import io.gatehouse.core.plan.RateLimit;
import io.gatehouse.core.plan.StreamLimits;
import io.gatehouse.core.subscription.SubscriptionStatus;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Everything the gateway needs to serve, as one immutable value: the served APIs with their plans,
 * API keys by digest, applications (also by OAuth client id) and live subscriptions. Built from the registry at one
 * registry version and swapped atomically; the gateway never reads the database per request.
 */
public record GatewaySnapshot(
        long version,
        Instant builtAt,
        Map<String, ServedApi> apisByContext,
        Map<String, KeyGrant> keysByHash,
        Map<UUID, Consumer> applications,
        Map<UUID, List<LiveSubscription>> subscriptionsByApplication,
        Map<String, UUID> applicationsByClientId) {

    public static GatewaySnapshot empty() {
        return new GatewaySnapshot(0, Instant.EPOCH, Map.of(), Map.of(), Map.of(), Map.of(), Map.of());
    }

    /** This snapshot with the secrets of its APIs' event sources mapped by {@code secret} (sealed, opened). */
    public GatewaySnapshot mappingSecrets(UnaryOperator<String> secret) {
        Map<String, ServedApi> apis = new LinkedHashMap<>();
        apisByContext.forEach((context, api) -> apis.put(context, api.source() == null ? api
                : api.withSource(api.source().mappingSecrets(secret))));
        return new GatewaySnapshot(version, builtAt, apis, keysByHash, applications, subscriptionsByApplication,
                applicationsByClientId);
    }

    /**
     * The subscription of an application to one of {@code api}'s plans: an active one if there is
     * one, else a pending or suspended one (so that the gateway can say why it refuses).
     */
    public Optional<LiveSubscription> subscription(UUID applicationId, ServedApi api) {
        return subscription(applicationId, api, plan -> true);
    }

    /** Like {@link #subscription(UUID, ServedApi)}, among the plans of {@code api} that {@code plans} accepts. */
    public Optional<LiveSubscription> subscription(UUID applicationId, ServedApi api, Predicate<ServedPlan> plans) {
        LiveSubscription inactive = null;
        for (LiveSubscription subscription : subscriptionsByApplication.getOrDefault(applicationId, List.of())) {
            ServedPlan plan = api.plans().get(subscription.planId());
            if (plan == null || !plans.test(plan)) {
                continue;
            }
            if (subscription.status() == SubscriptionStatus.ACTIVE) {
                return Optional.of(subscription);
            }
            inactive = subscription;
        }
        return Optional.ofNullable(inactive);
    }

    /**
     * An API the gateway serves at {@code context}. {@code timeout} (how long the upstream may stay
     * silent) and {@code connectTimeout} are null for the gateway's defaults. {@code backendRateLimits}
     * limit all its consumers together (backend protection); empty when none. {@code keyHeader}
     * carries API keys ({@link KeyHeaders#DEFAULT} when not given); {@code forwardCredentials} lets the
     * consumer's key or Bearer token reach the upstream instead of being removed. {@code operations}
     * are its declared REST operations; empty when it has none. An EVENT API has {@code channels} (else
     * empty) and its event {@code source} (null for REST APIs).
     */
    public record ServedApi(UUID id, String name, String context, ApiType type, URI upstream, Duration timeout,
                            Map<UUID, ServedPlan> plans, List<RateLimit> backendRateLimits, String keyHeader,
                            Duration connectTimeout, boolean forwardCredentials, List<ServedOperation> operations,
                            List<ServedChannel> channels, EventSource source) {

        public ServedApi {
            backendRateLimits = backendRateLimits == null ? List.of() : List.copyOf(backendRateLimits);
            keyHeader = KeyHeaders.orDefault(keyHeader);
            operations = operations == null ? List.of() : List.copyOf(operations);
            channels = channels == null ? List.of() : List.copyOf(channels);
        }

        public ServedApi withSource(EventSource newSource) {
            return new ServedApi(id, name, context, type, upstream, timeout, plans, backendRateLimits, keyHeader, connectTimeout,
                    forwardCredentials, operations, channels, newSource);
        }

        public ServedApi(UUID id, String name, String context, ApiType type, URI upstream, Duration timeout,
                         Map<UUID, ServedPlan> plans, List<RateLimit> backendRateLimits, String keyHeader,
                         Duration connectTimeout, boolean forwardCredentials, List<ServedOperation> operations) {
            this(id, name, context, type, upstream, timeout, plans, backendRateLimits, keyHeader, connectTimeout, forwardCredentials,
                    operations, List.of(), null);
        }

        public ServedApi(UUID id, String name, String context, ApiType type, URI upstream, Duration timeout,
                         Map<UUID, ServedPlan> plans, List<RateLimit> backendRateLimits) {
            this(id, name, context, type, upstream, timeout, plans, backendRateLimits, null, null, false, List.of());
        }

        public ServedApi(UUID id, String name, String context, ApiType type, URI upstream, Duration timeout,
                         Map<UUID, ServedPlan> plans) {
            this(id, name, context, type, upstream, timeout, plans, List.of());
        }

        public Optional<ServedPlan> keylessPlan() {
            return plans.values().stream().filter(p -> p.auth() == PlanAuth.KEYLESS).findFirst();
        }
    }

    /**
     * An open plan of a served API, with the settings its policies need; {@code oauth} names the
     * external OpenID Connect provider of an OAUTH2 plan, null for the built-in issuer. {@code permissions}:
     * what its subscribers may do on an event API's channels ({@code SUBSCRIBE} when not given);
     * {@code streams}: how their streams are limited ({@link StreamLimits#NONE} when not given).
     */
    public record ServedPlan(UUID id, UUID apiId, String name, PlanAuth auth, List<RateLimit> rateLimits, Quota quota,
                             PlanOAuth oauth, Set<Permission> permissions, StreamLimits streams) {

        public ServedPlan {
            permissions = permissions == null || permissions.isEmpty() ? Set.of(Permission.SUBSCRIBE) : Set.copyOf(permissions);
            streams = streams == null ? StreamLimits.NONE : streams;
        }

        public ServedPlan(UUID id, UUID apiId, String name, PlanAuth auth, List<RateLimit> rateLimits, Quota quota, PlanOAuth oauth,
                          Set<Permission> permissions) {
            this(id, apiId, name, auth, rateLimits, quota, oauth, permissions, null);
        }

        public ServedPlan(UUID id, UUID apiId, String name, PlanAuth auth, List<RateLimit> rateLimits, Quota quota, PlanOAuth oauth) {
            this(id, apiId, name, auth, rateLimits, quota, oauth, null);
        }

        public ServedPlan(UUID id, UUID apiId, String name, PlanAuth auth, List<RateLimit> rateLimits, Quota quota) {
            this(id, apiId, name, auth, rateLimits, quota, null);
        }

        public boolean permits(Permission permission) {
            return permissions.contains(permission);
        }
    }

    /**
     * A channel of a served EVENT API. {@code path} is a template below the API's context, such as
     * {@code /smartylighting/streetlights/1/0/event/{streetlightId}/lighting/measured}; {@code subscribe}
     * and {@code publish} say whether consumers may receive from it and send to it; {@code nameAtSource}
     * is its topic (or routing key) at the API's event source, with the same parameters as the address.
     */
    public record ServedChannel(UUID id, String name, String address, String path, boolean subscribe, boolean publish,
                                String nameAtSource) {
    }

    /**
     * A REST operation of a served API: {@code method} and {@code path}, a template below the API's
     * context such as {@code /pets/{petId}}, and the scopes a token must all carry to call it.
     */
    public record ServedOperation(UUID id, String method, String path, String operationId, List<String> scopes) {

        public ServedOperation {
            scopes = scopes == null ? List.of() : List.copyOf(scopes);
        }

        /** A short name for logs and usage: the operationId, else {@code METHOD path}. */
        public String label() {
            return operationId != null ? operationId : method + " " + path;
        }
    }

    /** What a usable API key grants: the application it belongs to, until it expires. */
    public record KeyGrant(UUID keyId, UUID applicationId, Instant expiresAt) {

        public boolean usableAt(Instant now) {
            return expiresAt == null || now.isBefore(expiresAt);
        }
    }

    /**
     * An application and the organization it belongs to. {@code rateLimits} limit the application
     * across all its subscriptions together; empty when none.
     */
    public record Consumer(UUID applicationId, UUID organizationId, String name, List<RateLimit> rateLimits) {

        public Consumer {
            rateLimits = rateLimits == null ? List.of() : List.copyOf(rateLimits);
        }

        public Consumer(UUID applicationId, UUID organizationId, String name) {
            this(applicationId, organizationId, name, List.of());
        }
    }

    /** A subscription that is pending, active or suspended. */
    public record LiveSubscription(UUID id, UUID applicationId, UUID planId, SubscriptionStatus status) {
    }
}
