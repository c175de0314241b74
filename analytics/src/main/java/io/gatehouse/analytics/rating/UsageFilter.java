package io.gatehouse.analytics.rating;

import java.util.UUID;

/** Narrows rated usage to one organization, API and/or plan; a null field does not narrow. */
public record UsageFilter(UUID organizationId, UUID apiId, UUID planId) {

    public static final UsageFilter ALL = new UsageFilter(null, null, null);
}
