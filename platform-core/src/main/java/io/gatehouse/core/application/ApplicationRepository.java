package io.gatehouse.core.application;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ApplicationRepository extends JpaRepository<Application, UUID> {

    boolean existsByOrganizationIdAndName(UUID organizationId, String name);

    List<Application> findByOrganizationIdOrderByName(UUID organizationId);
}
