package io.gatehouse.core.api;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ApiRepository extends JpaRepository<Api, UUID> {

    boolean existsByContext(String context);

    boolean existsByContextAndIdNot(String context, UUID id);

    List<Api> findAllByOrderByNameAscVersionAsc();

    List<Api> findByStateInOrderByNameAscVersionAsc(List<ApiState> states);
}
