package io.gatehouse.core.api;

import io.gatehouse.core.error.ConflictException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A named, versioned API product with a unique context path, and its lifecycle. */
@Entity
@Table(name = "api")
public class Api {

    @Id
    private UUID id;
    private String name;
    private String version;
    private String context;
    @Enumerated(EnumType.STRING)
    private ApiType type;
    private String upstream;
    private String description;
    @Enumerated(EnumType.STRING)
    private ApiState state;
    @Column(name = "timeout_ms")
    private Integer timeoutMs;
    private String keyHeader;
    @Column(name = "connect_timeout_ms")
    private Integer connectTimeoutMs;
    private boolean forwardCredentials;
    private Instant createdAt;
    private Instant updatedAt;

    protected Api() {
    }

    static Api draft(ApiSpec spec) {
        Api api = new Api();
        api.id = UUID.randomUUID();
        api.state = ApiState.DRAFT;
        api.createdAt = Instant.now();
        api.apply(spec);
        return api;
    }

    void apply(ApiSpec spec) {
        name = spec.name().strip();
        version = spec.version();
        context = spec.context();
        type = spec.type();
        upstream = spec.upstream() == null || spec.upstream().isBlank() ? null : spec.upstream().strip();
        description = spec.description();
        timeoutMs = spec.timeoutMs();
        keyHeader = KeyHeaders.orDefault(spec.keyHeader());
        connectTimeoutMs = spec.connectTimeoutMs();
        forwardCredentials = Boolean.TRUE.equals(spec.forwardCredentials());
        updatedAt = Instant.now();
    }

    void moveTo(ApiState target) {
        if (!state.canMoveTo(target)) {
            throw new ConflictException("an API in state " + state + " cannot become " + target, "/state");
        }
        state = target;
        updatedAt = Instant.now();
    }

    public UUID getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getVersion() {
        return version;
    }

    public String getContext() {
        return context;
    }

    public ApiType getType() {
        return type;
    }

    public String getUpstream() {
        return upstream;
    }

    public String getDescription() {
        return description;
    }

    public ApiState getState() {
        return state;
    }

    public Integer getTimeoutMs() {
        return timeoutMs;
    }

    /** The request header that carries API keys for this API at the gateway. */
    public String getKeyHeader() {
        return keyHeader;
    }

    /** The upstream connect timeout; null for the gateway's default. */
    public Integer getConnectTimeoutMs() {
        return connectTimeoutMs;
    }

    /** Whether the consumer's credential is forwarded to the upstream instead of removed. */
    public boolean isForwardCredentials() {
        return forwardCredentials;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
