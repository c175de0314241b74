package io.gatehouse.gateway.policy.keyauth;

/**
 * Settings of {@link KeyAuthPolicy}.
 *
 * @param header the request header that carries the key; it is never forwarded upstream
 */
public record KeyAuthConfig(String header) {

    public static final KeyAuthConfig DEFAULT = new KeyAuthConfig("X-API-Key");

    public KeyAuthConfig {
        if (header == null || header.isBlank() || !header.chars().allMatch(c -> c > ' ' && c < 0x7f && c != ':')) {
            throw new IllegalArgumentException("key-auth: header must be a valid header name, was '" + header + "'");
        }
    }

    /** The {@code WWW-Authenticate} challenge sent with a 401. */
    public String challenge() {
        return "ApiKey header=\"" + header + "\"";
    }
}
