package io.gatehouse.core.signingkey;

import io.gatehouse.core.secret.SealedBytes;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A key pair that signs the authorization server's tokens. It is active from {@code activatedAt}
 * until {@code retiredAt}; once retired it signs nothing new but stays published until the last token
 * it signed has expired. The private key is stored sealed with the secrets key when one is set ({@link SealedBytes}).
 */
@Entity
@Table(name = "signing_key")
public class SigningKey {

    @Id
    private String kid;
    @Enumerated(EnumType.STRING)
    private SigningAlgorithm algorithm;
    private byte[] publicKey;
    @Convert(converter = SealedBytes.class)
    private byte[] privateKey;
    private Instant createdAt;
    private Instant activatedAt;
    private Instant retiredAt;

    protected SigningKey() {
    }

    static SigningKey generate(SigningAlgorithm algorithm, Instant now) {
        KeyPair pair = algorithm.generate();
        SigningKey key = new SigningKey();
        key.kid = UUID.randomUUID().toString();
        key.algorithm = algorithm;
        key.publicKey = pair.getPublic().getEncoded();
        key.privateKey = pair.getPrivate().getEncoded();
        key.createdAt = now;
        key.activatedAt = now;
        return key;
    }

    void retire(Instant now) {
        retiredAt = now;
    }

    /** Whether the key still has to be published: active, or retired less than {@code retention} ago. */
    public boolean isPublishedAt(Instant now, Duration retention) {
        return retiredAt == null || now.isBefore(retiredAt.plus(retention));
    }

    public boolean isActive() {
        return retiredAt == null;
    }

    /** The key pair, decoded from its stored DER forms. */
    public KeyPair keyPair() {
        try {
            KeyFactory factory = KeyFactory.getInstance(algorithm.keyType());
            return new KeyPair(factory.generatePublic(new X509EncodedKeySpec(publicKey)),
                    factory.generatePrivate(new PKCS8EncodedKeySpec(privateKey)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing key " + kid + " cannot be decoded", e);
        }
    }

    public String getKid() {
        return kid;
    }

    public SigningAlgorithm getAlgorithm() {
        return algorithm;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getActivatedAt() {
        return activatedAt;
    }

    public Instant getRetiredAt() {
        return retiredAt;
    }
}
