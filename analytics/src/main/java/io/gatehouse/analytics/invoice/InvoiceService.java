package io.gatehouse.analytics.invoice;

import io.gatehouse.analytics.rating.RatedLine;
import io.gatehouse.analytics.rating.RatingWindow;
import io.gatehouse.core.error.ConflictException;
import io.gatehouse.core.error.InvalidInputException;
import io.gatehouse.core.error.NotFoundException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Invoices per organization, calendar month (UTC) and currency. While a period is open its invoices
 * are DRAFTs rated live from the ledger at every read (only their ids are stored, so that a draft keeps
 * its id when it becomes final). {@link #close} rates the period once more, issues every invoice as
 * FINAL with a gapless number, and marks the period closed; closing a closed period changes nothing.
 */
@Service
@Transactional
public class InvoiceService {

    private final PeriodRating rating;
    private final InvoiceStore store;
    private final BillingPeriods periods;
    private final DocumentNumbers numbers;
    private final Clock clock;

    public InvoiceService(PeriodRating rating, InvoiceStore store, BillingPeriods periods, DocumentNumbers numbers,
                          ObjectProvider<Clock> clock) {
        this.rating = rating;
        this.store = store;
        this.periods = periods;
        this.numbers = numbers;
        this.clock = clock.getIfUnique(Clock::systemUTC);
    }

    /** The invoices of {@code period}: FINAL ones once it is closed, DRAFTs before. */
    public List<Invoice> list(YearMonth period, InvoiceFilter filter) {
        requireStarted(period);
        List<Invoice> invoices = periods.isClosed(period)
                ? store.finals(period, filter.organizationId()).stream().map(this::complete).toList()
                : drafts(period, filter.organizationId());
        return invoices.stream().filter(filter::matches).toList();
    }

    public Invoice get(UUID id) {
        InvoiceStore.Header header = store.header(id).orElseThrow(() -> new NotFoundException("invoice", id));
        if (header.status() == InvoiceStatus.FINAL) {
            return complete(header);
        }
        return drafts(header.period(), header.organizationId()).stream().filter(invoice -> invoice.id().equals(id))
                .findFirst().orElseThrow(() -> new NotFoundException("invoice", id));
    }

    /** The organization an invoice is addressed to, when it exists. */
    @Transactional(readOnly = true)
    public Optional<UUID> organizationOf(UUID id) {
        return store.header(id).map(InvoiceStore.Header::organizationId);
    }

    /**
     * Closes {@code period}: every organization's charges become FINAL invoices, numbered in the order of
     * organization name and currency. The period must have ended. Idempotent.
     */
    public PeriodClose close(YearMonth period, String closedBy) {
        periods.lock();
        if (periods.isClosed(period)) {
            return closed(period);
        }
        Instant now = clock.instant();
        Instant end = RatingWindow.start(period.plusMonths(1));
        if (now.isBefore(end)) {
            throw new ConflictException("the billing period " + period + " runs until " + end + "; it can be closed after that");
        }
        List<UUID> issued = new ArrayList<>();
        for (Invoice draft : assemble(period, rating.rate(period, null))) {
            BigDecimal total = draft.lines().stream().map(InvoiceLine::amountValue).reduce(BigDecimal.ZERO, BigDecimal::add);
            store.issue(draft.id(), numbers.next(DocumentNumbers.INVOICE, now.atZone(ZoneOffset.UTC).getYear()), total, now,
                    draft.lines());
            issued.add(draft.id());
        }
        store.dropDrafts(period, issued);
        periods.markClosed(period, now, closedBy);
        return closed(period);
    }

    /** The period's closing, when it is closed. */
    @Transactional(readOnly = true)
    public PeriodClose closed(YearMonth period) {
        Instant closedAt = periods.closedAt(period).orElseThrow(() -> new NotFoundException("closed billing period", period));
        return new PeriodClose(period.toString(), closedAt, store.finals(period, null).stream()
                .map(h -> new PeriodClose.Issued(h.id(), h.number(), h.organizationId(), h.currency(), h.total().toPlainString()))
                .toList());
    }

    private List<Invoice> drafts(YearMonth period, UUID organizationId) {
        return assemble(period, rating.rate(period, organizationId));
    }

    /** Groups lines into one DRAFT per organization and currency (FREE lines carry no currency and stay out). */
    private List<Invoice> assemble(YearMonth period, List<RatedLine> lines) {
        Map<String, List<RatedLine>> byInvoice = new LinkedHashMap<>();
        for (RatedLine line : lines) {
            if (line.currency() != null) {
                byInvoice.computeIfAbsent(line.subject().organizationId() + "|" + line.currency().getCurrencyCode(),
                        key -> new ArrayList<>()).add(line);
            }
        }
        List<Invoice> invoices = new ArrayList<>();
        for (List<RatedLine> group : byInvoice.values()) {
            RatedLine first = group.getFirst();
            String currency = first.currency().getCurrencyCode();
            List<InvoiceLine> invoiceLines = group.stream().map(InvoiceLine::of).sorted(InvoiceLine.ORDER).toList();
            BigDecimal total = invoiceLines.stream().map(InvoiceLine::amountValue).reduce(BigDecimal.ZERO, BigDecimal::add);
            UUID id = store.pin(first.subject().organizationId(), period, currency);
            invoices.add(new Invoice(id, null, first.subject().organizationId(), first.subject().organization(), period.toString(),
                    InvoiceStatus.DRAFT, currency, total.toPlainString(), null, invoiceLines, List.of(), "0"));
        }
        invoices.sort(Comparator.comparing(Invoice::organization).thenComparing(Invoice::currency));
        return invoices;
    }

    private Invoice complete(InvoiceStore.Header header) {
        List<CreditNote> notes = store.creditNotes(header.id());
        BigDecimal credited = notes.stream().map(note -> new BigDecimal(note.amount())).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new Invoice(header.id(), header.number(), header.organizationId(), header.organization(), header.period().toString(),
                header.status(), header.currency(), header.total().toPlainString(), header.issuedAt(), store.lines(header.id()),
                notes, credited.toPlainString());
    }

    private void requireStarted(YearMonth period) {
        if (clock.instant().isBefore(RatingWindow.start(period))) {
            throw new InvalidInputException("/period", "the billing period " + period + " has not started yet");
        }
    }
}
