package io.gatehouse.analytics.invoice;

import java.util.UUID;

/**
 * Which invoices of a period to list: those of one organization, and/or those with at least one line
 * on one API or plan (whole invoices, all their lines). A null field does not narrow.
 */
public record InvoiceFilter(UUID organizationId, UUID apiId, UUID planId) {

    public static final InvoiceFilter ALL = new InvoiceFilter(null, null, null);

    boolean matches(Invoice invoice) {
        return (organizationId == null || organizationId.equals(invoice.organizationId()))
                && (apiId == null || invoice.lines().stream().anyMatch(line -> apiId.equals(line.apiId())))
                && (planId == null || invoice.lines().stream().anyMatch(line -> planId.equals(line.planId())));
    }
}
