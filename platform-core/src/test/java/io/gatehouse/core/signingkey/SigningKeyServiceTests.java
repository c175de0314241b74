package io.gatehouse.core.signingkey;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.core.CoreTest;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

@CoreTest
class SigningKeyServiceTests {

    private static final Duration TTL = Duration.ofMinutes(15);
    private static final Duration MARGIN = Duration.ofMinutes(5);

    @Autowired
    SigningKeyRepository repository;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactionManager;

    private final MovableClock clock = new MovableClock(Instant.parse("2030-01-01T00:00:00Z"));

    @BeforeEach
    void emptyStore() {
        repository.deleteAll();
    }

    @Test
    void makesOneActiveKeyOnFirstUseAndKeepsIt() {
        SigningKeyService service = service(SigningAlgorithm.RS256, Duration.ofDays(30));

        SigningKey first = service.active();

        assertThat(first.getAlgorithm()).isEqualTo(SigningAlgorithm.RS256);
        assertThat(first.getActivatedAt()).isEqualTo(clock.instant());
        assertThat(service.active().getKid()).isEqualTo(first.getKid());
        assertThat(service.published()).extracting(SigningKey::getKid).containsExactly(first.getKid());
        assertThat(repository.count()).isEqualTo(1);
    }

    @Test
    void aRetiredKeyStaysPublishedUntilItsTokensExpiredThenIsPurged() {
        SigningKeyService service = service(SigningAlgorithm.RS256, Duration.ofDays(30));
        SigningKey old = service.active();

        clock.advance(Duration.ofHours(1));
        SigningKey current = service.rotate();

        assertThat(current.getKid()).isNotEqualTo(old.getKid());
        assertThat(service.active().getKid()).isEqualTo(current.getKid());
        assertThat(service.published()).extracting(SigningKey::getKid).containsExactly(current.getKid(), old.getKid());

        clock.advance(TTL.plus(MARGIN).minusSeconds(1));
        assertThat(service.published()).extracting(SigningKey::getKid).containsExactly(current.getKid(), old.getKid());
        assertThat(service.purgeExpired()).isZero();

        clock.advance(Duration.ofSeconds(1));
        assertThat(service.published()).extracting(SigningKey::getKid).containsExactly(current.getKid());
        assertThat(service.purgeExpired()).isEqualTo(1);
        assertThat(repository.findAll()).extracting(SigningKey::getKid).containsExactly(current.getKid());
    }

    @Test
    void gatewaysReloadOnlyWhenAKeyChangesNotOnEveryPurgeCheck() {
        SigningKeyService service = service(SigningAlgorithm.RS256, Duration.ofDays(30));
        service.active();
        long before = registryVersion();

        assertThat(service.purgeExpired()).isZero();
        assertThat(service.rotateIfDue()).isEmpty();
        assertThat(registryVersion()).as("a check that changes nothing leaves the registry version").isEqualTo(before);

        service.rotate();
        assertThat(registryVersion()).as("a rotation is a change the gateways load").isGreaterThan(before);
    }

    private long registryVersion() {
        return jdbc.queryForObject("select version from registry_version", Long.class);
    }

    @Test
    void rotatesOnScheduleOnlyWhenTheIntervalHasPassed() {
        SigningKeyService service = service(SigningAlgorithm.RS256, Duration.ofDays(1));
        SigningKey first = service.active();

        clock.advance(Duration.ofHours(23));
        assertThat(service.rotateIfDue()).isEmpty();

        clock.advance(Duration.ofHours(1));
        SigningKey second = service.rotateIfDue().orElseThrow();
        assertThat(second.getKid()).isNotEqualTo(first.getKid());
        assertThat(repository.findByRetiredAtIsNull()).get().extracting(SigningKey::getKid).isEqualTo(second.getKid());

        assertThat(service(SigningAlgorithm.RS256, Duration.ZERO).rotateIfDue()).isEmpty();
    }

    @Test
    void storedEcKeysSignAndVerifyAfterAReload() throws Exception {
        SigningKeyService service = service(SigningAlgorithm.ES256, Duration.ofDays(30));
        String kid = service.active().getKid();

        SigningKey reloaded = repository.findById(kid).orElseThrow();
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(reloaded.keyPair().getPrivate());
        signer.update("token".getBytes());
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(reloaded.keyPair().getPublic());
        verifier.update("token".getBytes());

        assertThat(reloaded.keyPair().getPublic()).isInstanceOf(ECPublicKey.class);
        assertThat(verifier.verify(signature)).isTrue();
    }

    @Test
    void concurrentFirstUseMakesOnlyOneKey() throws Exception {
        SigningKeyService service = service(SigningAlgorithm.RS256, Duration.ofDays(30));
        List<Thread> threads = java.util.stream.IntStream.range(0, 4)
                .mapToObj(i -> Thread.ofVirtual().unstarted(service::active)).toList();
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(30));
        }

        assertThat(repository.count()).isEqualTo(1);
    }

    private SigningKeyService service(SigningAlgorithm algorithm, Duration rotationInterval) {
        SigningKeyProperties properties = new SigningKeyProperties(TTL, new SigningKeyProperties.Keys(algorithm, rotationInterval, MARGIN));
        return new SigningKeyService(repository, properties, jdbc, transactionManager, clock);
    }

    static final class MovableClock extends Clock {

        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
