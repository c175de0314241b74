package io.gatehouse.core.usage;

/** What a usage record counts: one synchronous call, or one event delivered or published. */
public enum UsageKind {
    CALL, EVENT
}
