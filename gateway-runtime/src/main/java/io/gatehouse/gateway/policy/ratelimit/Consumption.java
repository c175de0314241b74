package io.gatehouse.gateway.policy.ratelimit;

/**
 * The outcome of taking one token from a bucket.
 *
 * @param consumed    whether the call may pass
 * @param remaining   tokens left per window, in the order of the config's windows
 * @param nanosToWait until the call could pass, when it was not consumed
 * @param storeFailed the distributed store failed and the gateway is set to fail closed
 */
record Consumption(boolean consumed, long[] remaining, long nanosToWait, boolean storeFailed) {

    static final Consumption STORE_FAILED = new Consumption(false, new long[0], 0, true);
}
