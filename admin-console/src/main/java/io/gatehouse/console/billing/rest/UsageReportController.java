package io.gatehouse.console.billing.rest;

import io.gatehouse.analytics.export.ReportQuery;
import io.gatehouse.analytics.export.UsageReportRow;
import io.gatehouse.analytics.export.UsageReportService;
import io.gatehouse.console.usage.rest.TimeWindow;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/billing/usage-report?from&to}: the billing usage export of a period, as CSV
 * ({@code Accept: text/csv}, streamed) or as JSON (any other {@code Accept}).
 */
@RestController
@RequestMapping("/api/v1/billing/usage-report")
@PreAuthorize("hasAnyRole('ADMIN', 'BILLING')")
public class UsageReportController {

    static final String TEXT_CSV = "text/csv";

    private final UsageReportService reports;

    public UsageReportController(UsageReportService reports) {
        this.reports = reports;
    }

    @GetMapping(produces = TEXT_CSV)
    public void csv(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                    HttpServletResponse response) throws IOException {
        TimeWindow window = TimeWindow.parse(from, to);
        response.setContentType(TEXT_CSV + ";charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"usage-report.csv\"");
        reports.writeCsv(new ReportQuery(window.from(), window.to()), response.getWriter());
        response.getWriter().flush();
    }

    @GetMapping
    public List<UsageReportRow> json(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        TimeWindow window = TimeWindow.parse(from, to);
        return reports.rows(new ReportQuery(window.from(), window.to()));
    }
}
