package io.gatehouse.analytics.rollup;

import java.sql.Array;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/** The measures of one rollup row, keyed by its bucket and dimensions; computed here or read from a rollup table. */
record Measures(long count, long requestBytes, long responseBytes, long latencySum, long overage, List<Long> histogram) {

    private static final UUID NIL = new UUID(0, 0);

    static Map<String, Measures> read(JdbcTemplate jdbc, Grain grain) {
        return read(jdbc, grain, false);
    }

    /** The rows of a rollup table; {@code perApi}: the per-API one, whose keys have no consumer dimensions. */
    static Map<String, Measures> read(JdbcTemplate jdbc, Grain grain, boolean perApi) {
        Map<String, Measures> rows = new HashMap<>();
        jdbc.query("select * from " + grain.table(perApi), rs -> {
            String key = key(rs.getTimestamp("bucket_start").toInstant().toString(), rs.getObject("api_id"),
                    rs.getString("operation"), rs.getString("method"),
                    perApi ? null : rs.getObject("plan_id"), perApi ? null : rs.getObject("application_id"),
                    perApi ? null : rs.getObject("organization_id"), perApi ? null : rs.getObject("subscription_id"),
                    rs.getString("kind"), rs.getBoolean("billable"), rs.getString("outcome"), rs.getInt("status_class"));
            Array histogram = rs.getArray("latency_histogram");
            Measures measures = new Measures(rs.getLong("count"), rs.getLong("request_bytes"), rs.getLong("response_bytes"),
                    rs.getLong("latency_micros_sum"), rs.getLong("overage_count"),
                    Arrays.stream((Object[]) histogram.getArray()).map(v -> ((Number) v).longValue()).toList());
            if (rows.put(key, measures) != null) {
                throw new AssertionError("two rows for " + key + " in " + grain.table(perApi));
            }
        });
        return rows;
    }

    /** The rollup rows the distinct {@code records} make, summed here: '' and the nil UUID count as none. */
    static Map<String, Measures> expected(List<RawRecord> records, Grain grain, long[] bounds, boolean perApi) {
        Map<String, long[]> sums = new HashMap<>();
        for (RawRecord r : records) {
            String key = key(grain.floor(r.occurredAt()).toString(), r.apiId(), blank(r.operation()), blank(r.method()),
                    perApi ? null : none(r.planId()), perApi ? null : none(r.applicationId()),
                    perApi ? null : none(r.organizationId()), perApi ? null : none(r.subscriptionId()), r.kind(),
                    r.billable(), r.outcome(), r.status() / 100);
            long[] sum = sums.computeIfAbsent(key, k -> new long[5 + bounds.length]);
            sum[0]++;
            sum[1] += r.requestBytes();
            sum[2] += r.responseBytes();
            sum[3] += r.latencyMicros();
            sum[4] += r.overage() ? 1 : 0;
            sum[5 + bucket(bounds, r.latencyMicros())]++;
        }
        Map<String, Measures> rows = new HashMap<>();
        sums.forEach((key, sum) -> rows.put(key, new Measures(sum[0], sum[1], sum[2], sum[3], sum[4],
                Arrays.stream(sum, 5, sum.length).boxed().toList())));
        return rows;
    }

    /** The 0-based bucket of {@code latency}: the last bound at or below it. */
    private static int bucket(long[] bounds, long latency) {
        int bucket = 0;
        while (bucket + 1 < bounds.length && bounds[bucket + 1] <= latency) {
            bucket++;
        }
        return bucket;
    }

    private static String blank(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static UUID none(UUID value) {
        return NIL.equals(value) ? null : value;
    }

    private static String key(Object... parts) {
        return String.join("|", Arrays.stream(parts).map(p -> Objects.toString(p, "-")).toList());
    }
}
