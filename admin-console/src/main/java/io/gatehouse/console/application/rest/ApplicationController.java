package io.gatehouse.console.application.rest;

import io.gatehouse.core.application.Application;
import io.gatehouse.core.application.ApplicationService;
import io.gatehouse.core.application.ApplicationSpec;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The applications of an organization: its developers (and admins) create them; staff read them. */
@RestController
@RequestMapping("/api/v1")
public class ApplicationController {

    private final ApplicationService applications;

    public ApplicationController(ApplicationService applications) {
        this.applications = applications;
    }

    @PostMapping("/organizations/{orgId}/applications")
    @PreAuthorize("hasRole('ADMIN') or (hasRole('DEVELOPER') and @tenancy.isOwnOrganization(authentication, #orgId))")
    public ResponseEntity<Application> create(@PathVariable UUID orgId, @RequestBody ApplicationSpec spec) {
        Application application = applications.create(orgId, spec);
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/api/v1/applications/{id}").buildAndExpand(application.getId()).toUri()).body(application);
    }

    @GetMapping("/organizations/{orgId}/applications")
    @PreAuthorize("hasAnyRole('ADMIN', 'PUBLISHER', 'BILLING') or (hasRole('DEVELOPER') and @tenancy.isOwnOrganization(authentication, #orgId))")
    public List<Application> list(@PathVariable UUID orgId) {
        return applications.listForOrganization(orgId);
    }

    @GetMapping("/applications/{id}")
    @PreAuthorize("hasAnyRole('ADMIN', 'PUBLISHER', 'BILLING') or (hasRole('DEVELOPER') and @tenancy.ownsApplication(authentication, #id))")
    public Application get(@PathVariable UUID id) {
        return applications.get(id);
    }
}
