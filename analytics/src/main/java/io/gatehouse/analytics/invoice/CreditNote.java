package io.gatehouse.analytics.invoice;

import java.time.Instant;
import java.util.UUID;

/** A correction of a FINAL invoice: {@code amount} (a decimal string) credited back, with its own number. */
public record CreditNote(UUID id, String number, UUID invoiceId, String currency, String amount, String reason,
                         Instant issuedAt, String issuedBy) {
}
