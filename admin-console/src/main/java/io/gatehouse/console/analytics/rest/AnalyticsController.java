package io.gatehouse.console.analytics.rest;

import io.gatehouse.analytics.dashboard.DashboardFilter;
import io.gatehouse.analytics.dashboard.DashboardService;
import io.gatehouse.analytics.dashboard.TopEntry;
import io.gatehouse.analytics.dashboard.TrafficSeries;
import io.gatehouse.analytics.dashboard.UsageOverview;
import io.gatehouse.analytics.rollup.Grain;
import io.gatehouse.console.problem.InvalidParameterException;
import io.gatehouse.console.usage.rest.TimeWindow;
import io.gatehouse.core.error.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/analytics}: what dashboards draw, answered from the usage rollups. Every query takes
 * {@code from} and {@code to} (ISO-8601 instants or dates; by default the last 24 hours) and optionally
 * {@code apiId} and {@code applicationId}. Staff read all usage; a developer reads their organization's
 * ({@link AnalyticsScope}).
 */
@RestController
@RequestMapping("/api/v1/analytics")
@PreAuthorize("hasAnyRole('ADMIN', 'PUBLISHER', 'BILLING', 'DEVELOPER')")
public class AnalyticsController {

    private static final Duration DEFAULT_RANGE = Duration.ofHours(24);

    private final DashboardService dashboards;
    private final AnalyticsScope scope;

    public AnalyticsController(DashboardService dashboards, AnalyticsScope scope) {
        this.dashboards = dashboards;
        this.scope = scope;
    }

    /** Calls by outcome and status class, events published, delivered and dropped, bytes, latency percentiles. */
    @GetMapping("/overview")
    public UsageOverview overview(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                  @RequestParam(required = false) UUID apiId, @RequestParam(required = false) UUID applicationId,
                                  Authentication caller) {
        DashboardFilter filter = filter(caller, from, to, apiId, applicationId);
        return asParameters(() -> dashboards.overview(filter));
    }

    /** Calls, events, errors and latency per minute, hour or day ({@code granularity}; chosen from the range when absent). */
    @GetMapping("/timeseries")
    public TrafficSeries timeseries(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                    @RequestParam(required = false) UUID apiId,
                                    @RequestParam(required = false) UUID applicationId,
                                    @RequestParam(required = false) String granularity, Authentication caller) {
        DashboardFilter filter = filter(caller, from, to, apiId, applicationId);
        Grain grain = granularity(granularity);
        return asParameters(() -> dashboards.series(filter, grain));
    }

    @GetMapping("/top-applications")
    public List<TopEntry> topApplications(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                          @RequestParam(required = false) UUID apiId,
                                          @RequestParam(defaultValue = "10") int limit, Authentication caller) {
        DashboardFilter filter = filter(caller, from, to, apiId, null);
        return asParameters(() -> dashboards.topApplications(filter, limit));
    }

    @GetMapping("/top-apis")
    public List<TopEntry> topApis(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                  @RequestParam(required = false) UUID applicationId,
                                  @RequestParam(defaultValue = "10") int limit, Authentication caller) {
        DashboardFilter filter = filter(caller, from, to, null, applicationId);
        return asParameters(() -> dashboards.topApis(filter, limit));
    }

    @GetMapping("/top-operations")
    public List<TopEntry> topOperations(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                        @RequestParam(required = false) UUID apiId,
                                        @RequestParam(required = false) UUID applicationId,
                                        @RequestParam(defaultValue = "10") int limit, Authentication caller) {
        DashboardFilter filter = filter(caller, from, to, apiId, applicationId);
        return asParameters(() -> dashboards.topOperations(filter, limit));
    }

    private DashboardFilter filter(Authentication caller, String from, String to, UUID apiId, UUID applicationId) {
        TimeWindow window = TimeWindow.lasting(from, to, DEFAULT_RANGE, Instant.now());
        return scope.narrow(caller, new DashboardFilter(window.from(), window.to(), apiId, applicationId, null));
    }

    private static Grain granularity(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Grain.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("granularity", "must be minute, hour or day");
        }
    }

    /** The services name their inputs as pointers ({@code /limit}); here they are query parameters. */
    private static <T> T asParameters(Supplier<T> query) {
        try {
            return query.get();
        } catch (InvalidInputException e) {
            throw InvalidParameterException.of(e);
        }
    }
}
