package io.gatehouse.console.oauth;

import io.gatehouse.core.application.Application;
import io.gatehouse.core.application.ApplicationService;
import io.gatehouse.core.signingkey.SigningKey;
import io.gatehouse.core.signingkey.SigningKeyService;
import java.util.List;
import java.util.UUID;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.stereotype.Component;

/**
 * Shapes every access token: signed by the active key (its {@code kid} and algorithm in the header),
 * {@code aud} = {@code gatehouse.oauth.audience}, and the claims the gateway maps a caller by:
 * {@code client_id}, {@code application_id}, {@code organization_id}.
 */
@Component
class GatehouseTokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    private final SigningKeyService keys;
    private final ApplicationService applications;
    private final AuthorizationServerProperties properties;

    GatehouseTokenClaims(SigningKeyService keys, ApplicationService applications, AuthorizationServerProperties properties) {
        this.keys = keys;
        this.applications = applications;
        this.properties = properties;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            return;
        }
        SigningKey key = keys.active();
        context.getJwsHeader().algorithm(SignatureAlgorithm.from(key.getAlgorithm().name())).keyId(key.getKid());
        Application application = applications.get(UUID.fromString(context.getRegisteredClient().getId()));
        context.getClaims()
                .audience(List.of(properties.audience()))
                .claim("client_id", context.getRegisteredClient().getClientId())
                .claim("application_id", application.getId().toString())
                .claim("organization_id", application.getOrganizationId().toString());
    }
}
