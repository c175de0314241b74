package io.gatehouse.analytics.rollup;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The latency histogram's bucket bounds, read once from the database ({@code usage_latency_bounds()}),
 * which owns them, and the SQL that sums stored histograms bucket by bucket.
 */
@Component
public class LatencyBuckets {

    private final JdbcTemplate jdbc;
    private volatile long[] bounds;

    public LatencyBuckets(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public long[] bounds() {
        long[] known = bounds;
        if (known == null) {
            known = jdbc.queryForObject("select usage_latency_bounds()", (rs, row) -> longs(rs.getArray(1)));
            bounds = known;
        }
        return known;
    }

    /**
     * {@code sum(latency_histogram[1]) filter (where <condition>), …}: one column per bucket, to be read
     * back with {@link #histogram} from column {@code first} on.
     */
    public String sumColumns(String condition) {
        return sums(" filter (where " + condition + ")");
    }

    /** {@code sum(latency_histogram[1]), …} over every row. */
    public String sumColumns() {
        return sums("");
    }

    private String sums(String filter) {
        StringBuilder sql = new StringBuilder();
        for (int i = 1; i <= bounds().length; i++) {
            sql.append(i == 1 ? "" : ", ").append("coalesce(sum(latency_histogram[").append(i).append("])").append(filter)
                    .append(", 0)");
        }
        return sql.toString();
    }

    public LatencyHistogram histogram(ResultSet rs, int first) throws SQLException {
        long[] counts = new long[bounds().length];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = rs.getLong(first + i);
        }
        return new LatencyHistogram(bounds(), counts);
    }

    private static long[] longs(Array array) throws SQLException {
        Object[] values = (Object[]) array.getArray();
        return Arrays.stream(values).mapToLong(value -> ((Number) value).longValue()).toArray();
    }
}
