package io.gatehouse.analytics.rollup;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The usage ledger's upkeep, under {@code gatehouse.usage} (so {@code GATEHOUSE_USAGE_RAW_RETENTION} and
 * its siblings bind from the environment). Hour and day rollups are kept whatever the retentions say.
 *
 * @param foldInterval          how often the control plane folds newly stored records into the rollups
 * @param rawRetention          raw records older than this (counted in whole UTC days) are purged; unset keeps them all
 * @param minuteRollupRetention minute rollups older than this are purged; whole days, 35 by default: a month's
 *                              ranges that start or end within an hour, with a few days to spare
 * @param purgeInterval         how often the control plane looks for records and minute rollups to purge
 * @param purgeBatch            rows deleted per transaction while purging
 */
@ConfigurationProperties("gatehouse.usage")
public record UsageLedgerProperties(
        @DefaultValue("1s") Duration foldInterval,
        Duration rawRetention,
        @DefaultValue("35d") Duration minuteRollupRetention,
        @DefaultValue("1h") Duration purgeInterval,
        @DefaultValue("50000") int purgeBatch) {

    public UsageLedgerProperties {
        if (foldInterval == null || !foldInterval.isPositive()) {
            throw new IllegalArgumentException("gatehouse.usage.fold-interval must be positive");
        }
        if (rawRetention != null && rawRetention.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException("gatehouse.usage.raw-retention must be at least one day (or unset: keep all)");
        }
        if (minuteRollupRetention == null || !minuteRollupRetention.isPositive()
                || !minuteRollupRetention.equals(Duration.ofDays(minuteRollupRetention.toDays()))) {
            throw new IllegalArgumentException("gatehouse.usage.minute-rollup-retention must be a positive number of whole days"
                    + " (e.g. 35d), not " + minuteRollupRetention);
        }
        if (purgeInterval == null || !purgeInterval.isPositive()) {
            throw new IllegalArgumentException("gatehouse.usage.purge-interval must be positive");
        }
        if (purgeBatch < 1) {
            throw new IllegalArgumentException("gatehouse.usage.purge-batch must be positive");
        }
    }
}
