package io.gatehouse.analytics.rollup;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * The rollup rows of a range as one SQL subquery: a {@code union all} of each {@link RollupSegment}'s
 * table, every branch filtered on its buckets and on {@code condition}, so that the caller aggregates
 * the rows as if they came from one table. With {@code perApi}, the per-API tables, which have no
 * plan, application, organization or subscription columns.
 */
public final class RollupSource {

    private RollupSource() {
    }

    /**
     * @param condition a predicate on rollup columns using parameters already in {@code params}, or "true"
     * @return {@code (select … union all …)}, its bucket parameters added to {@code params}
     */
    public static String over(List<RollupSegment> segments, String condition, MapSqlParameterSource params, boolean perApi) {
        if (segments.isEmpty()) {
            return "(select * from " + Grain.MINUTE.table(perApi) + " where false)";
        }
        StringBuilder sql = new StringBuilder("(");
        for (int i = 0; i < segments.size(); i++) {
            RollupSegment segment = segments.get(i);
            String from = "segment" + i + "From";
            String to = "segment" + i + "To";
            params.addValue(from, timestamp(segment.from())).addValue(to, timestamp(segment.to()));
            sql.append(i == 0 ? "" : " union all ")
                    .append("select * from ").append(segment.grain().table(perApi))
                    .append(" where bucket_start >= :").append(from).append(" and bucket_start < :").append(to)
                    .append(" and (").append(condition).append(')');
        }
        return sql.append(')').toString();
    }

    public static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
