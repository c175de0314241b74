package io.gatehouse.core.organization;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface OrganizationRepository extends JpaRepository<Organization, UUID> {

    boolean existsByName(String name);

    List<Organization> findAllByOrderByName();
}
