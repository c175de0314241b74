package io.gatehouse.console.billing.rest;

import io.gatehouse.analytics.export.InvoiceCsv;
import io.gatehouse.analytics.export.InvoicePdf;
import io.gatehouse.analytics.invoice.CreditNote;
import io.gatehouse.analytics.invoice.CreditNoteService;
import io.gatehouse.analytics.invoice.CreditNoteSpec;
import io.gatehouse.analytics.invoice.Invoice;
import io.gatehouse.analytics.invoice.InvoiceFilter;
import io.gatehouse.analytics.invoice.InvoiceService;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Invoices: {@code GET /api/v1/billing/invoices?period=2026-11} (and {@code organization}, {@code api},
 * {@code plan}) as JSON or CSV, one invoice as JSON, CSV or PDF, and its credit notes. Billing and
 * admins see every organization's invoices; a developer those of their own organization (naming it in
 * {@code organization} when listing). Only billing and admins issue credit notes.
 */
@RestController
@RequestMapping("/api/v1/billing/invoices")
public class InvoiceController {

    static final String TEXT_CSV = "text/csv";
    static final String PDF = "application/pdf";
    private static final String LIST_READERS = "hasAnyRole('ADMIN', 'BILLING') or (hasRole('DEVELOPER') and #organization != null"
            + " and @tenancy.isOwnOrganization(authentication, #organization))";
    private static final String READERS = "hasAnyRole('ADMIN', 'BILLING') or (hasRole('DEVELOPER') and @invoiceAccess.ownsInvoice(authentication, #id))";

    private final InvoiceService invoices;
    private final CreditNoteService creditNotes;

    public InvoiceController(InvoiceService invoices, CreditNoteService creditNotes) {
        this.invoices = invoices;
        this.creditNotes = creditNotes;
    }

    @GetMapping
    @PreAuthorize(LIST_READERS)
    public List<Invoice> list(@RequestParam(required = false) String period, @RequestParam(required = false) UUID organization,
                              @RequestParam(required = false) UUID api, @RequestParam(required = false) UUID plan) {
        return invoices.list(BillingPeriodParameter.parse(period), new InvoiceFilter(organization, api, plan));
    }

    @GetMapping(produces = TEXT_CSV)
    @PreAuthorize(LIST_READERS)
    public void listCsv(@RequestParam(required = false) String period, @RequestParam(required = false) UUID organization,
                        @RequestParam(required = false) UUID api, @RequestParam(required = false) UUID plan,
                        HttpServletResponse response) throws IOException {
        List<Invoice> found = list(period, organization, api, plan);
        response.setContentType(TEXT_CSV + ";charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"invoices-" + period.strip() + ".csv\"");
        InvoiceCsv.write(found, response.getWriter());
        response.getWriter().flush();
    }

    @GetMapping("/{id}")
    @PreAuthorize(READERS)
    public Invoice get(@PathVariable UUID id) {
        return invoices.get(id);
    }

    @GetMapping(path = "/{id}", produces = TEXT_CSV)
    @PreAuthorize(READERS)
    public void getCsv(@PathVariable UUID id, HttpServletResponse response) throws IOException {
        Invoice invoice = invoices.get(id);
        response.setContentType(TEXT_CSV + ";charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName(invoice) + ".csv\"");
        InvoiceCsv.write(List.of(invoice), response.getWriter());
        response.getWriter().flush();
    }

    @GetMapping(path = "/{id}", produces = PDF)
    @PreAuthorize(READERS)
    public void getPdf(@PathVariable UUID id, HttpServletResponse response) throws IOException {
        Invoice invoice = invoices.get(id);
        response.setContentType(PDF);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName(invoice) + ".pdf\"");
        InvoicePdf.write(invoice, response.getOutputStream());
    }

    @GetMapping("/{id}/credit-notes")
    @PreAuthorize(READERS)
    public List<CreditNote> creditNotes(@PathVariable UUID id) {
        return creditNotes.forInvoice(id);
    }

    @PostMapping("/{id}/credit-notes")
    @PreAuthorize("hasAnyRole('ADMIN', 'BILLING')")
    public ResponseEntity<CreditNote> credit(@PathVariable UUID id, @RequestBody CreditNoteSpec spec, Authentication caller) {
        CreditNote note = creditNotes.issue(id, spec, caller.getName());
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{noteId}")
                .buildAndExpand(note.id()).toUri()).body(note);
    }

    private static String fileName(Invoice invoice) {
        return invoice.number() != null ? invoice.number() : "draft-" + invoice.period() + "-" + invoice.id();
    }
}
