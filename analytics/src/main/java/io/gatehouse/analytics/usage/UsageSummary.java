package io.gatehouse.analytics.usage;

import java.util.UUID;

/** Usage of one API by one application (or of one API in total) over a time window. */
public record UsageSummary(
        UUID apiId,
        String api,
        UUID applicationId,
        String application,
        long requests,
        long accepted,
        long rejected,
        long errors,
        long events,
        long requestBytes,
        long responseBytes) {
}
