package io.gatehouse.analytics.usage;

import java.util.UUID;

/**
 * Usage counts for one group of the ledger over a time range. The API and application fields are
 * {@code null} when the query did not group by them; when grouped by application, calls whose caller
 * the gateway could not identify (no or a bad credential, keyless plans) form a group whose
 * {@code applicationId} is {@code null}.
 *
 * <p>{@code requests} counts CALL records and {@code events} EVENT records. {@code accepted},
 * {@code rejected} and {@code errors} count records of both kinds: accepted and rejected by outcome,
 * errors when the outcome is FAILED or the status is 5xx (an accepted call the upstream answered
 * with a 5xx is both accepted and an error). So {@code requests + events = accepted + rejected +
 * failed}. Bytes are summed over every record of the group.
 */
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
