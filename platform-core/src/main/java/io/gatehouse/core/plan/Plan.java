package io.gatehouse.core.plan;

import io.gatehouse.core.error.ConflictException;
import io.gatehouse.core.pricing.Pricing;
import io.gatehouse.core.pricing.PricingParser;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** How an API may be consumed: authentication, rate limits, quota, approval and price. */
@Entity
@Table(name = "plan")
public class Plan {

    @Id
    private UUID id;
    private UUID apiId;
    private String name;
    @Enumerated(EnumType.STRING)
    private PlanAuth auth;
    @JdbcTypeCode(SqlTypes.JSON)
    private List<RateLimit> rateLimits;
    @JdbcTypeCode(SqlTypes.JSON)
    private Quota quota;
    @Enumerated(EnumType.STRING)
    private Approval approval;
    @JdbcTypeCode(SqlTypes.ARRAY)
    private String[] permissions;
    @JdbcTypeCode(SqlTypes.JSON)
    private Map<String, Object> pricing;
    @JdbcTypeCode(SqlTypes.JSON)
    private PlanOAuth oauth;
    @JdbcTypeCode(SqlTypes.JSON)
    private StreamLimits streams;
    @Enumerated(EnumType.STRING)
    private PlanState state;
    private Instant createdAt;

    protected Plan() {
    }

    static Plan open(UUID apiId, PlanSpec spec, Pricing pricing) {
        Plan plan = new Plan();
        plan.id = UUID.randomUUID();
        plan.apiId = apiId;
        plan.state = PlanState.OPEN;
        plan.createdAt = Instant.now();
        plan.apply(spec);
        plan.reprice(pricing);
        return plan;
    }

    /** Makes {@code pricing} (with its effective day) the plan's newest price. */
    void reprice(Pricing pricing) {
        this.pricing = pricing.toMap();
    }

    void apply(PlanSpec spec) {
        name = spec.name().strip();
        auth = spec.auth();
        rateLimits = spec.rateLimits() == null ? List.of() : List.copyOf(spec.rateLimits());
        quota = spec.quota() == null ? null
                : new Quota(spec.quota().limit(), spec.quota().period(),
                        spec.quota().onExceed() == null ? Quota.OnExceed.BLOCK : spec.quota().onExceed());
        approval = spec.approval() == null ? Approval.AUTO : spec.approval();
        permissions = (spec.permissions() == null || spec.permissions().isEmpty()
                ? List.of(PlanSpec.Permission.SUBSCRIBE) : spec.permissions())
                .stream().map(Enum::name).distinct().toArray(String[]::new);
        oauth = spec.oauth();
        streams = spec.streams();
    }

    void close() {
        if (state == PlanState.CLOSED) {
            throw new ConflictException("the plan is already closed", "/state");
        }
        state = PlanState.CLOSED;
    }

    public UUID getId() {
        return id;
    }

    public UUID getApiId() {
        return apiId;
    }

    public String getName() {
        return name;
    }

    public PlanAuth getAuth() {
        return auth;
    }

    public List<RateLimit> getRateLimits() {
        return rateLimits == null ? List.of() : rateLimits;
    }

    public Quota getQuota() {
        return quota;
    }

    public Approval getApproval() {
        return approval;
    }

    public List<String> getPermissions() {
        return List.of(permissions);
    }

    /** The plan's newest price version; {@code effectiveFrom} tells from which day it applies. */
    public Pricing getPricing() {
        return PricingParser.parseValid(pricing);
    }

    /** The external OpenID Connect provider of an OAUTH2 plan; null for the built-in issuer. */
    public PlanOAuth getOauth() {
        return oauth;
    }

    /** The limits on the streams of an EVENT API's plan; null when it sets none. */
    public StreamLimits getStreams() {
        return streams;
    }

    public PlanState getState() {
        return state;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
