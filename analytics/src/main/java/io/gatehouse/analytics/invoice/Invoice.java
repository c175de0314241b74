package io.gatehouse.analytics.invoice;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An organization's invoice for one calendar month (UTC) in one currency: its lines and their total
 * ({@code total} = Σ line amounts, a decimal string). A DRAFT has no number and follows usage; at close
 * it becomes FINAL with a number ({@code INV-2026-000042}) and an issue time, and never changes again.
 * {@code creditNotes} are the corrections issued against it since, {@code credited} their sum.
 */
public record Invoice(
        UUID id,
        String number,
        UUID organizationId,
        String organization,
        String period,
        InvoiceStatus status,
        String currency,
        String total,
        Instant issuedAt,
        List<InvoiceLine> lines,
        List<CreditNote> creditNotes,
        String credited) {
}
