package io.gatehouse.core.application;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A consumer of APIs, owned by an organization; holds credentials and subscriptions. */
@Entity
@Table(name = "application")
public class Application {

    @Id
    private UUID id;
    private UUID organizationId;
    private String name;
    private Instant createdAt;

    protected Application() {
    }

    static Application of(UUID organizationId, String name) {
        Application application = new Application();
        application.id = UUID.randomUUID();
        application.organizationId = organizationId;
        application.name = name.strip();
        application.createdAt = Instant.now();
        return application;
    }

    public UUID getId() {
        return id;
    }

    public UUID getOrganizationId() {
        return organizationId;
    }

    public String getName() {
        return name;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
