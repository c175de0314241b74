package io.gatehouse.core.plan;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * An API's backend protection: rate-limit windows on all its consumers together, whatever their
 * plan, so that the upstream never sees more than that. Checked after the plan's and the
 * application's own limits.
 */
@Entity
@Table(name = "api_backend_limit")
public class BackendLimit {

    @Id
    private UUID apiId;
    @JdbcTypeCode(SqlTypes.JSON)
    private List<RateLimit> rateLimits;
    private Instant updatedAt;

    protected BackendLimit() {
    }

    static BackendLimit of(UUID apiId) {
        BackendLimit limit = new BackendLimit();
        limit.apiId = apiId;
        limit.rateLimits = List.of();
        return limit;
    }

    void change(List<RateLimit> limits) {
        rateLimits = List.copyOf(limits);
        updatedAt = Instant.now();
    }

    public UUID getApiId() {
        return apiId;
    }

    public List<RateLimit> getRateLimits() {
        return rateLimits == null ? List.of() : rateLimits;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
