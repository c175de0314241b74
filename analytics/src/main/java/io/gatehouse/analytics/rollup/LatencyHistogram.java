package io.gatehouse.analytics.rollup;

import java.util.Arrays;

/**
 * Latencies counted per bucket of fixed, log-spaced bounds (8 per decade from 100 µs to 100 s, see
 * {@code usage_latency_bounds()}): bucket {@code i} holds latencies in {@code [bounds[i], bounds[i+1])}
 * µs, the last one everything from its bound up. Percentiles are read from the counts, never from
 * averages: the bucket where the rank falls is found, and the value interpolated linearly inside it.
 * Within a bucket the error is at most its width (a third of its lower bound); past 100 s the answer
 * is 100 s.
 */
public record LatencyHistogram(long[] bounds, long[] counts) {

    public LatencyHistogram {
        if (bounds.length != counts.length) {
            throw new IllegalArgumentException(bounds.length + " bounds for " + counts.length + " counts");
        }
    }

    public long total() {
        return Arrays.stream(counts).sum();
    }

    /** The latency in µs below which {@code fraction} (in (0, 1]) of the counted ones fall; null when none. */
    public Long percentile(double fraction) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must be in (0, 1], not " + fraction);
        }
        long total = total();
        if (total == 0) {
            return null;
        }
        double rank = fraction * total;
        long below = 0;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0 && below + counts[i] >= rank) {
                if (i == counts.length - 1) {
                    return bounds[i];
                }
                double within = (rank - below) / counts[i];
                return Math.round(bounds[i] + within * (bounds[i + 1] - bounds[i]));
            }
            below += counts[i];
        }
        return bounds[bounds.length - 1];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LatencyHistogram that && Arrays.equals(bounds, that.bounds) && Arrays.equals(counts, that.counts);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(bounds) + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "LatencyHistogram" + Arrays.toString(counts);
    }
}
