package io.gatehouse.console.plan.rest;

import io.gatehouse.core.plan.PlanService;
import io.gatehouse.core.plan.RateLimits;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** An API's backend protection: rate-limit windows shared by all its consumers, shielding the upstream. */
@RestController
@RequestMapping("/api/v1/apis/{apiId}/backend-limits")
public class BackendLimitController {

    private final PlanService plans;

    public BackendLimitController(PlanService plans) {
        this.plans = plans;
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('ADMIN', 'PUBLISHER', 'BILLING')")
    public RateLimits get(@PathVariable UUID apiId) {
        return new RateLimits(plans.backendRateLimits(apiId));
    }

    @PutMapping
    @PreAuthorize("hasAnyRole('ADMIN', 'PUBLISHER')")
    public RateLimits set(@PathVariable UUID apiId, @RequestBody RateLimits limits) {
        return new RateLimits(plans.protectBackend(apiId, limits).getRateLimits());
    }
}
