package io.gatehouse.console.bootstrap;

import io.gatehouse.core.api.event.EventSourceStore;
import io.gatehouse.core.secret.SecretSealer;
import io.gatehouse.core.signingkey.SealedSigningKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * As the control plane starts with a secrets key, seals with it every stored secret (broker passwords, private
 * signing keys) that is still plain (stored before secrets were sealed, or without a key) or sealed with a
 * previous key: how a key is rotated.
 */
@Component
public class SecretResealing implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(SecretResealing.class);

    private final EventSourceStore sources;
    private final SealedSigningKeys signingKeys;
    private final SecretSealer sealer;

    public SecretResealing(EventSourceStore sources, SealedSigningKeys signingKeys, SecretSealer sealer) {
        this.sources = sources;
        this.signingKeys = signingKeys;
        this.sealer = sealer;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!sealer.canSeal()) {
            log.warn("No secrets key (GATEHOUSE_SECRETS_KEY): event sources cannot be given broker passwords, and private "
                    + "signing keys are stored unsealed");
            return;
        }
        int resealed = sources.resealAll();
        int keys = signingKeys.resealAll();
        if (resealed + keys > 0) {
            log.info("Sealed with the current secrets key: the broker passwords of {} event sources, {} private signing keys",
                    resealed, keys);
        }
    }
}
