package io.gatehouse.console.billing.rest;

import io.gatehouse.analytics.invoice.BillingPeriods;
import io.gatehouse.analytics.invoice.InvoiceService;
import io.gatehouse.analytics.invoice.PeriodClose;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Billing periods: {@code GET /api/v1/billing/periods/2026-11} tells whether the month is open or closed;
 * {@code POST /api/v1/billing/periods/2026-11/close} finalizes its invoices (billing and admins; a
 * second close answers the first one's result).
 */
@RestController
@RequestMapping("/api/v1/billing/periods/{period}")
@PreAuthorize("hasAnyRole('ADMIN', 'BILLING')")
public class BillingPeriodController {

    /** A period's state; {@code closedAt} and {@code invoices} once closed. */
    public record PeriodView(String period, String status, Instant closedAt, List<PeriodClose.Issued> invoices) {
    }

    private final InvoiceService invoices;
    private final BillingPeriods periods;

    public BillingPeriodController(InvoiceService invoices, BillingPeriods periods) {
        this.invoices = invoices;
        this.periods = periods;
    }

    @GetMapping
    public PeriodView get(@PathVariable String period) {
        YearMonth month = BillingPeriodParameter.parse(period);
        if (!periods.isClosed(month)) {
            return new PeriodView(month.toString(), "OPEN", null, List.of());
        }
        PeriodClose closed = invoices.closed(month);
        return new PeriodView(closed.period(), "CLOSED", closed.closedAt(), closed.invoices());
    }

    @PostMapping("/close")
    public PeriodClose close(@PathVariable String period, Authentication caller) {
        return invoices.close(BillingPeriodParameter.parse(period), caller.getName());
    }
}
