package io.gatehouse.analytics.export;

import io.gatehouse.analytics.invoice.CreditNote;
import io.gatehouse.analytics.invoice.Invoice;
import io.gatehouse.analytics.invoice.InvoiceLine;
import io.gatehouse.analytics.invoice.InvoiceStatus;
import java.io.OutputStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.openpdf.text.Document;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.FontFactory;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Phrase;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfWriter;

/** An invoice as a PDF document (OpenPDF): header, one table row per line (tiers beneath), total, credit notes. */
public final class InvoicePdf {

    private static final Font TITLE = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 16);
    private static final Font BOLD = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 9);
    private static final Font TEXT = FontFactory.getFont(FontFactory.HELVETICA, 9);
    private static final Font SMALL = FontFactory.getFont(FontFactory.HELVETICA, 7);
    private static final DateTimeFormatter ISSUED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private InvoicePdf() {
    }

    /** Writes {@code invoice} as a PDF to {@code out}, which it closes. */
    public static void write(Invoice invoice, OutputStream out) {
        Document document = new Document(PageSize.A4.rotate(), 36, 36, 36, 36);
        PdfWriter.getInstance(document, out);
        document.addTitle(title(invoice));
        document.addCreator("Gatehouse");
        document.open();
        document.add(new Paragraph(title(invoice), TITLE));
        document.add(new Paragraph("Organization: " + invoice.organization() + "    Period: " + invoice.period() + " (UTC)    Currency: "
                + invoice.currency() + (invoice.issuedAt() == null ? "    Not final: follows usage until the period closes"
                : "    Issued: " + ISSUED.format(invoice.issuedAt())), TEXT));
        document.add(new Paragraph(" ", TEXT));
        document.add(lines(invoice));
        if (!invoice.creditNotes().isEmpty()) {
            document.add(new Paragraph(" ", TEXT));
            document.add(new Paragraph("Credit notes", BOLD));
            for (CreditNote note : invoice.creditNotes()) {
                document.add(new Paragraph(note.number() + "  " + ISSUED.format(note.issuedAt()) + "  -" + note.amount() + " "
                        + note.currency() + "  " + note.reason(), TEXT));
            }
            document.add(new Paragraph("Credited: " + invoice.credited() + " " + invoice.currency(), BOLD));
        }
        document.close();
    }

    private static PdfPTable lines(Invoice invoice) {
        PdfPTable table = new PdfPTable(new float[] {3, 3, 3, 5, 2.2f, 2.2f, 2});
        table.setWidthPercentage(100);
        table.setHeaderRows(1);
        for (String heading : new String[] {"Application", "API", "Plan", "Charge", "Quantity", "Unit price", "Amount"}) {
            table.addCell(cell(heading, BOLD, Element.ALIGN_LEFT));
        }
        for (InvoiceLine line : invoice.lines()) {
            table.addCell(cell(line.application(), TEXT, Element.ALIGN_LEFT));
            table.addCell(cell(line.api(), TEXT, Element.ALIGN_LEFT));
            table.addCell(cell(line.plan(), TEXT, Element.ALIGN_LEFT));
            table.addCell(cell(charge(line), TEXT, Element.ALIGN_LEFT));
            table.addCell(cell(line.quantity().toPlainString(), TEXT, Element.ALIGN_RIGHT));
            table.addCell(cell(line.unitPrice(), TEXT, Element.ALIGN_RIGHT));
            table.addCell(cell(line.amount(), TEXT, Element.ALIGN_RIGHT));
            for (InvoiceLine.Tier tier : line.tiers()) {
                PdfPCell detail = cell("    tier " + tier.from() + "-" + (tier.upTo() == null ? "" : tier.upTo()) + ": "
                        + tier.quantity().toPlainString() + " x " + tier.unitPrice() + " = " + tier.amount(), SMALL, Element.ALIGN_LEFT);
                detail.setColspan(7);
                table.addCell(detail);
            }
        }
        PdfPCell label = cell("Total", BOLD, Element.ALIGN_RIGHT);
        label.setColspan(6);
        table.addCell(label);
        table.addCell(cell(invoice.total() + " " + invoice.currency(), BOLD, Element.ALIGN_RIGHT));
        return table;
    }

    private static String charge(InvoiceLine line) {
        String days = line.from() + " to " + line.to().minusDays(1);
        return switch (line.kind()) {
            case SETUP_FEE -> "Setup fee";
            case FEE -> "Monthly fee, " + line.days() + "/" + line.daysInPeriod() + " days (" + days + ")";
            case USAGE -> line.meter() + " " + line.model() + (line.includedUnits() == null ? ""
                    : ", " + line.includedUnits() + " included, " + line.billedQuantity().toPlainString() + " billed") + " (" + days + ")";
        };
    }

    private static String title(Invoice invoice) {
        return invoice.status() == InvoiceStatus.FINAL ? "Invoice " + invoice.number() : "Draft invoice";
    }

    private static PdfPCell cell(String text, Font font, int alignment) {
        PdfPCell cell = new PdfPCell(new Phrase(text == null ? "" : text, font));
        cell.setHorizontalAlignment(alignment);
        cell.setPadding(3);
        return cell;
    }

}
