package io.gatehouse.console.security;

import io.gatehouse.core.user.ConsoleUser;
import java.util.UUID;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;

/** A signed-in console user: roles as {@code ROLE_*} authorities, and the organization a developer acts for. */
public class ConsoleUserDetails extends User {

    private final UUID userId;
    private final UUID organizationId;

    ConsoleUserDetails(ConsoleUser user) {
        super(user.getUsername(), user.getPasswordHash(),
                user.getRoles().stream().map(role -> new SimpleGrantedAuthority("ROLE_" + role.name())).toList());
        this.userId = user.getId();
        this.organizationId = user.getOrganizationId();
    }

    public UUID userId() {
        return userId;
    }

    /** The organization the user acts for; {@code null} for platform staff. */
    public UUID organizationId() {
        return organizationId;
    }
}
