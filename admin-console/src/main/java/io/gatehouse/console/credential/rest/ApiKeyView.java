package io.gatehouse.console.credential.rest;

import io.gatehouse.core.credential.ApiKey;
import java.time.Instant;
import java.util.UUID;

/** An API key as listed: never the key itself, never its hash. */
public record ApiKeyView(UUID id, UUID applicationId, String name, String prefix, Instant expiresAt, Instant revokedAt,
                         Instant createdAt) {

    static ApiKeyView of(ApiKey key) {
        return new ApiKeyView(key.getId(), key.getApplicationId(), key.getName(), key.getPrefix(), key.getExpiresAt(),
                key.getRevokedAt(), key.getCreatedAt());
    }
}
