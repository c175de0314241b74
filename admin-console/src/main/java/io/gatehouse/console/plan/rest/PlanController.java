package io.gatehouse.console.plan.rest;

import io.gatehouse.core.plan.Plan;
import io.gatehouse.core.plan.PlanService;
import io.gatehouse.core.plan.PlanSpec;
import io.gatehouse.core.pricing.Pricing;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PostAuthorize;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The plans of an API: publishers define and close them; developers read those of published APIs. */
@RestController
@RequestMapping("/api/v1")
public class PlanController {

    private final PlanService plans;

    public PlanController(PlanService plans) {
        this.plans = plans;
    }

    @PostMapping("/apis/{apiId}/plans")
    @PreAuthorize("hasAnyRole('ADMIN', 'PUBLISHER')")
    public ResponseEntity<Plan> create(@PathVariable UUID apiId, @RequestBody PlanSpec spec) {
        Plan plan = plans.create(apiId, spec);
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/api/v1/plans/{id}").buildAndExpand(plan.getId()).toUri()).body(plan);
    }

    @GetMapping("/apis/{apiId}/plans")
    @PreAuthorize("hasAnyRole('ADMIN', 'PUBLISHER', 'BILLING') or (hasRole('DEVELOPER') and @tenancy.inCatalog(#apiId))")
    public List<Plan> list(@PathVariable UUID apiId) {
        return plans.listForApi(apiId);
    }

    @GetMapping("/plans/{id}")
    @PreAuthorize("hasAnyRole('ADMIN', 'PUBLISHER', 'BILLING', 'DEVELOPER')")
    @PostAuthorize("hasAnyRole('ADMIN', 'PUBLISHER', 'BILLING') or @tenancy.inCatalog(returnObject.apiId)")
    public Plan get(@PathVariable UUID id) {
        return plans.get(id);
    }

    /** The plan's price versions, oldest first, each with the day it takes effect. */
    @GetMapping("/plans/{id}/prices")
    @PreAuthorize("hasAnyRole('ADMIN', 'PUBLISHER', 'BILLING')")
    public List<Pricing> prices(@PathVariable UUID id) {
        return plans.priceHistory(id);
    }

    @PutMapping("/plans/{id}")
    @PreAuthorize("hasAnyRole('ADMIN', 'PUBLISHER')")
    public Plan update(@PathVariable UUID id, @RequestBody PlanSpec spec) {
        return plans.update(id, spec);
    }

    @PostMapping("/plans/{id}/close")
    @PreAuthorize("hasAnyRole('ADMIN', 'PUBLISHER')")
    public Plan close(@PathVariable UUID id) {
        return plans.close(id);
    }
}
