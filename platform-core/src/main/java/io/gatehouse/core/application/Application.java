package io.gatehouse.core.application;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import io.gatehouse.core.plan.RateLimit;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A consumer of APIs, owned by an organization; holds credentials and subscriptions. */
@Entity
@Table(name = "application")
public class Application {

    @Id
    private UUID id;
    private UUID organizationId;
    private String name;
    private Instant createdAt;
    @JdbcTypeCode(SqlTypes.JSON)
    private List<RateLimit> rateLimits;

    protected Application() {
    }

    static Application of(UUID organizationId, String name, List<RateLimit> rateLimits) {
        Application application = new Application();
        application.id = UUID.randomUUID();
        application.organizationId = organizationId;
        application.name = name.strip();
        application.createdAt = Instant.now();
        application.limit(rateLimits);
        return application;
    }

    void limit(List<RateLimit> rateLimits) {
        this.rateLimits = rateLimits == null ? List.of() : List.copyOf(rateLimits);
    }

    /** Limits across all the application's subscriptions together; empty when unlimited. */
    public List<RateLimit> getRateLimits() {
        return rateLimits == null ? List.of() : rateLimits;
    }

    public UUID getId() {
        return id;
    }

    public UUID getOrganizationId() {
        return organizationId;
    }

    public String getName() {
        return name;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
