package io.gatehouse.gateway.policy.keyauth;

import io.gatehouse.core.api.KeyHeaders;
import io.gatehouse.core.snapshot.GatewaySnapshot.ServedApi;

/**
 * Settings of {@link KeyAuthPolicy}, per API.
 *
 * @param header     the request header that carries the key
 * @param forwardKey whether the key header reaches the upstream; by default it is removed
 */
public record KeyAuthConfig(String header, boolean forwardKey) {

    public static final KeyAuthConfig DEFAULT = new KeyAuthConfig(KeyHeaders.DEFAULT, false);

    public KeyAuthConfig {
        if (header == null || header.isBlank() || !header.chars().allMatch(c -> c > ' ' && c < 0x7f && c != ':')) {
            throw new IllegalArgumentException("key-auth: header must be a valid header name, was '" + header + "'");
        }
    }

    /** The settings {@code api} asks for: its key header, and whether credentials are forwarded. */
    public static KeyAuthConfig of(ServedApi api) {
        return new KeyAuthConfig(api.keyHeader(), api.forwardCredentials());
    }

    /** The {@code WWW-Authenticate} challenge sent with a 401. */
    public String challenge() {
        return "ApiKey header=\"" + header + "\"";
    }
}
