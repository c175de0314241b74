package io.gatehouse.gateway.policy.keyauth;

import io.gatehouse.core.credential.ApiKeys;
import io.gatehouse.core.plan.PlanAuth;
import io.gatehouse.core.snapshot.GatewaySnapshot;
import io.gatehouse.core.snapshot.GatewaySnapshot.Consumer;
import io.gatehouse.core.snapshot.GatewaySnapshot.KeyGrant;
import io.gatehouse.core.snapshot.GatewaySnapshot.ServedApi;
import io.gatehouse.core.snapshot.GatewaySnapshot.ServedPlan;
import io.gatehouse.gateway.exchange.Exchange;
import io.gatehouse.gateway.policy.Policy;
import io.gatehouse.gateway.policy.SubscriptionCheck;
import io.gatehouse.gateway.policy.Verdict;
import io.gatehouse.gateway.problem.ProblemType;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.time.Instant;

/**
 * Authenticates a call by API key and authorizes it by subscription. The key (in the API's header,
 * {@link KeyAuthConfig}) is removed from the upstream request unless the API forwards credentials,
 * digested and looked up in the snapshot; the application's subscription to one of this API's key (non-OAUTH2) plans decides the
 * plan: only an ACTIVE one admits the call. A call without a key is admitted anonymously on the API's keyless
 * plan when it has one. The key's expiry is recorded in the exchange (a stream opened with it ends
 * then). A call an earlier policy already admitted (a Bearer token, see
 * {@code ChainAssembler}) passes; its key header is still removed (unless forwarded).
 */
public final class KeyAuthPolicy implements Policy {

    private final KeyAuthConfig config;
    private final GatewaySnapshot snapshot;
    private final ServedApi api;
    private final ServedPlan keylessPlan;

    public KeyAuthPolicy(KeyAuthConfig config, GatewaySnapshot snapshot, ServedApi api) {
        this.config = config;
        this.snapshot = snapshot;
        this.api = api;
        this.keylessPlan = api.keylessPlan().orElse(null);
    }

    @Override
    public String name() {
        return "key-auth";
    }

    /** Opening a stream takes the same credential as a call. */
    @Override
    public Verdict onSubscribe(Exchange exchange) {
        return onRequest(exchange);
    }

    @Override
    public Verdict onRequest(Exchange exchange) {
        String key = exchange.requestHeaders().get(config.header());
        if (!config.forwardKey()) {
            exchange.requestHeaders().remove(config.header());
        }
        if (exchange.plan() != null) {
            return Verdict.proceed();
        }
        if (key == null || key.isBlank()) {
            if (keylessPlan != null) {
                exchange.admit(keylessPlan, null);
                return Verdict.proceed();
            }
            return unauthorized(exchange, "This API needs an API key in the " + config.header() + " header.");
        }
        KeyGrant grant = snapshot.keysByHash().get(ApiKeys.hash(key.strip()));
        if (grant == null || !grant.usableAt(Instant.now())) {
            return unauthorized(exchange, "The API key is unknown, revoked or expired.");
        }
        Consumer application = snapshot.applications().get(grant.applicationId());
        if (application == null) {
            return unauthorized(exchange, "The API key is unknown, revoked or expired.");
        }
        exchange.credentialExpiresAt(grant.expiresAt());
        exchange.keyId(grant.keyId());
        return SubscriptionCheck.admit(exchange, snapshot, api, application,
                plan -> plan.auth() != PlanAuth.OAUTH2, "a key plan");
    }

    private Verdict unauthorized(Exchange exchange, String detail) {
        exchange.responseHeaders().set(HttpHeaderNames.WWW_AUTHENTICATE, config.challenge());
        return Verdict.reject(ProblemType.UNAUTHORIZED.withDetail(detail));
    }
}
