package io.gatehouse.core.credential;

import io.gatehouse.core.error.ConflictException;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An API key of an application. Only its digest and a short prefix are kept. */
@Entity
@Table(name = "api_key")
public class ApiKey {

    @Id
    private UUID id;
    private UUID applicationId;
    private String name;
    private String prefix;
    private String keyHash;
    private Instant expiresAt;
    private Instant revokedAt;
    private Instant createdAt;

    protected ApiKey() {
    }

    static ApiKey of(UUID applicationId, String name, String plaintext, Instant expiresAt) {
        ApiKey key = new ApiKey();
        key.id = UUID.randomUUID();
        key.applicationId = applicationId;
        key.name = name.strip();
        key.prefix = ApiKeys.prefix(plaintext);
        key.keyHash = ApiKeys.hash(plaintext);
        key.expiresAt = expiresAt;
        key.createdAt = Instant.now();
        return key;
    }

    void revoke() {
        if (revokedAt != null) {
            throw new ConflictException("the key is already revoked");
        }
        revokedAt = Instant.now();
    }

    /** Ends the key's life at {@code deadline} at the latest (never extends it). */
    void expireBy(Instant deadline) {
        if (expiresAt == null || deadline.isBefore(expiresAt)) {
            expiresAt = deadline;
        }
    }

    public boolean isUsableAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }

    public UUID getId() {
        return id;
    }

    public UUID getApplicationId() {
        return applicationId;
    }

    public String getName() {
        return name;
    }

    public String getPrefix() {
        return prefix;
    }

    public String getKeyHash() {
        return keyHash;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }

    public Instant getRevokedAt() {
        return revokedAt;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
