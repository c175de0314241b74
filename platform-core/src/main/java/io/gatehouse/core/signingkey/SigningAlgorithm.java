package io.gatehouse.core.signingkey;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;

/** The JWS algorithms a signing key can be made for: RSA 2048 with SHA-256, or ECDSA P-256 with SHA-256. */
public enum SigningAlgorithm {

    RS256("RSA"),
    ES256("EC");

    private final String keyType;

    SigningAlgorithm(String keyType) {
        this.keyType = keyType;
    }

    /** The JCA key algorithm ({@code RSA} or {@code EC}). */
    public String keyType() {
        return keyType;
    }

    KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(keyType);
            if (this == RS256) {
                generator.initialize(2048);
            } else {
                generator.initialize(new ECGenParameterSpec("secp256r1"));
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK can make " + keyType + " keys", e);
        }
    }
}
