package io.gatehouse.console.user.rest;

import io.gatehouse.core.user.ConsoleUser;
import io.gatehouse.core.user.Role;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A console user as the API shows it: never the password or its hash. */
public record UserView(UUID id, String username, List<Role> roles, UUID organizationId, Instant createdAt) {

    static UserView of(ConsoleUser user) {
        return new UserView(user.getId(), user.getUsername(), user.getRoles().stream().sorted().toList(),
                user.getOrganizationId(), user.getCreatedAt());
    }
}
