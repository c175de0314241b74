package io.gatehouse.core.plan;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface PlanRepository extends JpaRepository<Plan, UUID> {

    List<Plan> findByApiIdOrderByCreatedAt(UUID apiId);

    boolean existsByApiIdAndName(UUID apiId, String name);

    boolean existsByApiIdAndNameAndIdNot(UUID apiId, String name, UUID id);
}
