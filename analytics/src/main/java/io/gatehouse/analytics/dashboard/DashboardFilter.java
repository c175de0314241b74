package io.gatehouse.analytics.dashboard;

import io.gatehouse.analytics.range.QueryDates;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * What a dashboard query reads: the range {@code [from, to)}, and optionally one API, one application,
 * and one organization (the caller's, for developers: the management API sets it, never the client).
 */
public record DashboardFilter(Instant from, Instant to, UUID apiId, UUID applicationId, UUID organizationId) {

    public DashboardFilter {
        QueryDates.requireRange(from, to);
    }

    public static DashboardFilter of(Instant from, Instant to) {
        return new DashboardFilter(from, to, null, null, null);
    }

    public DashboardFilter forApi(UUID api) {
        return new DashboardFilter(from, to, api, applicationId, organizationId);
    }

    public DashboardFilter forApplication(UUID application) {
        return new DashboardFilter(from, to, apiId, application, organizationId);
    }

    public DashboardFilter forOrganization(UUID organization) {
        return new DashboardFilter(from, to, apiId, applicationId, organization);
    }

    /** Whether the per-API rollups can answer: nothing is asked about who called. */
    boolean perApi() {
        return applicationId == null && organizationId == null;
    }

    /** A predicate on rollup columns for the optional filters, its parameters added to {@code params}. */
    String condition(MapSqlParameterSource params) {
        StringBuilder sql = new StringBuilder("true");
        if (apiId != null) {
            sql.append(" and api_id = :apiId");
            params.addValue("apiId", apiId);
        }
        if (applicationId != null) {
            sql.append(" and application_id = :applicationId");
            params.addValue("applicationId", applicationId);
        }
        if (organizationId != null) {
            sql.append(" and organization_id = :organizationId");
            params.addValue("organizationId", organizationId);
        }
        return sql.toString();
    }
}
