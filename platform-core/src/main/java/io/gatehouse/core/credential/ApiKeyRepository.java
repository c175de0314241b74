package io.gatehouse.core.credential;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ApiKeyRepository extends JpaRepository<ApiKey, UUID> {

    List<ApiKey> findByApplicationIdOrderByCreatedAt(UUID applicationId);
}
