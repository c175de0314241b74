package io.gatehouse.analytics.dashboard;

import java.time.Instant;
import java.util.Map;

/**
 * The totals of a range: calls by outcome and by status class ({@code "2xx"} …), events published,
 * delivered and dropped, bytes, and the calls' latency percentiles (null when no call passed the
 * policies).
 */
public record UsageOverview(Instant from, Instant to, Calls calls, Events events, Bytes bytes, Latency latency) {

    /** {@code total = accepted + rejected + failed}; {@code byStatusClass} sums to {@code total}. */
    public record Calls(long total, long accepted, long rejected, long failed, Map<String, Long> byStatusClass) {
    }

    /**
     * {@code published}: accepted from publishers; {@code delivered}: handed to a consumer (a stream or a
     * webhook); {@code dropped}: not handed over (a policy dropped it, or the consumer's queue overflowed).
     */
    public record Events(long total, long published, long delivered, long dropped) {
    }

    public record Bytes(long request, long response) {
    }
}
