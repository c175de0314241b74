package io.gatehouse.core.usage;

/** How the gateway disposed of a call. Only {@code ACCEPTED} usage is billable. */
public enum Outcome {
    /** Passed every policy and reached the upstream (whatever the upstream answered). */
    ACCEPTED,
    /** Stopped by a policy: no or bad credential, no subscription, rate limit, quota. */
    REJECTED,
    /** Passed the policies but the upstream could not be reached or timed out (502/504). */
    FAILED;

    public boolean billable() {
        return this == ACCEPTED;
    }
}
