package io.gatehouse.console.oauth;

import io.gatehouse.core.api.operation.ApiOperationService;
import io.gatehouse.core.credential.OAuthClient;
import io.gatehouse.core.credential.OAuthClientService;
import io.gatehouse.core.error.NotFoundException;
import io.gatehouse.core.signingkey.SigningKeyProperties;
import java.util.UUID;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Component;

/**
 * The applications' OAuth clients as the authorization server sees them: client credentials only,
 * secret by HTTP Basic or form post, self-contained access tokens of {@code gatehouse.oauth.token-ttl}.
 * The registered client's id is the application's id.
 *
 * <p>Scopes: a client may ask for the scopes of the operations of the APIs its application has an
 * ACTIVE subscription to, on an OAUTH2 plan that trusts this server; asking for any other scope is
 * refused with {@code invalid_scope}. Read afresh on every token request, so a new subscription or a
 * changed operation counts at once.
 */
@Component
class OAuthClientRegistry implements RegisteredClientRepository {

    private final OAuthClientService clients;
    private final ApiOperationService operations;
    private final TokenSettings tokenSettings;

    OAuthClientRegistry(OAuthClientService clients, ApiOperationService operations, SigningKeyProperties properties) {
        this.clients = clients;
        this.operations = operations;
        this.tokenSettings = TokenSettings.builder()
                .accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
                .accessTokenTimeToLive(properties.tokenTtl())
                .build();
    }

    /** Only re-encodings of an existing client's secret arrive here; clients are issued by {@link OAuthClientService}. */
    @Override
    public void save(RegisteredClient registeredClient) {
        if (registeredClient.getClientSecret() != null) {
            clients.rehashSecret(registeredClient.getClientId(), registeredClient.getClientSecret());
        }
    }

    @Override
    public RegisteredClient findById(String id) {
        try {
            return registered(clients.get(UUID.fromString(id)));
        } catch (IllegalArgumentException | NotFoundException e) {
            return null;
        }
    }

    @Override
    public RegisteredClient findByClientId(String clientId) {
        return clients.findByClientId(clientId).map(this::registered).orElse(null);
    }

    private RegisteredClient registered(OAuthClient client) {
        return RegisteredClient.withId(client.getApplicationId().toString())
                .clientId(client.getClientId())
                .clientIdIssuedAt(client.getCreatedAt())
                .clientSecret(client.getSecretHash())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .scopes(scopes -> scopes.addAll(operations.scopesGrantedBySubscriptions(client.getApplicationId())))
                .tokenSettings(tokenSettings)
                .build();
    }
}
