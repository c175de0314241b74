package io.gatehouse.core.pricing;

/** What a price counts, over billable usage records (outcome {@code ACCEPTED}) only. */
public enum Meter {
    /** Synchronous calls: one per {@code CALL} record. */
    REQUESTS,
    /** Events delivered or published: one per {@code EVENT} record. */
    EVENTS,
    /** Megabytes transferred, decimal: (request bytes + response bytes) / 1,000,000 over calls and events alike. */
    MEGABYTES
}
