package io.gatehouse.analytics.invoice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.analytics.rating.LineKind;
import io.gatehouse.core.pricing.Meter;
import io.gatehouse.core.pricing.PriceModel;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Invoices, their lines and credit notes in PostgreSQL (tables {@code invoice}, {@code invoice_line}, {@code credit_note}). */
@Repository
class InvoiceStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<InvoiceLine.Tier>> TIERS = new TypeReference<>() {
    };
    private static final String HEADER = """
            select i.id, i.organization_id, o.name as organization, i.period_start, i.currency, i.status, i.number,
                   i.total, i.issued_at
            from invoice i join organization o on o.id = i.organization_id
            """;

    /** An invoice without its lines. */
    record Header(UUID id, UUID organizationId, String organization, YearMonth period, String currency, InvoiceStatus status,
                  String number, BigDecimal total, Instant issuedAt) {
    }

    private final JdbcTemplate jdbc;

    InvoiceStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The id of the organization's invoice for the period and currency, created as a DRAFT when new. */
    UUID pin(UUID organizationId, YearMonth period, String currency) {
        jdbc.update("""
                insert into invoice (id, organization_id, period_start, currency, status) values (?, ?, ?, ?, 'DRAFT')
                on conflict (organization_id, period_start, currency) do nothing""",
                UUID.randomUUID(), organizationId, Date.valueOf(period.atDay(1)), currency);
        return jdbc.queryForObject("select id from invoice where organization_id = ? and period_start = ? and currency = ?",
                UUID.class, organizationId, Date.valueOf(period.atDay(1)), currency);
    }

    /** Writes the lines of a DRAFT, then makes it FINAL: after this, the database refuses any change to either. */
    void issue(UUID id, String number, BigDecimal total, Instant issuedAt, List<InvoiceLine> lines) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            InvoiceLine line = lines.get(i);
            rows.add(new Object[] {id, i + 1, line.kind().name(), line.subscriptionId(), line.applicationId(), line.application(),
                    line.apiId(), line.api(), line.planId(), line.plan(), line.model().name(),
                    line.meter() == null ? null : line.meter().name(), Date.valueOf(line.from()), Date.valueOf(line.to()),
                    Date.valueOf(line.priceEffectiveFrom()), line.quantity(), line.includedUnits(), line.billedQuantity(),
                    line.unitPrice() == null ? null : new BigDecimal(line.unitPrice()), line.days(), line.daysInPeriod(),
                    line.tiers().isEmpty() ? null : json(line.tiers()), new BigDecimal(line.amount())});
        }
        jdbc.batchUpdate("""
                insert into invoice_line (invoice_id, position, kind, subscription_id, application_id, application, api_id, api,
                    plan_id, plan, model, meter, line_from, line_to, price_effective_from, quantity, included_units,
                    billed_quantity, unit_price, days, days_in_period, tiers, amount)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)""", rows);
        jdbc.update("update invoice set status = 'FINAL', number = ?, total = ?, issued_at = ? where id = ? and status = 'DRAFT'",
                number, total, Timestamp.from(issuedAt), id);
    }

    /** Drops the DRAFTs of a period that are not among {@code kept} (an organization whose charges vanished). */
    void dropDrafts(YearMonth period, Collection<UUID> kept) {
        jdbc.update("delete from invoice where period_start = ? and status = 'DRAFT' and id <> all(?)",
                Date.valueOf(period.atDay(1)), kept.toArray(UUID[]::new));
    }

    Optional<Header> header(UUID id) {
        return jdbc.query(HEADER + " where i.id = ?", InvoiceStore::header, id).stream().findFirst();
    }

    /** The FINAL invoices of a period, by number; of one organization when it is not null. */
    List<Header> finals(YearMonth period, UUID organizationId) {
        return organizationId == null
                ? jdbc.query(HEADER + " where i.period_start = ? and i.status = 'FINAL' order by i.number", InvoiceStore::header,
                        Date.valueOf(period.atDay(1)))
                : jdbc.query(HEADER + " where i.period_start = ? and i.status = 'FINAL' and i.organization_id = ? order by i.number",
                        InvoiceStore::header, Date.valueOf(period.atDay(1)), organizationId);
    }

    List<InvoiceLine> lines(UUID invoiceId) {
        return jdbc.query("select * from invoice_line where invoice_id = ? order by position", (rs, row) -> new InvoiceLine(
                rs.getObject("subscription_id", UUID.class), rs.getObject("application_id", UUID.class), rs.getString("application"),
                rs.getObject("api_id", UUID.class), rs.getString("api"), rs.getObject("plan_id", UUID.class), rs.getString("plan"),
                LineKind.valueOf(rs.getString("kind")), PriceModel.valueOf(rs.getString("model")),
                rs.getString("meter") == null ? null : Meter.valueOf(rs.getString("meter")),
                rs.getObject("line_from", LocalDate.class), rs.getObject("line_to", LocalDate.class),
                rs.getObject("price_effective_from", LocalDate.class), rs.getBigDecimal("quantity"),
                rs.getObject("included_units", Long.class), rs.getBigDecimal("billed_quantity"),
                text(rs.getBigDecimal("unit_price")), tiers(rs.getString("tiers")), rs.getObject("days", Integer.class),
                rs.getObject("days_in_period", Integer.class), rs.getBigDecimal("amount").toPlainString()), invoiceId);
    }

    void addCreditNote(CreditNote note) {
        jdbc.update("""
                insert into credit_note (id, number, invoice_id, currency, amount, reason, issued_at, issued_by)
                values (?, ?, ?, ?, ?, ?, ?, ?)""", note.id(), note.number(), note.invoiceId(), note.currency(),
                new BigDecimal(note.amount()), note.reason(), Timestamp.from(note.issuedAt()), note.issuedBy());
    }

    List<CreditNote> creditNotes(UUID invoiceId) {
        return jdbc.query("select * from credit_note where invoice_id = ? order by number", (rs, row) -> new CreditNote(
                rs.getObject("id", UUID.class), rs.getString("number"), rs.getObject("invoice_id", UUID.class),
                rs.getString("currency"), rs.getBigDecimal("amount").toPlainString(), rs.getString("reason"),
                rs.getTimestamp("issued_at").toInstant(), rs.getString("issued_by")), invoiceId);
    }

    /** Locks a FINAL invoice's row until the transaction ends (credit notes against it queue). */
    void lockFinal(UUID id) {
        jdbc.queryForList("select id from invoice where id = ? and status = 'FINAL' for update", id);
    }

    private static Header header(ResultSet rs, int row) throws SQLException {
        Timestamp issued = rs.getTimestamp("issued_at");
        return new Header(rs.getObject("id", UUID.class), rs.getObject("organization_id", UUID.class), rs.getString("organization"),
                YearMonth.from(rs.getObject("period_start", LocalDate.class)), rs.getString("currency"),
                InvoiceStatus.valueOf(rs.getString("status")), rs.getString("number"), rs.getBigDecimal("total"),
                issued == null ? null : issued.toInstant());
    }

    private static String text(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }

    private static String json(List<InvoiceLine.Tier> tiers) {
        try {
            return JSON.writeValueAsString(tiers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<InvoiceLine.Tier> tiers(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            return JSON.readValue(json, TIERS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable tiers: " + json, e);
        }
    }
}
