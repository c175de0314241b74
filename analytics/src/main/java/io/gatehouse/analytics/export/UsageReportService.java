package io.gatehouse.analytics.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.Timestamp;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

/** The billing usage report: billable requests per organization × application × API × plan in a period. */
@Service
public class UsageReportService {

    static final String[] COLUMNS = {"period_start", "period_end", "organization", "application", "api", "plan", "meter",
            "quantity", "unit_price", "amount", "currency"};

    private final NamedParameterJdbcTemplate jdbc;

    public UsageReportService(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<UsageReportRow> rows(ReportQuery query) {
        String sql = """
                select o.name as organization, ap.name as application, a.name as api, p.name as plan, count(*) as quantity
                from usage_record u
                left join organization o on o.id = u.organization_id
                left join application ap on ap.id = u.application_id
                left join api a on a.id = u.api_id
                left join plan p on p.id = u.plan_id
                where u.billable and u.kind = 'CALL' and u.occurred_at >= :from and u.occurred_at < :to
                group by o.name, ap.name, a.name, p.name
                order by o.name, ap.name, a.name, p.name
                """;
        MapSqlParameterSource parameters = new MapSqlParameterSource()
                .addValue("from", Timestamp.from(query.from()))
                .addValue("to", Timestamp.from(query.to()));
        return jdbc.query(sql, parameters, (row, i) -> new UsageReportRow(query.from(), query.to(),
                row.getString("organization"), row.getString("application"), row.getString("api"), row.getString("plan"),
                "REQUESTS", row.getLong("quantity"), "", "", ""));
    }

    public void writeCsv(ReportQuery query, Writer out) {
        try {
            CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(COLUMNS).get());
            for (UsageReportRow row : rows(query)) {
                printer.printRecord(row.periodStart(), row.periodEnd(), row.organization(), row.application(), row.api(),
                        row.plan(), row.meter(), row.quantity(), row.unitPrice(), row.amount(), row.currency());
            }
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
