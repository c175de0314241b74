package io.gatehouse.console.billing.rest;

import io.gatehouse.analytics.export.ReportQuery;
import io.gatehouse.analytics.export.UsageReportService;
import io.gatehouse.analytics.rating.UsageFilter;
import io.gatehouse.console.usage.rest.TimeWindow;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.SequenceWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /api/v1/billing/usage-report?from&to} (and {@code organization}, {@code api}, {@code plan}):
 * the billing usage export of a period, as CSV ({@code Accept: text/csv}) or as a JSON array (any other
 * {@code Accept}), both written row by row as the report is rated.
 */
@RestController
@RequestMapping("/api/v1/billing/usage-report")
@PreAuthorize("hasAnyRole('ADMIN', 'BILLING')")
public class UsageReportController {

    static final String TEXT_CSV = "text/csv";

    private final UsageReportService reports;
    private final JsonMapper json;

    public UsageReportController(UsageReportService reports, JsonMapper json) {
        this.reports = reports;
        this.json = json;
    }

    @GetMapping(produces = TEXT_CSV)
    public void csv(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                    @RequestParam(required = false) UUID organization, @RequestParam(required = false) UUID api,
                    @RequestParam(required = false) UUID plan, HttpServletResponse response) throws IOException {
        ReportQuery query = query(from, to, organization, api, plan);
        response.setContentType(TEXT_CSV + ";charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"usage-report.csv\"");
        reports.writeCsv(query, response.getWriter());
        response.getWriter().flush();
    }

    @GetMapping
    public void json(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                     @RequestParam(required = false) UUID organization, @RequestParam(required = false) UUID api,
                     @RequestParam(required = false) UUID plan, HttpServletResponse response) throws IOException {
        ReportQuery query = query(from, to, organization, api, plan);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        try (SequenceWriter array = json.writer().writeValuesAsArray(response.getOutputStream())) {
            reports.forEachRow(query, array::write);
        }
    }

    private static ReportQuery query(String from, String to, UUID organization, UUID api, UUID plan) {
        TimeWindow window = TimeWindow.parse(from, to);
        return new ReportQuery(window.from(), window.to(), new UsageFilter(organization, api, plan));
    }
}
