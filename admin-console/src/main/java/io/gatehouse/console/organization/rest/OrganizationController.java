package io.gatehouse.console.organization.rest;

import io.gatehouse.core.organization.Organization;
import io.gatehouse.core.organization.OrganizationService;
import io.gatehouse.core.organization.OrganizationSpec;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PostFilter;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** {@code /api/v1/organizations}: admins create customers; staff read all, a developer only their own. */
@RestController
@RequestMapping("/api/v1/organizations")
public class OrganizationController {

    private final OrganizationService organizations;

    public OrganizationController(OrganizationService organizations) {
        this.organizations = organizations;
    }

    @PostMapping
    @PreAuthorize("hasRole('ADMIN')")
    public ResponseEntity<Organization> create(@RequestBody OrganizationSpec spec) {
        Organization organization = organizations.create(spec);
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/api/v1/organizations/{id}").buildAndExpand(organization.getId()).toUri()).body(organization);
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('ADMIN', 'PUBLISHER', 'BILLING', 'DEVELOPER')")
    @PostFilter("hasAnyRole('ADMIN', 'PUBLISHER', 'BILLING') or @tenancy.isOwnOrganization(authentication, filterObject.id)")
    public List<Organization> list() {
        return organizations.list();
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAnyRole('ADMIN', 'PUBLISHER', 'BILLING') or (hasRole('DEVELOPER') and @tenancy.isOwnOrganization(authentication, #id))")
    public Organization get(@PathVariable UUID id) {
        return organizations.get(id);
    }
}
