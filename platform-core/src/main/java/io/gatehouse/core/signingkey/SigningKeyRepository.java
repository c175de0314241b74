package io.gatehouse.core.signingkey;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

public interface SigningKeyRepository extends JpaRepository<SigningKey, String> {

    Optional<SigningKey> findByRetiredAtIsNull();

    @Query("select k from SigningKey k where k.retiredAt is null or k.retiredAt > :retiredAfter order by k.activatedAt desc")
    List<SigningKey> findPublished(Instant retiredAfter);

    @Modifying
    @Query("delete from SigningKey k where k.retiredAt <= :retiredBefore")
    int deleteRetiredBefore(Instant retiredBefore);
}
