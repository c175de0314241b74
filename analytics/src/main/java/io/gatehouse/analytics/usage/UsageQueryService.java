package io.gatehouse.analytics.usage;

import io.gatehouse.analytics.range.QueryDates;
import io.gatehouse.analytics.rollup.MinuteRetention;
import io.gatehouse.analytics.rollup.RollupFolder;
import io.gatehouse.analytics.rollup.RollupSegment;
import io.gatehouse.analytics.rollup.RollupSource;
import io.gatehouse.core.error.InvalidInputException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts the usage ledger per API and/or application over a time range, in one grouped query over the
 * rollups, brought up to date first: the range is covered with whole minutes, hours and days
 * ({@link RollupSegment#cover}), a minute counting when it starts in the range. A range whose partial-hour
 * edge lies before the minutes kept is refused ({@link MinuteRetention}); the rollups and how far back
 * minutes go are read in one snapshot (repeatable read, taken after the fold).
 */
@Service
@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
public class UsageQueryService {

    /** The dimensions {@link #summarize} may group by. */
    public static final Set<String> DIMENSIONS = Set.of("api", "application");

    private static final String COUNTS = """
            coalesce(sum(u.count) filter (where u.kind = 'CALL'), 0) as requests,
            coalesce(sum(u.count) filter (where u.outcome = 'ACCEPTED'), 0) as accepted,
            coalesce(sum(u.count) filter (where u.outcome = 'REJECTED'), 0) as rejected,
            coalesce(sum(u.count) filter (where u.outcome = 'FAILED' or u.status_class >= 5), 0) as errors,
            coalesce(sum(u.count) filter (where u.kind = 'EVENT'), 0) as events,
            coalesce(sum(u.request_bytes), 0) as request_bytes,
            coalesce(sum(u.response_bytes), 0) as response_bytes
            """;

    private final NamedParameterJdbcTemplate jdbc;
    private final RollupFolder folder;
    private final MinuteRetention minutes;

    public UsageQueryService(NamedParameterJdbcTemplate jdbc, RollupFolder folder, MinuteRetention minutes) {
        this.jdbc = jdbc;
        this.folder = folder;
        this.minutes = minutes;
    }

    /**
     * Usage in {@code [from, to)} grouped by {@code groupBy}, a subset of {@link #DIMENSIONS} (case and
     * surrounding blanks ignored); {@code null} or empty groups by both. Groups are ordered by API name, then application name (unidentified last).
     */
    public List<UsageSummary> summarize(Instant from, Instant to, Set<String> groupBy) {
        QueryDates.requireRange(from, to);
        Set<String> dimensions = dimensions(groupBy);
        boolean byApi = dimensions.contains("api");
        boolean byApplication = dimensions.contains("application");
        folder.foldNow();
        MapSqlParameterSource params = new MapSqlParameterSource();
        String sql = "select "
                + (byApi ? "u.api_id, a.name as api_name, " : "")
                + (byApplication ? "u.application_id, app.name as application_name, " : "")
                + COUNTS
                + " from " + RollupSource.over(minutes.cover(from, to), "true", params, !byApplication) + " u"
                + (byApi ? " left join api a on a.id = u.api_id" : "")
                + (byApplication ? " left join application app on app.id = u.application_id" : "")
                + groupAndOrder(byApi, byApplication);
        return jdbc.query(sql, params, (rs, row) -> summary(rs, byApi, byApplication));
    }

    private static Set<String> dimensions(Set<String> groupBy) {
        if (groupBy == null || groupBy.isEmpty()) {
            return DIMENSIONS;
        }
        Set<String> dimensions = new HashSet<>();
        for (String dimension : groupBy) {
            String name = dimension == null ? "" : dimension.strip().toLowerCase(Locale.ROOT);
            if (!DIMENSIONS.contains(name)) {
                throw new InvalidInputException("/groupBy", "unknown dimension '" + dimension + "'; use api, application or both");
            }
            dimensions.add(name);
        }
        return dimensions;
    }

    private static String groupAndOrder(boolean byApi, boolean byApplication) {
        if (byApi && byApplication) {
            return " group by u.api_id, a.name, u.application_id, app.name"
                    + " order by a.name, u.api_id, app.name nulls last, u.application_id nulls last";
        }
        if (byApi) {
            return " group by u.api_id, a.name order by a.name, u.api_id";
        }
        return " group by u.application_id, app.name order by app.name nulls last, u.application_id nulls last";
    }

    private static UsageSummary summary(ResultSet rs, boolean byApi, boolean byApplication) throws SQLException {
        return new UsageSummary(
                byApi ? rs.getObject("api_id", UUID.class) : null,
                byApi ? rs.getString("api_name") : null,
                byApplication ? rs.getObject("application_id", UUID.class) : null,
                byApplication ? rs.getString("application_name") : null,
                rs.getLong("requests"),
                rs.getLong("accepted"),
                rs.getLong("rejected"),
                rs.getLong("errors"),
                rs.getLong("events"),
                rs.getLong("request_bytes"),
                rs.getLong("response_bytes"));
    }
}
