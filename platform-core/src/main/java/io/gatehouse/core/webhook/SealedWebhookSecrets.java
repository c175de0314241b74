package io.gatehouse.core.webhook;

import io.gatehouse.core.secret.SealedSecrets;
import io.gatehouse.core.secret.SecretSealer;
import io.gatehouse.core.secret.SecretUnreadableException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Webhook endpoints' signing secrets ({@code webhook_endpoint.secret}), sealed where they are stored. */
@Component
public class SealedWebhookSecrets implements SealedSecrets {

    private final JdbcTemplate jdbc;
    private final SecretSealer sealer;

    public SealedWebhookSecrets(JdbcTemplate jdbc, SecretSealer sealer) {
        this.jdbc = jdbc;
        this.sealer = sealer;
    }

    @Override
    @Transactional
    public int resealAll() {
        Map<UUID, String> stored = new LinkedHashMap<>();
        jdbc.query("select id, secret from webhook_endpoint for update",
                row -> { stored.put(row.getObject(1, UUID.class), row.getString(2)); });
        int changed = 0;
        for (Map.Entry<UUID, String> endpoint : stored.entrySet()) {
            if (sealer.sealedWithCurrentKey(endpoint.getValue())) {
                continue;
            }
            try {
                String sealed = sealer.seal(sealer.open(endpoint.getValue()));
                changed += jdbc.update("update webhook_endpoint set secret = ? where id = ?", sealed, endpoint.getKey());
            } catch (SecretUnreadableException e) {
                // sealed with a key this process does not hold: left as it is
            }
        }
        return changed;
    }

    @Override
    public String what() {
        return "webhook signing secrets";
    }
}
