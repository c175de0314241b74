package io.gatehouse.core.user;

import io.gatehouse.core.error.ConflictException;
import io.gatehouse.core.error.FieldProblem;
import io.gatehouse.core.error.InputValidator;
import io.gatehouse.core.error.NotFoundException;
import io.gatehouse.core.organization.OrganizationService;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Sort;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Console users: created by admins, found by the sign-in machinery. Passwords are stored hashed. */
@Service
@Transactional
public class UserService {

    private final ConsoleUserRepository users;
    private final OrganizationService organizations;
    private final PasswordEncoder passwordEncoder;
    private final InputValidator validator;

    public UserService(ConsoleUserRepository users, OrganizationService organizations, PasswordEncoder passwordEncoder,
                       InputValidator validator) {
        this.users = users;
        this.organizations = organizations;
        this.passwordEncoder = passwordEncoder;
        this.validator = validator;
    }

    public ConsoleUser create(UserSpec spec) {
        List<FieldProblem> extra = new ArrayList<>();
        if (spec != null && spec.roles() != null && spec.roles().contains(Role.DEVELOPER) && spec.organizationId() == null) {
            extra.add(new FieldProblem("/organizationId", "a DEVELOPER acts for an organization"));
        }
        validator.check(spec, extra);
        if (spec.organizationId() != null) {
            organizations.get(spec.organizationId());
        }
        if (users.existsByUsername(spec.username())) {
            throw new ConflictException("user " + spec.username() + " exists", "/username");
        }
        return users.saveAndFlush(ConsoleUser.of(spec.username(), passwordEncoder.encode(spec.password()), spec.roles(),
                spec.organizationId()));
    }

    @Transactional(readOnly = true)
    public Optional<ConsoleUser> find(String username) {
        return users.findByUsername(username);
    }

    @Transactional(readOnly = true)
    public ConsoleUser get(UUID id) {
        return users.findById(id).orElseThrow(() -> new NotFoundException("user", id));
    }

    @Transactional(readOnly = true)
    public List<ConsoleUser> list() {
        return users.findAll(Sort.by("username"));
    }

    @Transactional(readOnly = true)
    public boolean anyExist() {
        return users.count() > 0;
    }
}
