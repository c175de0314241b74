package io.gatehouse.gateway.policy.ratelimit;

/**
 * Who a set of windows limits, in the order {@link RateLimitPolicy} checks them. Backend protection
 * comes last, so that a consumer already over its own limits does not spend the budget all
 * consumers share.
 */
public enum Level {
    /** The plan's windows, per subscription (per plan for keyless calls). Named as is in headers. */
    PLAN(""),
    /** The application's windows, across all its subscriptions. Named {@code app-<window>}. */
    APPLICATION("app-"),
    /** The API's backend protection, across all consumers. Named {@code api-<window>}. */
    BACKEND("api-");

    private final String prefix;

    Level(String prefix) {
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }
}
