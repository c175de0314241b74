package io.gatehouse.core.signingkey;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The authorization server's signing keys, kept in the registry database so that every control-plane
 * process signs with the same key. There is always exactly one active key (made on first use); a
 * rotation retires it and activates a new one. A retired key stays published for the token lifetime
 * plus a margin, then is purged. Changes are serialized across processes with a PostgreSQL advisory
 * lock, and a unique index allows only one active key.
 */
@Service
public class SigningKeyService {

    private static final long LOCK_ID = 0x6761746568L;

    private final SigningKeyRepository keys;
    private final SigningKeyProperties properties;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    @Autowired
    public SigningKeyService(SigningKeyRepository keys, SigningKeyProperties properties, JdbcTemplate jdbc,
                             PlatformTransactionManager transactionManager) {
        this(keys, properties, jdbc, transactionManager, Clock.systemUTC());
    }

    public SigningKeyService(SigningKeyRepository keys, SigningKeyProperties properties, JdbcTemplate jdbc,
                             PlatformTransactionManager transactionManager, Clock clock) {
        this.keys = keys;
        this.properties = properties;
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** The key that signs new tokens; the first one is made here when none exists. */
    public SigningKey active() {
        return keys.findByRetiredAtIsNull().orElseGet(() -> locked(() ->
                keys.findByRetiredAtIsNull().orElseGet(() -> keys.saveAndFlush(SigningKey.generate(algorithm(), clock.instant())))));
    }

    /** The keys to publish in the JWKS, newest first: the active key and the retired ones still within retention. */
    public List<SigningKey> published() {
        active();
        return keys.findPublished(clock.instant().minus(properties.retention()));
    }

    /** Retires the active key and activates a new one. */
    public SigningKey rotate() {
        return locked(this::rotateNow);
    }

    /** Rotates when the active key is older than the rotation interval (never when the interval is zero). */
    public Optional<SigningKey> rotateIfDue() {
        if (properties.signingKey().rotationInterval().isZero()) {
            return Optional.empty();
        }
        return locked(() -> {
            Instant now = clock.instant();
            Optional<SigningKey> active = keys.findByRetiredAtIsNull();
            if (active.isPresent() && now.isBefore(active.get().getActivatedAt().plus(properties.signingKey().rotationInterval()))) {
                return Optional.empty();
            }
            return Optional.of(rotateNow());
        });
    }

    /** Deletes retired keys that no unexpired token can carry any more; returns how many. */
    public int purgeExpired() {
        return locked(() -> keys.deleteRetiredBefore(clock.instant().minus(properties.retention())));
    }

    private SigningKey rotateNow() {
        Instant now = clock.instant();
        keys.findByRetiredAtIsNull().ifPresent(current -> {
            current.retire(now);
            keys.saveAndFlush(current);
        });
        return keys.saveAndFlush(SigningKey.generate(algorithm(), now));
    }

    private SigningAlgorithm algorithm() {
        return properties.signingKey().algorithm();
    }

    private <T> T locked(Supplier<T> work) {
        return transactions.execute(status -> {
            jdbc.query("select pg_advisory_xact_lock(?)", rs -> null, LOCK_ID);
            return work.get();
        });
    }
}
