package io.gatehouse.analytics.invoice;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A closed billing period and the FINAL invoices its close issued. */
public record PeriodClose(String period, Instant closedAt, List<Issued> invoices) {

    /** One issued invoice, in short. */
    public record Issued(UUID id, String number, UUID organizationId, String currency, String total) {
    }
}
