package io.gatehouse.analytics.rollup;

import io.gatehouse.analytics.range.QueryDates;
import io.gatehouse.core.error.InvalidInputException;
import java.sql.SQLException;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds the rollups of a range from the raw records ({@code usage_rollup_rebuild_days}, see V20), for
 * when they are in doubt (a restored backup, a changed rollup definition). The range is widened to whole
 * UTC days and rebuilt one day per transaction, from the records folded so far (the others are folded
 * next, as usual), so writers of usage never wait and no record is missed or counted twice.
 */
@Service
public class RollupRebuildService {

    private static final Logger log = LoggerFactory.getLogger(RollupRebuildService.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    public RollupRebuildService(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** What a rebuild covered: whole UTC days {@code [from, to)}. */
    public record Rebuilt(Instant from, Instant to, int days) {
    }

    public Rebuilt rebuild(Instant from, Instant to) {
        QueryDates.requireRange(from, to);
        Instant start = Grain.DAY.floor(from);
        Instant end = Grain.DAY.ceil(to);
        Instant horizon = rawKeptFrom();
        if (start.isBefore(horizon)) {
            throw new InvalidInputException("/from", "raw usage before " + horizon
                    + " has been purged (gatehouse.usage.raw-retention); rollups from there on cannot be rebuilt");
        }
        int days = 0;
        for (Instant day = start; day.isBefore(end); day = Grain.DAY.next(day)) {
            Object[] bounds = {RollupSource.timestamp(day), RollupSource.timestamp(Grain.DAY.next(day))};
            try {
                transactions.executeWithoutResult(status -> jdbc.queryForObject(
                        "select usage_rollup_rebuild_days(?, ?)::text", String.class, bounds));
            } catch (DataAccessException e) {
                if (e.getMostSpecificCause() instanceof SQLException sql && "22023".equals(sql.getSQLState())) {
                    throw new InvalidInputException("/from", sql.getMessage());
                }
                throw e;
            }
            days++;
        }
        log.info("Rebuilt the usage rollups of {} day(s) from {} to {}", days, start, end);
        return new Rebuilt(start, end, days);
    }

    /** Raw records before this instant have been purged; {@link Instant#MIN} when none were. */
    public Instant rawKeptFrom() {
        return jdbc.queryForObject("select case when raw_kept_from = '-infinity' then null else raw_kept_from end"
                + " from usage_ledger_state", (rs, row) -> {
                    java.sql.Timestamp at = rs.getTimestamp(1);
                    return at == null ? Instant.MIN : at.toInstant();
                });
    }
}
