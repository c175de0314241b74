package io.gatehouse.console.oauth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.gatehouse.core.signingkey.SigningKey;
import io.gatehouse.core.signingkey.SigningKeyService;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The published signing keys as JWKs, private parts included: the token encoder picks the key by the
 * {@code kid} that {@link GatehouseTokenClaims} puts in the header, and the JWKS endpoint prints only
 * the public parts. Decoded keys are cached by {@code kid}; the set itself is read per call.
 */
@Component
class SigningKeyJwkSource implements JWKSource<SecurityContext> {

    private final SigningKeyService keys;
    private final Map<String, JWK> decoded = new ConcurrentHashMap<>();

    SigningKeyJwkSource(SigningKeyService keys) {
        this.keys = keys;
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) {
        List<SigningKey> published = keys.published();
        Set<String> kids = published.stream().map(SigningKey::getKid).collect(Collectors.toSet());
        decoded.keySet().retainAll(kids);
        return selector.select(new JWKSet(published.stream().map(key -> decoded.computeIfAbsent(key.getKid(), kid -> jwk(key))).toList()));
    }

    private static JWK jwk(SigningKey key) {
        KeyPair pair = key.keyPair();
        return switch (key.getAlgorithm()) {
            case RS256 -> new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey(pair.getPrivate())
                    .keyID(key.getKid()).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).build();
            case ES256 -> new ECKey.Builder(Curve.P_256, (ECPublicKey) pair.getPublic()).privateKey(pair.getPrivate())
                    .keyID(key.getKid()).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256).build();
        };
    }
}
