package io.gatehouse.core.user;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ConsoleUserRepository extends JpaRepository<ConsoleUser, UUID> {

    Optional<ConsoleUser> findByUsername(String username);

    boolean existsByUsername(String username);
}
