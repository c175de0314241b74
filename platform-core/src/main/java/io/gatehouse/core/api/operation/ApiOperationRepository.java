package io.gatehouse.core.api.operation;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface ApiOperationRepository extends JpaRepository<ApiOperation, UUID> {

    List<ApiOperation> findByApiIdOrderByPathAscMethodAsc(UUID apiId);

    /**
     * The scopes of every operation of the APIs whose OAUTH2 plans trusting the built-in issuer
     * ({@code plan.oauth is null}) the application has an ACTIVE subscription to.
     */
    @Query(value = """
            select distinct scope
            from api_operation o
                 cross join lateral unnest(o.scopes) as scope
                 join plan p on p.api_id = o.api_id
                 join subscription s on s.plan_id = p.id
            where s.application_id = :applicationId and s.status = 'ACTIVE'
              and p.auth = 'OAUTH2' and p.oauth is null
            order by scope
            """, nativeQuery = true)
    List<String> scopesGrantedBySubscriptions(UUID applicationId);
}
