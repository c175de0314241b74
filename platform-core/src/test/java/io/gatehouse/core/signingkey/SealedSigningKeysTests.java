package io.gatehouse.core.signingkey;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.core.CoreTest;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Private signing keys are stored sealed with the secrets key, and read back whole; plain ones are sealed by resealAll. */
@CoreTest
class SealedSigningKeysTests {

    @Autowired
    SigningKeyService service;
    @Autowired
    SigningKeyRepository repository;
    @Autowired
    SealedSigningKeys sealed;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void emptyStore() {
        repository.deleteAll();
    }

    @Test
    void thePrivateKeyIsStoredSealedAndStillSigns() throws Exception {
        SigningKey key = service.active();

        byte[] stored = storedPrivateKey(key.getKid());
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).startsWith("ghs1.");
        assertThat(stored).isNotEqualTo(key.keyPair().getPrivate().getEncoded());
        repository.flush();
        assertSigns(repository.findById(key.getKid()).orElseThrow().keyPair());
        assertThat(sealed.resealAll()).as("nothing to reseal").isZero();
    }

    @Test
    void aPrivateKeyStoredPlainIsReadAndSealedByResealAll() throws Exception {
        SigningKey key = service.active();
        byte[] der = key.keyPair().getPrivate().getEncoded();
        jdbc.update("update signing_key set private_key = ? where kid = ?", der, key.getKid());

        assertSigns(service.published().getFirst().keyPair());
        assertThat(sealed.resealAll()).isEqualTo(1);

        assertThat(new String(storedPrivateKey(key.getKid()), StandardCharsets.ISO_8859_1)).startsWith("ghs1.");
        assertThat(repository.findById(key.getKid()).orElseThrow().keyPair().getPrivate().getEncoded()).isEqualTo(der);
    }

    private byte[] storedPrivateKey(String kid) {
        return jdbc.queryForObject("select private_key from signing_key where kid = ?", byte[].class, kid);
    }

    private static void assertSigns(KeyPair pair) throws Exception {
        String algorithm = pair.getPrivate().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(pair.getPrivate());
        signer.update("token".getBytes(StandardCharsets.UTF_8));
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(pair.getPublic());
        verifier.update("token".getBytes(StandardCharsets.UTF_8));
        assertThat(verifier.verify(signature)).isTrue();
    }
}
