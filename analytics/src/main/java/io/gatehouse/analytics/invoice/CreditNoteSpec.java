package io.gatehouse.analytics.invoice;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The wire shape of {@code POST /billing/invoices/{id}/credit-notes}: an amount (decimal string) and why. */
public record CreditNoteSpec(@NotBlank @Size(max = 40) String amount, @NotBlank @Size(max = 500) String reason) {
}
