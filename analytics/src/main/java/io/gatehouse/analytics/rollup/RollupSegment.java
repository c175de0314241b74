package io.gatehouse.analytics.rollup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A run of whole buckets of one {@link Grain}: those starting in {@code [from, to)}.
 */
public record RollupSegment(Grain grain, Instant from, Instant to) {

    /**
     * The fewest buckets that cover {@code [from, to)} to the minute: minutes up to the first whole
     * hour, hours up to the first whole day, days, then hours and minutes again at the end. A minute
     * counts when it starts in the range, so both ends are first moved up to a minute boundary.
     */
    public static List<RollupSegment> cover(Instant from, Instant to) {
        Instant start = Grain.MINUTE.ceil(from);
        Instant end = Grain.MINUTE.ceil(to);
        List<RollupSegment> segments = new ArrayList<>(5);
        if (!start.isBefore(end)) {
            return segments;
        }
        Instant firstHour = Grain.HOUR.ceil(start);
        Instant lastHour = Grain.HOUR.floor(end);
        if (!firstHour.isBefore(lastHour)) {
            segments.add(new RollupSegment(Grain.MINUTE, start, end));
            return segments;
        }
        add(segments, Grain.MINUTE, start, firstHour);
        Instant firstDay = Grain.DAY.ceil(firstHour);
        Instant lastDay = Grain.DAY.floor(lastHour);
        if (firstDay.isBefore(lastDay)) {
            add(segments, Grain.HOUR, firstHour, firstDay);
            add(segments, Grain.DAY, firstDay, lastDay);
            add(segments, Grain.HOUR, lastDay, lastHour);
        } else {
            add(segments, Grain.HOUR, firstHour, lastHour);
        }
        add(segments, Grain.MINUTE, lastHour, end);
        return segments;
    }

    private static void add(List<RollupSegment> segments, Grain grain, Instant from, Instant to) {
        if (from.isBefore(to)) {
            segments.add(new RollupSegment(grain, from, to));
        }
    }
}
