package io.gatehouse.analytics.rollup;

import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Folds what is pending, then calls a purge function of the ledger ({@code f(cutoff, batch)}, returning how
 * many rows it deleted) until it deletes fewer than a batch.
 */
final class BatchedPurge {

    private BatchedPurge() {
    }

    /** The rows {@code function} deleted before {@code cutoff}, which must be a UTC midnight, a transaction per batch. */
    static long untilDone(JdbcTemplate jdbc, RollupFolder folder, String function, Instant cutoff, int batchSize) {
        if (!cutoff.equals(Grain.DAY.floor(cutoff))) {
            throw new IllegalArgumentException("the cutoff must be a UTC midnight, not " + cutoff);
        }
        folder.foldNow();
        long deleted = 0;
        Integer batch;
        do {
            batch = jdbc.queryForObject("select " + function + "(?, ?)", Integer.class, RollupSource.timestamp(cutoff), batchSize);
            deleted += batch == null ? 0 : batch;
        } while (batch != null && batch == batchSize);
        return deleted;
    }
}
