package io.gatehouse.analytics.invoice;

import io.gatehouse.core.error.ConflictException;
import io.gatehouse.core.error.InputValidator;
import io.gatehouse.core.error.InvalidInputException;
import io.gatehouse.core.error.NotFoundException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Corrects FINAL invoices the only way they may be corrected: by credit notes, each with its own gapless
 * number ({@code CN-2026-000001}). The credit notes of an invoice never add up to more than its total.
 */
@Service
@Transactional
public class CreditNoteService {

    private final InvoiceStore store;
    private final DocumentNumbers numbers;
    private final InputValidator validator;
    private final Clock clock;

    public CreditNoteService(InvoiceStore store, DocumentNumbers numbers, InputValidator validator, ObjectProvider<Clock> clock) {
        this.store = store;
        this.numbers = numbers;
        this.validator = validator;
        this.clock = clock.getIfUnique(Clock::systemUTC);
    }

    public CreditNote issue(UUID invoiceId, CreditNoteSpec spec, String issuedBy) {
        validator.check(spec);
        InvoiceStore.Header invoice = store.header(invoiceId).orElseThrow(() -> new NotFoundException("invoice", invoiceId));
        if (invoice.status() != InvoiceStatus.FINAL) {
            throw new ConflictException("invoice " + invoiceId + " is a DRAFT: it follows usage until its period closes; "
                    + "only a FINAL invoice takes credit notes");
        }
        store.lockFinal(invoiceId);
        BigDecimal amount = amount(spec.amount(), Currency.getInstance(invoice.currency()));
        BigDecimal credited = store.creditNotes(invoiceId).stream().map(note -> new BigDecimal(note.amount()))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        if (credited.add(amount).compareTo(invoice.total()) > 0) {
            throw new ConflictException("credit notes may not exceed the invoice's total of " + invoice.total().toPlainString() + " "
                    + invoice.currency() + "; " + credited.toPlainString() + " is credited already", "/amount");
        }
        Instant now = clock.instant();
        CreditNote note = new CreditNote(UUID.randomUUID(), numbers.next(DocumentNumbers.CREDIT_NOTE, now.atZone(ZoneOffset.UTC).getYear()),
                invoiceId, invoice.currency(), amount.toPlainString(), spec.reason().strip(), now, issuedBy);
        store.addCreditNote(note);
        return note;
    }

    @Transactional(readOnly = true)
    public List<CreditNote> forInvoice(UUID invoiceId) {
        store.header(invoiceId).orElseThrow(() -> new NotFoundException("invoice", invoiceId));
        return store.creditNotes(invoiceId);
    }

    private static BigDecimal amount(String text, Currency currency) {
        BigDecimal amount;
        try {
            amount = new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("/amount", "must be a decimal string such as \"12.50\"");
        }
        if (amount.signum() <= 0) {
            throw new InvalidInputException("/amount", "must be more than zero");
        }
        if (amount.scale() > currency.getDefaultFractionDigits()) {
            throw new InvalidInputException("/amount", "has more decimals than " + currency.getCurrencyCode() + " has ("
                    + currency.getDefaultFractionDigits() + ")");
        }
        return amount;
    }
}
