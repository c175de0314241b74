package io.gatehouse.analytics.rollup;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The bucket sizes the ledger is rolled up in; buckets start on whole UTC units. Each has two tables: one
 * by every dimension ({@link #table}), one per API only, without who called ({@link #apiTable}).
 */
public enum Grain {
    MINUTE("usage_rollup_minute", ChronoUnit.MINUTES),
    HOUR("usage_rollup_hour", ChronoUnit.HOURS),
    DAY("usage_rollup_day", ChronoUnit.DAYS);

    private final String table;
    private final ChronoUnit unit;

    Grain(String table, ChronoUnit unit) {
        this.table = table;
        this.unit = unit;
    }

    public String table() {
        return table;
    }

    /** The rollup without plan, application, organization and subscription: far fewer rows. */
    public String apiTable() {
        return table.replace("usage_rollup_", "usage_rollup_api_");
    }

    public String table(boolean perApi) {
        return perApi ? apiTable() : table;
    }

    public Duration length() {
        return unit.getDuration();
    }

    /** The start of the bucket holding {@code instant}. */
    public Instant floor(Instant instant) {
        return instant.truncatedTo(unit);
    }

    /** The first bucket start at or after {@code instant}. */
    public Instant ceil(Instant instant) {
        Instant floor = floor(instant);
        return floor.equals(instant) ? instant : floor.plus(1, unit);
    }

    public Instant next(Instant bucketStart) {
        return bucketStart.plus(1, unit);
    }
}
