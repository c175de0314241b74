package io.gatehouse.console.analytics.rest;

import io.gatehouse.analytics.dashboard.DashboardFilter;
import io.gatehouse.console.security.ConsoleUserDetails;
import io.gatehouse.console.security.Tenancy;
import java.util.Set;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Whose usage a caller may read, decided on the server: platform staff (ADMIN, PUBLISHER, BILLING)
 * read all of it; a DEVELOPER reads their own organization's applications only, so their filter is
 * narrowed to that organization, and an application they name must be theirs.
 */
@Component
class AnalyticsScope {

    private static final Set<String> STAFF = Set.of("ROLE_ADMIN", "ROLE_PUBLISHER", "ROLE_BILLING");

    private final Tenancy tenancy;

    AnalyticsScope(Tenancy tenancy) {
        this.tenancy = tenancy;
    }

    DashboardFilter narrow(Authentication caller, DashboardFilter filter) {
        if (caller.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(STAFF::contains)) {
            return filter;
        }
        if (!(caller.getPrincipal() instanceof ConsoleUserDetails user) || user.organizationId() == null) {
            throw new AccessDeniedException("a developer without an organization has no usage to read");
        }
        if (filter.applicationId() != null && !tenancy.ownsApplication(caller, filter.applicationId())) {
            throw new AccessDeniedException("not an application of the caller's organization");
        }
        return filter.forOrganization(user.organizationId());
    }
}
