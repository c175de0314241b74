package io.gatehouse.analytics.dashboard;

import io.gatehouse.analytics.rollup.Grain;
import io.gatehouse.analytics.rollup.LatencyBuckets;
import io.gatehouse.analytics.rollup.MinuteRetention;
import io.gatehouse.analytics.rollup.RollupFolder;
import io.gatehouse.analytics.rollup.RollupSegment;
import io.gatehouse.analytics.rollup.RollupSource;
import io.gatehouse.core.error.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The dashboards' questions, answered from the rollups only (never from raw records): traffic over time,
 * totals by outcome and status class, latency percentiles from the summed histograms, the busiest APIs,
 * applications and operations. The rollups are brought up to date first ({@link RollupFolder#foldNow}), so
 * every usage record stored before the query counts. Totals cover a range with whole minutes, hours and
 * days ({@link RollupSegment#cover}); a series reads the one grain it is drawn in. Minutes are kept for a
 * limited time ({@link MinuteRetention}): a question that needs purged minutes is refused, never answered
 * short. Each query reads the rollups and how far back minutes go in one snapshot (repeatable read, taken
 * at its first statement, after the fold), so a purge running meanwhile cannot take minutes from under it.
 */
@Service
@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
public class DashboardService {

    /** The most points a series may have. */
    public static final int MAX_POINTS = 1500;
    public static final int MAX_TOP = 100;

    /** Calls whose latency counts: those that reached the policies' end (accepted, or failed upstream). */
    private static final String TIMED = "kind = 'CALL' and outcome <> 'REJECTED'";
    private static final String ACTIVITY = """
            coalesce(sum(u.count) filter (where u.kind = 'CALL'), 0) as requests,
            coalesce(sum(u.count) filter (where u.kind = 'EVENT'), 0) as events,
            coalesce(sum(u.count) filter (where u.kind = 'CALL' and u.status_class >= 4), 0) as errors,
            coalesce(sum(u.request_bytes + u.response_bytes), 0) as bytes""";

    private final NamedParameterJdbcTemplate jdbc;
    private final LatencyBuckets buckets;
    private final RollupFolder folder;
    private final MinuteRetention minutes;

    public DashboardService(NamedParameterJdbcTemplate jdbc, LatencyBuckets buckets, RollupFolder folder,
                            MinuteRetention minutes) {
        this.jdbc = jdbc;
        this.buckets = buckets;
        this.folder = folder;
        this.minutes = minutes;
    }

    /** The grain a series of this range is drawn in when none is asked for: minutes up to 6 hours, hours up to 8 days. */
    public static Grain granularityFor(Instant from, Instant to) {
        Duration range = Duration.between(from, to);
        if (range.compareTo(Duration.ofHours(6)) <= 0) {
            return Grain.MINUTE;
        }
        return range.compareTo(Duration.ofDays(8)) <= 0 ? Grain.HOUR : Grain.DAY;
    }

    /**
     * @param granularity null to choose from the range ({@link #granularityFor}); hours rather than minutes
     *                    when the range starts before the minutes kept
     */
    public TrafficSeries series(DashboardFilter filter, Grain granularity) {
        Grain grain = granularity != null ? granularity : granularityFor(filter.from(), filter.to());
        long points = Duration.between(grain.floor(filter.from()), grain.ceil(filter.to())).dividedBy(grain.length());
        if (points > MAX_POINTS) {
            throw new InvalidInputException("/granularity", "a series has at most " + MAX_POINTS + " points; "
                    + grain.name().toLowerCase(Locale.ROOT) + "s over this range would be " + points);
        }
        folder.foldNow();
        if (grain == Grain.MINUTE) {
            Instant minutesKeptFrom = minutes.keptFrom();
            if (grain.floor(filter.from()).isBefore(minutesKeptFrom)) {
                if (granularity == Grain.MINUTE) {
                    throw minutes.refusal("/granularity", minutesKeptFrom, "must be hour or day");
                }
                grain = Grain.HOUR;
            }
        }
        Instant start = grain.floor(filter.from());
        Instant end = grain.ceil(filter.to());
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("start", RollupSource.timestamp(start))
                .addValue("end", RollupSource.timestamp(end));
        String sql = """
                select bucket_start,
                       coalesce(sum(count) filter (where kind = 'CALL'), 0),
                       coalesce(sum(count) filter (where kind = 'EVENT'), 0),
                       coalesce(sum(count) filter (where kind = 'CALL' and status_class = 4), 0),
                       coalesce(sum(count) filter (where kind = 'CALL' and status_class = 5), 0),
                       coalesce(sum(count) filter (where kind = 'EVENT' and outcome <> 'ACCEPTED'), 0),
                       %s
                from %s
                where bucket_start >= :start and bucket_start < :end and %s
                group by bucket_start""".formatted(buckets.sumColumns(TIMED), grain.table(filter.perApi()),
                filter.condition(params));
        Map<Instant, TrafficSeries.Point> found = new HashMap<>();
        jdbc.query(sql, params, rs -> {
            Instant at = rs.getTimestamp(1).toInstant();
            found.put(at, new TrafficSeries.Point(at, rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                    rs.getLong(6), Latency.of(buckets.histogram(rs, 7))));
        });
        List<TrafficSeries.Point> series = new ArrayList<>();
        for (Instant at = start; at.isBefore(end); at = grain.next(at)) {
            TrafficSeries.Point point = found.get(at);
            series.add(point != null ? point : new TrafficSeries.Point(at, 0, 0, 0, 0, 0, null));
        }
        return new TrafficSeries(filter.from(), filter.to(), grain, series);
    }

    public UsageOverview overview(DashboardFilter filter) {
        folder.foldNow();
        MapSqlParameterSource params = new MapSqlParameterSource();
        String source = source(filter, params, filter.perApi());
        long[] calls = new long[4];
        long[] events = new long[4];
        long[] bytes = new long[2];
        Map<String, Long> byStatusClass = new TreeMap<>();
        jdbc.query("""
                select kind, outcome, status_class, method = 'PUBLISH', sum(count), sum(request_bytes), sum(response_bytes)
                from %s u group by 1, 2, 3, 4""".formatted(source), params, rs -> {
            long count = rs.getLong(5);
            boolean accepted = "ACCEPTED".equals(rs.getString(2));
            if ("CALL".equals(rs.getString(1))) {
                calls[0] += count;
                calls[accepted ? 1 : "REJECTED".equals(rs.getString(2)) ? 2 : 3] += count;
                byStatusClass.merge(rs.getInt(3) + "xx", count, Long::sum);
            } else {
                events[0] += count;
                events[!accepted ? 3 : rs.getBoolean(4) ? 1 : 2] += count;
            }
            bytes[0] += rs.getLong(6);
            bytes[1] += rs.getLong(7);
        });
        Latency latency = jdbc.query("select " + buckets.sumColumns() + " from " + source + " u where " + TIMED, params,
                rs -> rs.next() ? Latency.of(buckets.histogram(rs, 1)) : null);
        return new UsageOverview(filter.from(), filter.to(),
                new UsageOverview.Calls(calls[0], calls[1], calls[2], calls[3], byStatusClass),
                new UsageOverview.Events(events[0], events[1], events[2], events[3]),
                new UsageOverview.Bytes(bytes[0], bytes[1]), latency);
    }

    /** The applications with the most calls and events in the range, busiest first. */
    public List<TopEntry> topApplications(DashboardFilter filter, int limit) {
        return top(filter, limit, false, "u.application_id", "app.name",
                "left join application app on app.id = u.application_id", "u.application_id is not null");
    }

    /** The APIs with the most calls and events in the range, busiest first. */
    public List<TopEntry> topApis(DashboardFilter filter, int limit) {
        return top(filter, limit, filter.perApi(), "u.api_id", "a.name", "left join api a on a.id = u.api_id", "true");
    }

    /** The operations and channels with the most calls and events in the range, busiest first. */
    public List<TopEntry> topOperations(DashboardFilter filter, int limit) {
        return top(filter, limit, filter.perApi(), "u.api_id", "concat_ws(' ', u.method, u.operation)", "", "true");
    }

    private List<TopEntry> top(DashboardFilter filter, int limit, boolean perApi, String id, String name, String join,
                               String condition) {
        if (limit < 1 || limit > MAX_TOP) {
            throw new InvalidInputException("/limit", "must be between 1 and " + MAX_TOP);
        }
        folder.foldNow();
        MapSqlParameterSource params = new MapSqlParameterSource().addValue("limit", limit);
        String sql = """
                select %1$s as id, %2$s as name, %3$s
                from %4$s u %5$s
                where %6$s
                group by 1, 2
                order by sum(u.count) desc, 1, 2
                limit :limit""".formatted(id, name, ACTIVITY, source(filter, params, perApi), join, condition);
        return jdbc.query(sql, params, (rs, row) -> new TopEntry(rs.getObject("id", UUID.class),
                rs.getString("name"), rs.getLong("requests"), rs.getLong("events"), rs.getLong("errors"), rs.getLong("bytes")));
    }

    /** The rollup rows of the filter's range; per API only when nothing about who called is asked. */
    private String source(DashboardFilter filter, MapSqlParameterSource params, boolean perApi) {
        return RollupSource.over(minutes.cover(filter.from(), filter.to()), filter.condition(params), params, perApi);
    }
}
