package io.gatehouse.gateway.event.stream;

import java.util.Arrays;

/**
 * Where a stream stands in its source: the last {@link StreamEvent#seq() seq} seen in each partition
 * (none: -1). Mutable and not thread-safe: its owner (a fan-out, a subscriber) guards it.
 *
 * <p>Its {@link #token() token} is the id consumers see and give back as {@code Last-Event-ID}: the
 * bare number when only partition 0 has been seen ({@code 1187}, a built-in id or the offset in a
 * one-partition Kafka topic), else {@code partition:seq} pairs ({@code 0:15,1:7,2:3}).
 */
public final class StreamPosition {

    private static final int MAX_PARTITIONS = 10_000;

    private long[] last;

    public StreamPosition() {
        this.last = new long[0];
    }

    private StreamPosition(long[] last) {
        this.last = last;
    }

    /** The position of a token, or null when {@code token} is not one. */
    public static StreamPosition parse(String token) {
        if (token == null || token.isBlank()) {
            return null;
        }
        StreamPosition position = new StreamPosition();
        try {
            String text = token.strip();
            if (text.indexOf(':') < 0) {
                position.set(0, nonNegative(text));
                return position;
            }
            for (String pair : text.split(",", -1)) {
                int colon = pair.indexOf(':');
                if (colon < 0) {
                    return null;
                }
                long partition = nonNegative(pair.substring(0, colon));
                if (partition >= MAX_PARTITIONS) {
                    return null;
                }
                position.set((int) partition, nonNegative(pair.substring(colon + 1)));
            }
            return position;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static long nonNegative(String text) {
        long value = Long.parseLong(text.strip());
        if (value < 0) {
            throw new NumberFormatException(text);
        }
        return value;
    }

    /** The last seq seen in {@code partition}, -1 when none. */
    public long last(int partition) {
        return partition < last.length ? last[partition] : -1;
    }

    /** Whether {@code event} is at or before this position: it was seen already. */
    public boolean covers(StreamEvent event) {
        return last(event.partition()) >= event.seq();
    }

    /** Moves past {@code event} (never backwards). */
    public void advance(StreamEvent event) {
        if (event.seq() > last(event.partition())) {
            set(event.partition(), event.seq());
        }
    }

    /** Moves to the furthest of this position and {@code other}, partition by partition. */
    public void merge(StreamPosition other) {
        for (int partition = 0; partition < other.last.length; partition++) {
            if (other.last[partition] > last(partition)) {
                set(partition, other.last[partition]);
            }
        }
    }

    public void set(int partition, long seq) {
        if (partition >= last.length) {
            int size = last.length;
            last = Arrays.copyOf(last, partition + 1);
            Arrays.fill(last, size, last.length, -1);
        }
        last[partition] = seq;
    }

    /** How many partitions it knows of (the highest partition seen, plus one). */
    public int partitions() {
        return last.length;
    }

    /** Whether only partition 0 was seen: then the token of an event of partition 0 is its own seq. */
    public boolean single() {
        for (int partition = 1; partition < last.length; partition++) {
            if (last[partition] >= 0) {
                return false;
            }
        }
        return true;
    }

    public StreamPosition copy() {
        return new StreamPosition(last.clone());
    }

    public String token() {
        if (single()) {
            return Long.toString(last(0));
        }
        StringBuilder token = new StringBuilder();
        for (int partition = 0; partition < last.length; partition++) {
            if (last[partition] >= 0) {
                if (!token.isEmpty()) {
                    token.append(',');
                }
                token.append(partition).append(':').append(last[partition]);
            }
        }
        return token.toString();
    }

    @Override
    public String toString() {
        return token();
    }
}
