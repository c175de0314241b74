package io.gatehouse.console.oauth.rest;

import io.gatehouse.core.credential.OAuthClient;
import java.time.Instant;
import java.util.UUID;

/** An OAuth client as shown after issue: never its secret, never its hash. */
public record OAuthClientView(String clientId, UUID applicationId, Instant createdAt, Instant rotatedAt) {

    static OAuthClientView of(OAuthClient client) {
        return new OAuthClientView(client.getClientId(), client.getApplicationId(), client.getCreatedAt(), client.getRotatedAt());
    }
}
