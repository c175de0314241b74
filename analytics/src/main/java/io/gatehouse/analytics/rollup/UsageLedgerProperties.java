package io.gatehouse.analytics.rollup;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The usage ledger's upkeep, under {@code gatehouse.usage} (so {@code GATEHOUSE_USAGE_RAW_RETENTION} and
 * its siblings bind from the environment). Rollups are kept whatever the raw retention says.
 *
 * @param foldInterval  how often the control plane folds newly stored records into the rollups
 * @param rawRetention  raw records older than this (counted in whole UTC days) are purged; unset keeps them all
 * @param purgeInterval how often the control plane looks for records to purge
 * @param purgeBatch    records deleted per transaction while purging
 */
@ConfigurationProperties("gatehouse.usage")
public record UsageLedgerProperties(
        @DefaultValue("1s") Duration foldInterval,
        Duration rawRetention,
        @DefaultValue("1h") Duration purgeInterval,
        @DefaultValue("50000") int purgeBatch) {

    public UsageLedgerProperties {
        if (foldInterval == null || !foldInterval.isPositive()) {
            throw new IllegalArgumentException("gatehouse.usage.fold-interval must be positive");
        }
        if (rawRetention != null && rawRetention.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException("gatehouse.usage.raw-retention must be at least one day (or unset: keep all)");
        }
        if (purgeInterval == null || !purgeInterval.isPositive()) {
            throw new IllegalArgumentException("gatehouse.usage.purge-interval must be positive");
        }
        if (purgeBatch < 1) {
            throw new IllegalArgumentException("gatehouse.usage.purge-batch must be positive");
        }
    }
}
