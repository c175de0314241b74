package io.gatehouse.console.oauth;

import io.gatehouse.core.signingkey.SigningKeyService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Rotates the signing key once {@code gatehouse.oauth.signing-key.rotation-interval} has passed and
 * purges retired keys whose tokens have all expired; checks at start (so that a new installation makes its
 * first key then, not while serving its first token or traffic) and every
 * {@code gatehouse.oauth.signing-key.check-interval} (1 minute). Safe on several control-plane processes.
 */
@Component
class SigningKeyRotation {

    private static final Logger log = LoggerFactory.getLogger(SigningKeyRotation.class);

    private final SigningKeyService keys;

    SigningKeyRotation(SigningKeyService keys) {
        this.keys = keys;
    }

    @Scheduled(initialDelay = 0, fixedDelayString = "${gatehouse.oauth.signing-key.check-interval:PT1M}")
    void rotateWhenDue() {
        try {
            keys.rotateIfDue().ifPresent(key -> log.info("signing key rotated: {} is active now", key.getKid()));
            int purged = keys.purgeExpired();
            if (purged > 0) {
                log.info("{} retired signing key(s) purged", purged);
            }
        } catch (DataAccessException e) {
            log.warn("signing key rotation skipped, the database is unavailable: {}", e.getMessage());
        }
    }
}
