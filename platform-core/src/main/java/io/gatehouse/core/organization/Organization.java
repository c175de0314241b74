package io.gatehouse.core.organization;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A customer: owns applications and receives invoices. */
@Entity
@Table(name = "organization")
public class Organization {

    @Id
    private UUID id;
    private String name;
    private Instant createdAt;

    protected Organization() {
    }

    static Organization named(String name) {
        Organization organization = new Organization();
        organization.id = UUID.randomUUID();
        organization.name = name.strip();
        organization.createdAt = Instant.now();
        return organization;
    }

    public UUID getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
