package io.gatehouse.console.bootstrap;

import io.gatehouse.core.secret.SealedSecrets;
import io.gatehouse.core.secret.SecretSealer;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * As the control plane starts with a secrets key, has every {@link SealedSecrets} store seal with it what is
 * still plain or sealed with a previous key: how a key is introduced and rotated.
 */
@Component
public class SecretResealing implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(SecretResealing.class);

    private final List<SealedSecrets> stores;
    private final SecretSealer sealer;

    public SecretResealing(List<SealedSecrets> stores, SecretSealer sealer) {
        this.stores = stores;
        this.sealer = sealer;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!sealer.canSeal()) {
            log.warn("No secrets key (GATEHOUSE_SECRETS_KEY): event sources cannot be given broker passwords, and private "
                    + "signing keys and webhook signing secrets are stored unsealed");
            return;
        }
        for (SealedSecrets store : stores) {
            int resealed = store.resealAll();
            if (resealed > 0) {
                log.info("Sealed {} with the current secrets key: {} records", store.what(), resealed);
            }
        }
    }
}
