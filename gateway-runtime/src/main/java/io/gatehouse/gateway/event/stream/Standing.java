package io.gatehouse.gateway.event.stream;

import io.gatehouse.core.snapshot.GatewaySnapshot;
import io.gatehouse.core.snapshot.GatewaySnapshot.KeyGrant;
import io.gatehouse.core.snapshot.GatewaySnapshot.LiveSubscription;
import io.gatehouse.core.subscription.SubscriptionStatus;
import io.gatehouse.gateway.exchange.Exchange;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * What a new registry snapshot says of the consumers of open streams, which were admitted once, at
 * connect: a stream whose subscription is no longer active (suspended, cancelled, rejected) or whose
 * API key was revoked may not go on, and a key given an expiry since (a rotation's grace period) ends
 * its streams when it expires. A stream admitted without a subscription (a keyless plan) is not
 * checked here.
 */
final class Standing {

    private final GatewaySnapshot snapshot;
    private final Map<UUID, KeyGrant> keysById = new HashMap<>();

    Standing(GatewaySnapshot snapshot) {
        this.snapshot = snapshot;
        for (KeyGrant grant : snapshot.keysByHash().values()) {
            keysById.put(grant.keyId(), grant);
        }
    }

    /** Why a stream admitted as {@code exchange} may not go on, for its client; null when it may. */
    String refusal(Exchange exchange) {
        LiveSubscription admitted = exchange.subscription();
        if (admitted == null) {
            return null;
        }
        if (exchange.keyId() != null && !keysById.containsKey(exchange.keyId())) {
            return "The API key of this stream was revoked.";
        }
        String subject = "The subscription of application '" + exchange.application().name() + "' to API '"
                + exchange.api().name() + "'";
        LiveSubscription now = current(admitted);
        if (now == null) {
            return subject + " has ended.";
        }
        return now.status() == SubscriptionStatus.ACTIVE ? null
                : subject + " is " + now.status().name().toLowerCase(Locale.ROOT) + ".";
    }

    /** When the API key that admitted {@code exchange} expires now; null when it does not, or no key did. */
    Instant keyExpiry(Exchange exchange) {
        KeyGrant grant = exchange.keyId() == null ? null : keysById.get(exchange.keyId());
        return grant == null ? null : grant.expiresAt();
    }

    private LiveSubscription current(LiveSubscription admitted) {
        for (LiveSubscription live : snapshot.subscriptionsByApplication().getOrDefault(admitted.applicationId(), List.of())) {
            if (live.id().equals(admitted.id())) {
                return live;
            }
        }
        return null;
    }
}
