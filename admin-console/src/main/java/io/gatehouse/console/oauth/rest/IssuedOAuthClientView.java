package io.gatehouse.console.oauth.rest;

import io.gatehouse.core.credential.IssuedOAuthClient;
import java.time.Instant;
import java.util.UUID;

/** A client just issued or given a new secret, with its plaintext {@code clientSecret}: the only answers that ever carry it. */
public record IssuedOAuthClientView(String clientId, String clientSecret, UUID applicationId, Instant createdAt, Instant rotatedAt) {

    static IssuedOAuthClientView of(IssuedOAuthClient issued) {
        return new IssuedOAuthClientView(issued.client().getClientId(), issued.secret(), issued.client().getApplicationId(),
                issued.client().getCreatedAt(), issued.client().getRotatedAt());
    }
}
