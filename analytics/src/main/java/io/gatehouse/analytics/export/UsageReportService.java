package io.gatehouse.analytics.export;

import io.gatehouse.analytics.rating.Charge;
import io.gatehouse.analytics.rating.RequestPricing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The billing usage report: one row per organization × application × API × plan with the number of
 * billable calls (CALL records with outcome ACCEPTED) in the period as quantity on the REQUESTS meter,
 * priced where the plan's model is rated yet (see {@link RequestPricing}). Rows come in a fixed order:
 * organization, application, API, plan by name (unidentified callers last), ties broken by id.
 */
@Service
@Transactional(readOnly = true)
public class UsageReportService {

    /** The CSV columns of the management API's contract, in this order. */
    public static final List<String> COLUMNS = List.of("period_start", "period_end", "organization", "application",
            "api", "plan", "meter", "quantity", "unit_price", "amount", "currency");

    private static final int FETCH_SIZE = 500;

    private static final String SQL = """
            select o.name as organization, app.name as application, a.name as api, p.name as plan,
                   p.pricing ->> 'model' as price_model, p.pricing ->> 'meter' as price_meter,
                   p.pricing ->> 'unitPrice' as unit_price, p.pricing ->> 'currency' as currency,
                   count(*) as quantity
            from usage_record u
            left join application app on app.id = u.application_id
            left join organization o on o.id = coalesce(u.organization_id, app.organization_id)
            left join api a on a.id = u.api_id
            left join plan p on p.id = u.plan_id
            where u.kind = 'CALL' and u.outcome = 'ACCEPTED'
              and u.occurred_at >= :from and u.occurred_at < :to
            group by o.id, app.id, a.id, p.id
            order by o.name nulls last, app.name nulls last, a.name nulls last, p.name nulls last,
                     o.id, app.id, a.id, p.id
            """;

    private static final CSVFormat CSV = CSVFormat.RFC4180.builder()
            .setHeader(COLUMNS.toArray(String[]::new))
            .get();

    private final NamedParameterJdbcTemplate jdbc;

    public UsageReportService(DataSource dataSource) {
        JdbcTemplate streaming = new JdbcTemplate(dataSource);
        streaming.setFetchSize(FETCH_SIZE);
        this.jdbc = new NamedParameterJdbcTemplate(streaming);
    }

    /**
     * Writes the report as RFC 4180 CSV (header row first, CRLF line ends) to {@code out}, row by row as
     * the database cursor yields them, so memory stays bounded whatever the period. Flushes but does not
     * close {@code out}.
     */
    public void writeCsv(ReportQuery query, Writer out) {
        Objects.requireNonNull(query, "query");
        try {
            CSVPrinter printer = new CSVPrinter(out, CSV);
            jdbc.query(SQL, parameters(query), (ResultSet rs) -> {
                UsageReportRow row = row(rs, query);
                try {
                    printer.printRecord(row.periodStart(), row.periodEnd(), row.organization(), row.application(),
                            row.api(), row.plan(), row.meter(), row.quantity(), row.unitPrice(), row.amount(),
                            row.currency());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same rows as {@link #writeCsv}, as a list (for JSON answers and small periods). */
    public List<UsageReportRow> rows(ReportQuery query) {
        Objects.requireNonNull(query, "query");
        return jdbc.query(SQL, parameters(query), (rs, rowNumber) -> row(rs, query));
    }

    private static MapSqlParameterSource parameters(ReportQuery query) {
        return new MapSqlParameterSource()
                .addValue("from", OffsetDateTime.ofInstant(query.from(), ZoneOffset.UTC))
                .addValue("to", OffsetDateTime.ofInstant(query.to(), ZoneOffset.UTC));
    }

    private static UsageReportRow row(ResultSet rs, ReportQuery query) throws SQLException {
        long quantity = rs.getLong("quantity");
        Charge charge = new RequestPricing(rs.getString("price_model"), rs.getString("price_meter"),
                rs.getString("unit_price"), rs.getString("currency")).charge(quantity);
        return new UsageReportRow(query.from(), query.to(),
                text(rs.getString("organization")), text(rs.getString("application")),
                text(rs.getString("api")), text(rs.getString("plan")),
                RequestPricing.REQUESTS, quantity, charge.unitPrice(), charge.amount(), charge.currency());
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
