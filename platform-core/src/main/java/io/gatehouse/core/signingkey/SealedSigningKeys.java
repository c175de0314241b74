package io.gatehouse.core.signingkey;

import io.gatehouse.core.secret.SealedBytes;
import io.gatehouse.core.secret.SealedSecrets;
import io.gatehouse.core.secret.SecretSealer;
import io.gatehouse.core.secret.SecretUnreadableException;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Seals the stored private signing keys that are plain, or sealed with a previous key, with the current secrets key. */
@Component
public class SealedSigningKeys implements SealedSecrets {

    private final JdbcTemplate jdbc;
    private final SealedBytes sealed;

    public SealedSigningKeys(JdbcTemplate jdbc, SecretSealer sealer) {
        this.jdbc = jdbc;
        this.sealed = new SealedBytes(sealer);
    }

    @Override
    @Transactional
    public int resealAll() {
        int changed = 0;
        List<Row> rows = jdbc.query("select kid, private_key from signing_key for update",
                (row, n) -> new Row(row.getString(1), row.getBytes(2)));
        for (Row row : rows) {
            if (sealed.sealedWithCurrentKey(row.privateKey())) {
                continue;
            }
            byte[] plain;
            try {
                plain = sealed.convertToEntityAttribute(row.privateKey());
            } catch (SecretUnreadableException e) {
                continue; // sealed with a key this process does not hold: left as it is
            }
            changed += jdbc.update("update signing_key set private_key = ? where kid = ?", sealed.convertToDatabaseColumn(plain),
                    row.kid());
        }
        return changed;
    }

    @Override
    public String what() {
        return "private signing keys";
    }

    private record Row(String kid, byte[] privateKey) {
    }
}
