package io.gatehouse.console.usage.rest;

import io.gatehouse.analytics.usage.UsageSummary;
import java.util.UUID;

/** The usage of one API by one application: the wire shape of {@code GET /usage}, with {@code bytes} in and out summed. */
public record UsageView(String api, UUID apiId, String application, UUID applicationId, long requests, long accepted,
                        long rejected, long errors, long events, long bytes, long requestBytes, long responseBytes) {

    static UsageView of(UsageSummary summary) {
        return new UsageView(summary.api(), summary.apiId(), summary.application(), summary.applicationId(),
                summary.requests(), summary.accepted(), summary.rejected(), summary.errors(), summary.events(),
                summary.requestBytes() + summary.responseBytes(), summary.requestBytes(), summary.responseBytes());
    }
}
