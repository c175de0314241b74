package io.gatehouse.console.billing.rest;

import io.gatehouse.analytics.invoice.InvoiceService;
import io.gatehouse.console.security.Tenancy;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/** For {@code @PreAuthorize} as {@code @invoiceAccess}: a developer sees the invoices of their own organization only. */
@Component("invoiceAccess")
public class InvoiceAccess {

    private final InvoiceService invoices;
    private final Tenancy tenancy;

    public InvoiceAccess(InvoiceService invoices, Tenancy tenancy) {
        this.invoices = invoices;
        this.tenancy = tenancy;
    }

    public boolean ownsInvoice(Authentication caller, UUID invoiceId) {
        return invoiceId != null && invoices.organizationOf(invoiceId).map(org -> tenancy.isOwnOrganization(caller, org)).orElse(false);
    }
}
