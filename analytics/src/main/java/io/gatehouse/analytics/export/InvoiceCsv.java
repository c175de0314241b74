package io.gatehouse.analytics.export;

import io.gatehouse.analytics.invoice.Invoice;
import io.gatehouse.analytics.invoice.InvoiceLine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Invoices as RFC 4180 CSV: a header row, then one record per invoice line, invoice fields repeated on each. */
public final class InvoiceCsv {

    public static final List<String> COLUMNS = List.of("invoice_id", "invoice_number", "organization", "period", "status",
            "currency", "invoice_total", "kind", "subscription_id", "application", "api", "plan", "model", "meter", "line_from",
            "line_to", "price_effective_from", "quantity", "included_units", "billed_quantity", "unit_price", "days",
            "days_in_period", "tiers", "amount");

    private static final CSVFormat CSV = CSVFormat.RFC4180.builder().setHeader(COLUMNS.toArray(String[]::new)).get();

    private InvoiceCsv() {
    }

    /** Writes {@code invoices}, line by line; flushes but does not close {@code out}. */
    public static void write(List<Invoice> invoices, Writer out) {
        try {
            CSVPrinter printer = new CSVPrinter(out, CSV);
            for (Invoice invoice : invoices) {
                for (InvoiceLine line : invoice.lines()) {
                    printer.printRecord(invoice.id(), text(invoice.number()), invoice.organization(), invoice.period(),
                            invoice.status(), invoice.currency(), invoice.total(), line.kind(), line.subscriptionId(),
                            text(line.application()), text(line.api()), text(line.plan()), line.model(), text(line.meter()),
                            line.from(), line.to(), line.priceEffectiveFrom(), plain(line.quantity()), text(line.includedUnits()),
                            plain(line.billedQuantity()), text(line.unitPrice()), text(line.days()), text(line.daysInPeriod()),
                            tiers(line), line.amount());
                }
            }
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String tiers(InvoiceLine line) {
        return line.tiers().stream().map(tier -> tier.from() + "-" + (tier.upTo() == null ? "" : tier.upTo()) + ": "
                + tier.quantity().toPlainString() + " x " + tier.unitPrice() + " = " + tier.amount()).collect(Collectors.joining("; "));
    }

    private static String plain(BigDecimal value) {
        return value == null ? "" : value.toPlainString();
    }

    private static String text(Object value) {
        return Objects.toString(value, "");
    }
}
