package io.gatehouse.console.credential.rest;

import io.gatehouse.core.credential.IssuedApiKey;
import java.time.Instant;
import java.util.UUID;

/** A key just issued, with its plaintext {@code key}: the only answer that ever carries it. */
public record IssuedApiKeyView(UUID id, UUID applicationId, String name, String key, String prefix, Instant expiresAt,
                               Instant createdAt) {

    static IssuedApiKeyView of(IssuedApiKey issued) {
        return new IssuedApiKeyView(issued.key().getId(), issued.key().getApplicationId(), issued.key().getName(),
                issued.plaintext(), issued.key().getPrefix(), issued.key().getExpiresAt(), issued.key().getCreatedAt());
    }
}
