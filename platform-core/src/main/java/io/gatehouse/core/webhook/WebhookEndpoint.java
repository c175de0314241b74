package io.gatehouse.core.webhook;

import io.gatehouse.core.secret.SealedText;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A callback URL that receives a subscription's events on some channels, signed with the endpoint's
 * own secret. The secret never leaves through a getter: it is returned once, at registration, and the
 * sender reads it from the database, where it is sealed with the secrets key when one is set.
 */
@Entity
@Table(name = "webhook_endpoint")
public class WebhookEndpoint {

    @Id
    private UUID id;
    private UUID subscriptionId;
    private String url;
    private String[] channels;
    @Convert(converter = SealedText.class)
    private String secret;
    @Enumerated(EnumType.STRING)
    private WebhookEndpointStatus status;
    private String disabledReason;
    private Instant createdAt;
    private Instant updatedAt;

    protected WebhookEndpoint() {
    }

    static WebhookEndpoint register(UUID subscriptionId, URI url, List<String> channels, String secret) {
        WebhookEndpoint endpoint = new WebhookEndpoint();
        endpoint.id = UUID.randomUUID();
        endpoint.subscriptionId = subscriptionId;
        endpoint.secret = secret;
        endpoint.status = WebhookEndpointStatus.ENABLED;
        endpoint.createdAt = Instant.now();
        endpoint.change(url, channels);
        return endpoint;
    }

    void change(URI url, List<String> channels) {
        this.url = url.toString();
        this.channels = channels.stream().map(String::strip).distinct().toArray(String[]::new);
        this.updatedAt = Instant.now();
    }

    void enable() {
        status = WebhookEndpointStatus.ENABLED;
        disabledReason = null;
        updatedAt = Instant.now();
    }

    void disable(String reason) {
        status = WebhookEndpointStatus.DISABLED;
        disabledReason = reason;
        updatedAt = Instant.now();
    }

    public UUID getId() {
        return id;
    }

    public UUID getSubscriptionId() {
        return subscriptionId;
    }

    public String getUrl() {
        return url;
    }

    public List<String> getChannels() {
        return List.of(channels);
    }

    public WebhookEndpointStatus getStatus() {
        return status;
    }

    /** Why the endpoint is disabled; null while enabled. */
    public String getDisabledReason() {
        return disabledReason;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    @Override
    public String toString() {
        return "WebhookEndpoint[" + id + " " + url + " " + status + "]";
    }
}
