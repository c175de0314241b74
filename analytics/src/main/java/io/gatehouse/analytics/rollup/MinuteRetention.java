package io.gatehouse.analytics.rollup;

import io.gatehouse.core.error.InvalidInputException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * How far back minute rollups go ({@code gatehouse.usage.minute-rollup-retention}; the ledger records the
 * cutoff as {@code minutes_kept_from}), for queries: a question that needs purged minutes is refused,
 * naming the parameter to change, rather than answered short. Every minute from {@link #keptFrom} on is
 * complete (V30), so a query that reads it in the same snapshot as the rollups is exact.
 */
@Component
public class MinuteRetention {

    private final JdbcTemplate jdbc;
    private final UsageLedgerProperties properties;

    public MinuteRetention(JdbcTemplate jdbc, UsageLedgerProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** Minute rollups before this instant (a UTC midnight) have been purged; {@link Instant#MIN} when none were. */
    public Instant keptFrom() {
        Timestamp keptFrom = jdbc.queryForObject(
                "select nullif(minutes_kept_from, '-infinity') from usage_ledger_state", Timestamp.class);
        return keptFrom == null ? Instant.MIN : keptFrom.toInstant();
    }

    /**
     * {@link RollupSegment#cover}: minutes at the range's partial-hour edges, hours and days between. An
     * edge before {@link #keptFrom} must be a whole hour, or it is refused, naming {@code /from} or {@code /to}
     * (the minutes of the start edge run up to a whole hour, those of the end edge start on one).
     */
    public List<RollupSegment> cover(Instant from, Instant to) {
        List<RollupSegment> segments = RollupSegment.cover(from, to);
        Instant keptFrom = segments.stream().anyMatch(s -> s.grain() == Grain.MINUTE) ? keptFrom() : Instant.MIN;
        for (RollupSegment segment : segments) {
            if (segment.grain() == Grain.MINUTE && segment.from().isBefore(keptFrom)) {
                boolean startEdge = !segment.from().equals(Grain.HOUR.floor(segment.from()));
                throw refusal(startEdge ? "/from" : "/to", keptFrom, "must be a whole hour");
            }
        }
        return segments;
    }

    /**
     * The refusal of a question needing minutes before {@code keptFrom}, naming {@code pointer};
     * {@code requirement} says what the parameter must be instead ("must be a whole hour").
     */
    public InvalidInputException refusal(String pointer, Instant keptFrom, String requirement) {
        return new InvalidInputException(pointer, requirement + " this far back: minute precision is kept for "
                + properties.minuteRollupRetention().toDays() + " days (gatehouse.usage.minute-rollup-retention) and minutes"
                + " before " + keptFrom + " have been purged");
    }
}
