package io.gatehouse.analytics.invoice;

/** A DRAFT invoice follows its open period's usage; a FINAL one, issued at close, never changes. */
public enum InvoiceStatus {
    DRAFT, FINAL
}
