package io.gatehouse.core.webhook.signature;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies webhooks by the Standard Webhooks specification (symmetric scheme, version
 * {@code v1}): the signed content is {@code <webhook-id>.<webhook-timestamp>.<body>}, the signature
 * HMAC-SHA256 with the key the {@code whsec_} secret encodes, sent as {@code v1,<base64>} in
 * {@code webhook-signature}. That header may list several space-separated signatures (secret
 * rotation); a message verifies when any {@code v1} entry matches, compared in constant time, and
 * its timestamp lies within the tolerance of now (replay protection, 5 minutes by default).
 *
 * <p>An instance holds one secret and is safe to share between threads.
 */
public final class StandardWebhooks {

    public static final String ID_HEADER = "webhook-id";
    public static final String TIMESTAMP_HEADER = "webhook-timestamp";
    public static final String SIGNATURE_HEADER = "webhook-signature";
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private static final String VERSION = "v1";
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    private final Duration tolerance;

    public StandardWebhooks(String secret) {
        this(secret, DEFAULT_TOLERANCE);
    }

    public StandardWebhooks(String secret, Duration tolerance) {
        this.key = new SecretKeySpec(WebhookSecrets.key(secret), ALGORITHM);
        this.tolerance = tolerance;
    }

    /** The {@code webhook-signature} value of a message: {@code v1,<base64 of HMAC-SHA256>}. */
    public String sign(String id, long timestamp, byte[] body) {
        if (id == null || id.isBlank() || id.indexOf('.') >= 0) {
            throw new IllegalArgumentException("a webhook id must be given and must not contain '.'");
        }
        return VERSION + "," + Base64.getEncoder().encodeToString(mac(id, timestamp, body));
    }

    public String sign(String id, Instant timestamp, byte[] body) {
        return sign(id, timestamp.getEpochSecond(), body);
    }

    /** Verifies against the current time. */
    public void verify(byte[] body, String id, String timestamp, String signatures) {
        verify(body, id, timestamp, signatures, Instant.now());
    }

    /**
     * Verifies one received message given the values of its three headers.
     *
     * @throws WebhookVerificationException naming what failed
     */
    public void verify(byte[] body, String id, String timestamp, String signatures, Instant now) {
        if (id == null || id.isBlank() || timestamp == null || signatures == null) {
            throw new WebhookVerificationException("missing webhook-id, webhook-timestamp or webhook-signature");
        }
        long seconds = parseTimestamp(timestamp);
        if (Math.abs(now.getEpochSecond() - seconds) > tolerance.toSeconds()) {
            throw new WebhookVerificationException("webhook-timestamp is outside the tolerance of " + tolerance);
        }
        byte[] expected = mac(id, seconds, body);
        boolean matched = false;
        for (String entry : signatures.strip().split(" +")) {
            int comma = entry.indexOf(',');
            if (comma < 0 || !entry.substring(0, comma).equals(VERSION)) {
                continue;
            }
            byte[] received = decode(entry.substring(comma + 1));
            // no early exit: every entry is compared, each in constant time
            matched |= received != null && MessageDigest.isEqual(expected, received);
        }
        if (!matched) {
            throw new WebhookVerificationException("no matching signature");
        }
    }

    private byte[] mac(String id, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }

    private static long parseTimestamp(String timestamp) {
        try {
            return Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            throw new WebhookVerificationException("webhook-timestamp is not a unix timestamp in seconds");
        }
    }

    private static byte[] decode(String signature) {
        try {
            return Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
