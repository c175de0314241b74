package io.gatehouse.core.secret;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Seals secrets the platform must read back (a broker's password), so that neither the database nor the
 * gateway's snapshot cache holds them in plain text: AES-256-GCM under the current key of
 * {@link SecretsProperties}, with a fresh random nonce each time. A sealed secret reads
 * {@code ghs1.<key id>.<nonce and ciphertext in base64url>}, only characters a URI's user information may
 * hold, so it takes the secret's place as written. What a previous key sealed still opens; a value that is
 * not sealed (stored before secrets were sealed) opens as itself.
 */
@Component
public class SecretSealer {

    private static final Logger log = LoggerFactory.getLogger(SecretSealer.class);
    private static final String PREFIX = "ghs1.";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private final String currentId;
    private final Map<String, SecretKey> keys = new LinkedHashMap<>();
    private final Set<String> unreadable = ConcurrentHashMap.newKeySet();

    public SecretSealer(SecretsProperties properties) {
        String current = properties.key() != null && !properties.key().isBlank() ? properties.key() : fromFile(properties);
        this.currentId = current == null ? null : add(current, "gatehouse.secrets.key");
        for (String previous : properties.previousKeys()) {
            add(previous, "gatehouse.secrets.previous-keys");
        }
    }

    /** Whether a current key is set: without one, secrets can be read back from their plain form only. */
    public boolean canSeal() {
        return currentId != null;
    }

    /** {@code secret} sealed with the current key; an {@link IllegalStateException} when there is none. */
    public String seal(String secret) {
        if (currentId == null) {
            throw new IllegalStateException("no secrets key (gatehouse.secrets.key) to seal a secret with");
        }
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] plain = secret.getBytes(StandardCharsets.UTF_8);
        byte[] sealed;
        try {
            sealed = cipher(Cipher.ENCRYPT_MODE, keys.get(currentId), nonce).doFinal(plain);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a secret", e);
        }
        return PREFIX + currentId + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array());
    }

    /**
     * The secret {@code value} seals, or {@code value} itself when it is not sealed. A {@link SecretUnreadableException}
     * when it was sealed with a key this process does not hold, or was altered.
     */
    public String open(String value) {
        if (!isSealed(value)) {
            return value;
        }
        int dot = value.indexOf('.', PREFIX.length());
        String keyId = dot < 0 ? "" : value.substring(PREFIX.length(), dot);
        SecretKey key = keys.get(keyId);
        if (key == null) {
            throw new SecretUnreadableException("sealed with key " + keyId + ", which this process does not hold");
        }
        try {
            byte[] sealed = Base64.getUrlDecoder().decode(value.substring(dot + 1));
            if (sealed.length <= NONCE_BYTES) {
                throw new IllegalArgumentException("too short");
            }
            byte[] nonce = Arrays.copyOf(sealed, NONCE_BYTES);
            return new String(cipher(Cipher.DECRYPT_MODE, key, nonce).doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new SecretUnreadableException("sealed with key " + keyId + " but altered or cut short");
        }
    }

    /**
     * Like {@link #open}, but a secret this process cannot open is kept sealed (so that whatever it is for
     * fails, rather than everything around it), and logged once.
     */
    public String openOrKeep(String value) {
        try {
            return open(value);
        } catch (SecretUnreadableException e) {
            if (unreadable.add(value)) {
                log.error("A stored secret cannot be opened ({}); set the key that sealed it in gatehouse.secrets.key "
                        + "or gatehouse.secrets.previous-keys", e.getMessage());
            }
            return value;
        }
    }

    /** Whether {@code value} is sealed with the current key (else it is plain, or sealed with a previous key). */
    public boolean sealedWithCurrentKey(String value) {
        return currentId != null && value != null && value.startsWith(PREFIX + currentId + ".");
    }

    static boolean isSealed(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    private String add(String encoded, String setting) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(encoded.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(setting + " must be 32 bytes in base64 (openssl rand -base64 32)");
        }
        if (key.length != 32) {
            throw new IllegalStateException(setting + " must be 32 bytes in base64 (openssl rand -base64 32), not " + key.length + " bytes");
        }
        String id = HexFormat.of().formatHex(sha256(key), 0, 4);
        keys.putIfAbsent(id, new SecretKeySpec(key, "AES"));
        return id;
    }

    private String fromFile(SecretsProperties properties) {
        Path file = properties.keyFile();
        if (file == null) {
            return null;
        }
        try {
            if (!Files.exists(file) && properties.generateKeyFile()) {
                byte[] key = new byte[32];
                random.nextBytes(key);
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n");
                log.info("Generated a key for sealing secrets in {}", file.toAbsolutePath());
            }
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the secrets key file " + file, e);
        }
    }

    private static Cipher cipher(int mode, SecretKey key, byte[] nonce) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        return cipher;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
