package io.gatehouse.analytics.rollup;

import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Deletes minute rollups (both minute tables) older than {@code gatehouse.usage.minute-rollup-retention},
 * keeping every hour and day ({@code usage_minute_purge}, see V30). The cutoff is a UTC midnight, recorded
 * as the ledger's {@code minutes_kept_from}: folds no longer write minutes before it (a record that arrives
 * late still counts in its hour and day), and queries that would need them are refused
 * ({@link MinuteRetention}). Everything stored is folded first; then the rows are deleted, a batch per
 * transaction. Several control planes may purge at once; each runs it every
 * {@code gatehouse.usage.purge-interval} ({@link UsagePurgeSchedule}).
 */
@Component
public class MinuteRollupPurge {

    private static final Logger log = LoggerFactory.getLogger(MinuteRollupPurge.class);
    private final JdbcTemplate jdbc;
    private final RollupFolder folder;
    private final UsageLedgerProperties properties;
    private final Clock clock;

    public MinuteRollupPurge(JdbcTemplate jdbc, RollupFolder folder, UsageLedgerProperties properties,
                             ObjectProvider<Clock> clock) {
        this.jdbc = jdbc;
        this.folder = folder;
        this.properties = properties;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** Purges per the configured retention; returns the minute rows deleted. */
    public long purgeNow() {
        return purgeBefore(Grain.DAY.floor(clock.instant().minus(properties.minuteRollupRetention())));
    }

    /** Purges the minute rollups before {@code cutoff} (a UTC midnight); returns how many rows were deleted. */
    public long purgeBefore(Instant cutoff) {
        return purgeBefore(cutoff, properties.purgeBatch());
    }

    long purgeBefore(Instant cutoff, int batchSize) {
        long deleted = BatchedPurge.untilDone(jdbc, folder, "usage_minute_purge", cutoff, batchSize);
        if (deleted > 0) {
            log.info("Purged {} minute rollup row(s) before {}; hours and days kept", deleted, cutoff);
        }
        return deleted;
    }
}
