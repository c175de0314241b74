package io.gatehouse.gateway.policy.quota;

import io.gatehouse.core.plan.Quota;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * A plan's quota as {@link QuotaPolicy} enforces it: at most {@code limit} calls per calendar
 * {@code period} in UTC, and what happens past it.
 */
public record QuotaConfig(long limit, Quota.Period period, Quota.OnExceed onExceed) {

    public QuotaConfig {
        if (limit <= 0) {
            throw new IllegalArgumentException("quota: limit must be positive, was " + limit);
        }
        if (period == null) {
            throw new IllegalArgumentException("quota: a period is required");
        }
        onExceed = onExceed == null ? Quota.OnExceed.BLOCK : onExceed;
    }

    /** The plan's quota, or {@code null} when it has none. */
    public static QuotaConfig of(Quota quota) {
        return quota == null ? null : new QuotaConfig(quota.limit(), quota.period(), quota.onExceed());
    }

    /** Where the period holding {@code now} starts: midnight UTC, of the day or of the month's first day. */
    public Instant periodStart(Instant now) {
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate start = period == Quota.Period.DAY ? day : day.withDayOfMonth(1);
        return start.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** Where the next period starts: when the quota resets. */
    public Instant periodEnd(Instant now) {
        LocalDate start = LocalDate.ofInstant(periodStart(now), ZoneOffset.UTC);
        LocalDate next = period == Quota.Period.DAY ? start.plusDays(1) : start.plusMonths(1);
        return next.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The name of the quota window in headers: {@code quota-day} or {@code quota-month}. */
    public String name() {
        return period == Quota.Period.DAY ? "quota-day" : "quota-month";
    }
}
