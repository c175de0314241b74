package io.gatehouse.core.credential;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The format of API keys: {@code gh_} followed by 43 URL-safe characters (256 random bits). Keys are
 * stored and looked up only by their SHA-256 digest; a key of this entropy needs no slow hash, and
 * the gateway can find one by digest without ever comparing secrets.
 */
public final class ApiKeys {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int PREFIX_LENGTH = 10;

    private ApiKeys() {
    }

    public static String generate() {
        StringBuilder key = new StringBuilder("gh_");
        for (int i = 0; i < 43; i++) {
            key.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return key.toString();
    }

    /** The hex SHA-256 digest under which a key is stored and found. */
    public static String hash(String key) {
        return HexFormat.of().formatHex(SHA_256.get().digest(key.getBytes(StandardCharsets.UTF_8)));
    }

    /** One digest per thread: the gateway hashes a key on every call, and looking the algorithm up costs more than hashing. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    });

    /** The visible start of a key, kept so that people can tell their keys apart. */
    public static String prefix(String key) {
        return key.substring(0, Math.min(PREFIX_LENGTH, key.length()));
    }
}
