package io.gatehouse.core.plan;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface BackendLimitRepository extends JpaRepository<BackendLimit, UUID> {
}
