package io.gatehouse.gateway.policy;

/** Why an event on an open subscription did not reach its consumer. */
public enum DropReason {
    /** A policy dropped it in the message phase (a rate limit on deliveries). */
    POLICY,
    /** The consumer fell behind and its bounded queue was full: the oldest waiting event gave way. */
    OVERFLOW
}
