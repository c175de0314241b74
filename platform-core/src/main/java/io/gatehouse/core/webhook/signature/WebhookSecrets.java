package io.gatehouse.core.webhook.signature;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Webhook signing secrets in the Standard Webhooks form: {@code whsec_} followed by the base64 of
 * 32 random bytes (the standard asks for 24 to 64). Unlike API keys, a signing secret cannot be kept
 * as a hash: the sender needs it to sign every delivery.
 */
public final class WebhookSecrets {

    public static final String PREFIX = "whsec_";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int BYTES = 32;

    private WebhookSecrets() {
    }

    public static String generate() {
        byte[] key = new byte[BYTES];
        RANDOM.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /**
     * The HMAC key of a secret: the base64 after the optional {@code whsec_} prefix, padded or not.
     *
     * @throws IllegalArgumentException when the rest is not base64 or is empty
     */
    static byte[] key(String secret) {
        if (secret == null) {
            throw new IllegalArgumentException("a webhook secret is required");
        }
        String encoded = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
        byte[] key = Base64.getDecoder().decode(encoded.strip());
        if (key.length == 0) {
            throw new IllegalArgumentException("a webhook secret must not be empty");
        }
        return key;
    }
}
