package io.gatehouse.analytics.rating;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Who usage is rated for: a subscription, or the anonymous traffic of a keyless plan
 * ({@code subscriptionId} null, no fees). Names are those of the registry at rating time; a
 * subscription binds from {@code startedAt} to {@code endedAt} (either may be null).
 */
public record Subject(
        UUID subscriptionId,
        UUID planId,
        String plan,
        UUID apiId,
        String api,
        UUID applicationId,
        String application,
        UUID organizationId,
        String organization,
        Instant startedAt,
        Instant endedAt) {

    /** Whether the flat fee runs on {@code day}: from the start day on, up to but excluding the end day. */
    public boolean bindsOn(LocalDate day) {
        if (subscriptionId == null || startedAt == null) {
            return false;
        }
        LocalDate first = LocalDate.ofInstant(startedAt, ZoneOffset.UTC);
        return !day.isBefore(first) && (endedAt == null || day.isBefore(LocalDate.ofInstant(endedAt, ZoneOffset.UTC)));
    }

    /** The day the subscription started, null when it never did. */
    public LocalDate startDay() {
        return startedAt == null ? null : LocalDate.ofInstant(startedAt, ZoneOffset.UTC);
    }
}
