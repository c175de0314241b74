package io.gatehouse.core.application;

import io.gatehouse.core.error.ConflictException;
import io.gatehouse.core.error.InputValidator;
import io.gatehouse.core.error.NotFoundException;
import io.gatehouse.core.organization.OrganizationService;
import io.gatehouse.core.plan.RateLimit;
import io.gatehouse.core.plan.RateLimits;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional
public class ApplicationService {

    private final ApplicationRepository applications;
    private final OrganizationService organizations;
    private final InputValidator validator;

    public ApplicationService(ApplicationRepository applications, OrganizationService organizations, InputValidator validator) {
        this.applications = applications;
        this.organizations = organizations;
        this.validator = validator;
    }

    public Application create(UUID organizationId, ApplicationSpec spec) {
        organizations.get(organizationId);
        validator.check(spec, spec == null ? List.of() : RateLimit.periodProblems("/rateLimits", spec.rateLimits()));
        if (applications.existsByOrganizationIdAndName(organizationId, spec.name().strip())) {
            throw new ConflictException("the organization already has an application named " + spec.name().strip(), "/name");
        }
        return applications.saveAndFlush(Application.of(organizationId, spec.name(), spec.rateLimits()));
    }

    /** Replaces the application-level rate limits (across all its subscriptions); empty removes them. */
    public Application changeRateLimits(UUID id, RateLimits limits) {
        Application application = get(id);
        validator.check(limits, RateLimit.periodProblems("/rateLimits", limits == null ? null : limits.rateLimits()));
        application.limit(limits.rateLimits());
        return applications.saveAndFlush(application);
    }

    @Transactional(readOnly = true)
    public Application get(UUID id) {
        return applications.findById(id).orElseThrow(() -> new NotFoundException("application", id));
    }

    @Transactional(readOnly = true)
    public List<Application> listForOrganization(UUID organizationId) {
        organizations.get(organizationId);
        return applications.findByOrganizationIdOrderByName(organizationId);
    }
}
