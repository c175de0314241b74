package io.gatehouse.core.user;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A person who signs in to the console, the portal or the management API. The password is kept as a hash. */
@Entity
@Table(name = "console_user")
public class ConsoleUser {

    @Id
    private UUID id;
    private String username;
    private String passwordHash;
    @JdbcTypeCode(SqlTypes.ARRAY)
    private String[] roles;
    private UUID organizationId;
    private Instant createdAt;

    protected ConsoleUser() {
    }

    static ConsoleUser of(String username, String passwordHash, Set<Role> roles, UUID organizationId) {
        ConsoleUser user = new ConsoleUser();
        user.id = UUID.randomUUID();
        user.username = username;
        user.passwordHash = passwordHash;
        user.roles = roles.stream().map(Enum::name).sorted().toArray(String[]::new);
        user.organizationId = organizationId;
        user.createdAt = Instant.now();
        return user;
    }

    public UUID getId() {
        return id;
    }

    public String getUsername() {
        return username;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public Set<Role> getRoles() {
        return Arrays.stream(roles).map(Role::valueOf).collect(Collectors.toUnmodifiableSet());
    }

    /** The organization a developer acts for; {@code null} for platform staff. */
    public UUID getOrganizationId() {
        return organizationId;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
