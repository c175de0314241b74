package io.gatehouse.analytics.dashboard;

import io.gatehouse.analytics.rollup.LatencyHistogram;

/**
 * Latency percentiles in microseconds over {@code calls} calls, read from their summed histograms
 * ({@link LatencyHistogram#percentile}). Only calls that passed the policies count (accepted, or failed
 * upstream): a rejected call never reached the upstream and says nothing about its speed.
 */
public record Latency(long calls, long p50Micros, long p95Micros, long p99Micros) {

    /** Null when the histogram counts nothing. */
    static Latency of(LatencyHistogram histogram) {
        long total = histogram.total();
        if (total == 0) {
            return null;
        }
        return new Latency(total, histogram.percentile(0.50), histogram.percentile(0.95), histogram.percentile(0.99));
    }
}
