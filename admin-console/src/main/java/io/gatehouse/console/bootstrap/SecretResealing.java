package io.gatehouse.console.bootstrap;

import io.gatehouse.core.api.event.EventSourceStore;
import io.gatehouse.core.secret.SecretSealer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * As the control plane starts with a secrets key, seals with it every stored broker password that is
 * still plain (stored before secrets were sealed) or sealed with a previous key: how a key is rotated.
 */
@Component
public class SecretResealing implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(SecretResealing.class);

    private final EventSourceStore sources;
    private final SecretSealer sealer;

    public SecretResealing(EventSourceStore sources, SecretSealer sealer) {
        this.sources = sources;
        this.sealer = sealer;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!sealer.canSeal()) {
            log.info("No secrets key (GATEHOUSE_SECRETS_KEY): event sources cannot be given broker passwords");
            return;
        }
        int resealed = sources.resealAll();
        if (resealed > 0) {
            log.info("Sealed the broker passwords of {} event sources with the current secrets key", resealed);
        }
    }
}
