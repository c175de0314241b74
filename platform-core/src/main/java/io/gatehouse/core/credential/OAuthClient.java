package io.gatehouse.core.credential;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * The OAuth2 client of an application at the built-in authorization server (client credentials). At
 * most one per application; the secret is kept only as a {@code PasswordEncoder} hash.
 */
@Entity
@Table(name = "oauth_client")
public class OAuthClient {

    @Id
    private UUID applicationId;
    private String clientId;
    private String secretHash;
    private Instant createdAt;
    private Instant rotatedAt;

    protected OAuthClient() {
    }

    static OAuthClient of(UUID applicationId, String clientId, String secretHash) {
        OAuthClient client = new OAuthClient();
        client.applicationId = applicationId;
        client.clientId = clientId;
        client.secretHash = secretHash;
        client.createdAt = Instant.now();
        return client;
    }

    void replaceSecret(String secretHash) {
        this.secretHash = secretHash;
        this.rotatedAt = Instant.now();
    }

    void rehashSecret(String secretHash) {
        this.secretHash = secretHash;
    }

    public UUID getApplicationId() {
        return applicationId;
    }

    public String getClientId() {
        return clientId;
    }

    public String getSecretHash() {
        return secretHash;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getRotatedAt() {
        return rotatedAt;
    }
}
