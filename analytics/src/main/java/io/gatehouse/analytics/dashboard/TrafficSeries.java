package io.gatehouse.analytics.dashboard;

import io.gatehouse.analytics.rollup.Grain;
import java.time.Instant;
import java.util.List;

/**
 * Traffic per bucket of {@code granularity}, every bucket from the one holding {@code from} to the one
 * holding the end of the range, empty ones included.
 */
public record TrafficSeries(Instant from, Instant to, Grain granularity, List<Point> points) {

    /**
     * One bucket: calls ({@code requests}) and events, calls answered 4xx ({@code clientErrors}, rejections
     * included) and 5xx ({@code serverErrors}), events dropped before their consumer, and the latency of
     * the bucket's calls (null when none passed the policies).
     */
    public record Point(Instant start, long requests, long events, long clientErrors, long serverErrors,
                        long droppedEvents, Latency latency) {
    }
}
