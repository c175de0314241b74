package io.gatehouse.gateway.policy.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.UUID;

/**
 * One issuer an API's OAUTH2 plans trust: how its tokens are verified (signature by a key of its key
 * set with RS256 or ES256 only, {@code iss} exactly, {@code aud} containing the audience, {@code exp}
 * required, {@code exp}/{@code nbf} within the clock skew), which claim names the client, and which
 * of the API's plans it admits to. Thread-safe; built once per snapshot.
 */
record TrustedIssuer(String issuer, String clientClaim, JwksCache keys, Set<UUID> planIds,
                     DefaultJWTProcessor<SecurityContext> processor, Duration clockSkew) {

    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);

    static TrustedIssuer of(String issuer, String audience, String clientClaim, JwksCache keys, Set<UUID> planIds,
                            long clockSkewSeconds) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(
                JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS,
                (selector, context) -> selector.select(keys.current())));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(audience,
                new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("exp"));
        claims.setMaxClockSkew((int) Math.min(Integer.MAX_VALUE, clockSkewSeconds));
        processor.setJWTClaimsSetVerifier(claims);
        return new TrustedIssuer(issuer, clientClaim, keys, Set.copyOf(planIds), processor, Duration.ofSeconds(clockSkewSeconds));
    }

    /** Until when a verified token is accepted: its {@code exp} and the clock skew allowed on it. */
    Instant acceptedUntil(JWTClaimsSet claims) {
        Date expires = claims.getExpirationTime();
        return expires == null ? null : expires.toInstant().plus(clockSkew);
    }

    /** Whether the cached key set holds a key that may have signed {@code jwt}. */
    boolean hasKeyFor(SignedJWT jwt) {
        return !new JWKSelector(JWKMatcher.forJWSHeader(jwt.getHeader())).select(keys.current()).isEmpty();
    }

    JWTClaimsSet verify(SignedJWT jwt) throws BadJOSEException, JOSEException {
        return processor.process(jwt, null);
    }
}
