package io.gatehouse.core.organization;

import io.gatehouse.core.error.ConflictException;
import io.gatehouse.core.error.InputValidator;
import io.gatehouse.core.error.NotFoundException;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional
public class OrganizationService {

    private final OrganizationRepository organizations;
    private final InputValidator validator;

    public OrganizationService(OrganizationRepository organizations, InputValidator validator) {
        this.organizations = organizations;
        this.validator = validator;
    }

    public Organization create(OrganizationSpec spec) {
        validator.check(spec);
        if (organizations.existsByName(spec.name().strip())) {
            throw new ConflictException("an organization named " + spec.name().strip() + " exists", "/name");
        }
        return organizations.saveAndFlush(Organization.named(spec.name()));
    }

    @Transactional(readOnly = true)
    public Organization get(UUID id) {
        return organizations.findById(id).orElseThrow(() -> new NotFoundException("organization", id));
    }

    @Transactional(readOnly = true)
    public List<Organization> list() {
        return organizations.findAllByOrderByName();
    }
}
