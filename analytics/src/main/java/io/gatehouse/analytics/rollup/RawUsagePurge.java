package io.gatehouse.analytics.rollup;

import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Deletes raw usage records older than {@code gatehouse.usage.raw-retention}, keeping the rollups
 * ({@code usage_raw_purge}, see V20). The cutoff is a UTC midnight, recorded as the ledger's
 * {@code raw_kept_from}: records older than it are no longer folded (their duplicates could no longer be
 * recognised) and rollups before it can no longer be rebuilt. Everything stored is folded first; then
 * the records are deleted, a batch per transaction. Several control planes may purge at once; each runs
 * it every {@code gatehouse.usage.purge-interval} ({@link UsagePurgeSchedule}).
 */
@Component
public class RawUsagePurge {

    private static final Logger log = LoggerFactory.getLogger(RawUsagePurge.class);
    private final JdbcTemplate jdbc;
    private final RollupFolder folder;
    private final UsageLedgerProperties properties;
    private final Clock clock;

    public RawUsagePurge(JdbcTemplate jdbc, RollupFolder folder, UsageLedgerProperties properties, ObjectProvider<Clock> clock) {
        this.jdbc = jdbc;
        this.folder = folder;
        this.properties = properties;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** Purges per the configured retention; returns the records deleted (0 when nothing is configured). */
    public long purgeNow() {
        if (properties.rawRetention() == null) {
            return 0;
        }
        return purgeBefore(Grain.DAY.floor(clock.instant().minus(properties.rawRetention())));
    }

    /** Purges raw records before {@code cutoff} (a UTC midnight); returns how many were deleted. */
    public long purgeBefore(Instant cutoff) {
        long deleted = BatchedPurge.untilDone(jdbc, folder, "usage_raw_purge", cutoff, properties.purgeBatch());
        if (deleted > 0) {
            log.info("Purged {} raw usage record(s) before {}; rollups kept", deleted, cutoff);
        }
        return deleted;
    }
}
