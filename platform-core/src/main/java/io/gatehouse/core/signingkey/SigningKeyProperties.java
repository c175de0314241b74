package io.gatehouse.core.signingkey;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code gatehouse.oauth.*} as far as signing keys care: how long tokens live, and the keys' algorithm,
 * rotation interval ({@code PT0S} turns scheduled rotation off) and the margin a retired key stays
 * published beyond the token lifetime (clock skew, caches of the JWKS).
 */
@ConfigurationProperties("gatehouse.oauth")
public record SigningKeyProperties(@DefaultValue("PT15M") Duration tokenTtl, @DefaultValue Keys signingKey) {

    public SigningKeyProperties {
        if (tokenTtl.isNegative() || tokenTtl.isZero()) {
            throw new IllegalArgumentException("gatehouse.oauth.token-ttl must be positive, not " + tokenTtl);
        }
    }

    /** How long a retired key stays in the JWKS: the token lifetime plus the margin. */
    public Duration retention() {
        return tokenTtl.plus(signingKey.retentionMargin());
    }

    public record Keys(@DefaultValue("RS256") SigningAlgorithm algorithm, @DefaultValue("P30D") Duration rotationInterval,
                       @DefaultValue("PT5M") Duration retentionMargin) {

        public Keys {
            if (rotationInterval.isNegative() || retentionMargin.isNegative()) {
                throw new IllegalArgumentException("gatehouse.oauth.signing-key durations must not be negative");
            }
        }
    }
}
