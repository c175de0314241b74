package io.gatehouse.console.application.rest;

import io.gatehouse.core.application.ApplicationService;
import io.gatehouse.core.plan.RateLimits;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An application's own rate limit, across all its subscriptions. Set by the platform's staff; the
 * organization's developers may read it.
 */
@RestController
@RequestMapping("/api/v1/applications/{appId}/rate-limits")
public class ApplicationLimitController {

    private final ApplicationService applications;

    public ApplicationLimitController(ApplicationService applications) {
        this.applications = applications;
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('ADMIN', 'PUBLISHER', 'BILLING') or (hasRole('DEVELOPER') and @tenancy.ownsApplication(authentication, #appId))")
    public RateLimits get(@PathVariable UUID appId) {
        return new RateLimits(applications.get(appId).getRateLimits());
    }

    @PutMapping
    @PreAuthorize("hasAnyRole('ADMIN', 'PUBLISHER')")
    public RateLimits set(@PathVariable UUID appId, @RequestBody RateLimits limits) {
        return new RateLimits(applications.changeRateLimits(appId, limits).getRateLimits());
    }
}
