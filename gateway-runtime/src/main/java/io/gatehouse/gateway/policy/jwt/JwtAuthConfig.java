package io.gatehouse.gateway.policy.jwt;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of {@link JwtAuthPolicy}, under {@code gatehouse.gateway.oauth}.
 *
 * @param issuer                 the built-in authorization server's issuer, compared exactly with {@code iss}
 * @param audience               the audience its tokens must name
 * @param jwksUri                where it publishes its keys; {@code <issuer>/oauth2/jwks} when absent
 * @param clockSkew              how far {@code exp} and {@code nbf} may be off
 * @param jwksMinRefreshInterval how often, at most, a token with an unknown key id makes the gateway
 *                               fetch an issuer's keys again
 * @param jwksMaxAge             after this long, cached keys are refreshed in the background
 * @param httpTimeout            how long a key or discovery fetch may take
 */
@ConfigurationProperties("gatehouse.gateway.oauth")
public record JwtAuthConfig(
        @DefaultValue("http://localhost:9000") String issuer,
        @DefaultValue("gatehouse") String audience,
        String jwksUri,
        @DefaultValue("30s") Duration clockSkew,
        @DefaultValue("30s") Duration jwksMinRefreshInterval,
        @DefaultValue("10m") Duration jwksMaxAge,
        @DefaultValue("5s") Duration httpTimeout) {

    public JwtAuthConfig {
        issuer = httpUrl("issuer", issuer);
        if (audience == null || audience.isBlank()) {
            throw new IllegalArgumentException("gatehouse.gateway.oauth.audience must not be blank");
        }
        jwksUri = jwksUri == null || jwksUri.isBlank() ? stripSlash(issuer) + "/oauth2/jwks" : httpUrl("jwks-uri", jwksUri);
        requirePositive("clock-skew", clockSkew, true);
        requirePositive("jwks-min-refresh-interval", jwksMinRefreshInterval, true);
        requirePositive("jwks-max-age", jwksMaxAge, false);
        requirePositive("http-timeout", httpTimeout, false);
    }

    private static String httpUrl(String name, String value) {
        if (value == null || !(value.startsWith("http://") || value.startsWith("https://"))) {
            throw new IllegalArgumentException("gatehouse.gateway.oauth." + name + " must be an http(s) URL, was '" + value + "'");
        }
        URI.create(value);
        return value.strip();
    }

    static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static void requirePositive(String name, Duration value, boolean zeroAllowed) {
        if (value == null || value.isNegative() || (!zeroAllowed && value.isZero())) {
            throw new IllegalArgumentException("gatehouse.gateway.oauth." + name + " must be a positive duration");
        }
    }
}
