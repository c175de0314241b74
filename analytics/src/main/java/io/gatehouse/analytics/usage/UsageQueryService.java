package io.gatehouse.analytics.usage;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

/** Counts the usage ledger per API and, when asked, per application, over {@code [from, to)}. */
@Service
public class UsageQueryService {

    private final NamedParameterJdbcTemplate jdbc;

    public UsageQueryService(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** {@code groupBy} holds {@code api} and/or {@code application}; an empty set sums everything. */
    public List<UsageSummary> summarize(Instant from, Instant to, Set<String> groupBy) {
        boolean byApi = groupBy.contains("api");
        boolean byApplication = groupBy.contains("application");
        List<String> keys = new ArrayList<>();
        if (byApi) {
            keys.add("u.api_id, a.name");
        }
        if (byApplication) {
            keys.add("u.application_id, ap.name");
        }
        String sql = "select "
                + (byApi ? "u.api_id, a.name as api, " : "null::uuid as api_id, null as api, ")
                + (byApplication ? "u.application_id, ap.name as application, " : "null::uuid as application_id, null as application, ")
                + """
                  count(*) filter (where u.kind = 'CALL') as requests,
                  count(*) filter (where u.outcome = 'ACCEPTED') as accepted,
                  count(*) filter (where u.outcome = 'REJECTED') as rejected,
                  count(*) filter (where u.outcome = 'FAILED' or u.status >= 500) as errors,
                  count(*) filter (where u.kind = 'EVENT') as events,
                  coalesce(sum(u.request_bytes), 0) as request_bytes,
                  coalesce(sum(u.response_bytes), 0) as response_bytes
                from usage_record u
                left join api a on a.id = u.api_id
                left join application ap on ap.id = u.application_id
                where u.occurred_at >= :from and u.occurred_at < :to
                """
                + (keys.isEmpty() ? "" : " group by " + String.join(", ", keys) + " order by " + String.join(", ", keys));
        MapSqlParameterSource parameters = new MapSqlParameterSource()
                .addValue("from", Timestamp.from(from))
                .addValue("to", Timestamp.from(to));
        return jdbc.query(sql, parameters, (row, i) -> new UsageSummary(
                row.getObject("api_id", UUID.class), row.getString("api"),
                row.getObject("application_id", UUID.class), row.getString("application"),
                row.getLong("requests"), row.getLong("accepted"), row.getLong("rejected"), row.getLong("errors"),
                row.getLong("events"), row.getLong("request_bytes"), row.getLong("response_bytes")));
    }
}
