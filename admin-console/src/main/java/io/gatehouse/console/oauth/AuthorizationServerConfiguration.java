package io.gatehouse.console.oauth;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The built-in OAuth2 authorization server (Spring Authorization Server): the client-credentials
 * grant at {@code /oauth2/token} for applications' OAuth clients, the signing keys at
 * {@code /oauth2/jwks}, metadata at {@code /.well-known/oauth-authorization-server}. Its filter chain
 * matches only the server's endpoints and comes before the management API's and the console's chains.
 * Tokens are self-contained JWTs and are not stored, so introspection answers {@code active: false}
 * and revocation has no effect; tokens are short-lived instead. The scopes a client may ask for are
 * those {@link OAuthClientRegistry} registers it with; any other is refused ({@code invalid_scope}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuthorizationServerProperties.class)
@EnableScheduling
public class AuthorizationServerConfiguration {

    @Bean
    @Order(-1)
    SecurityFilterChain authorizationServerSecurityFilterChain(HttpSecurity http, OAuthClientRegistry clients,
                                                               StatelessAuthorizationService authorizations) throws Exception {
        http.oauth2AuthorizationServer(server -> {
            http.securityMatcher(server.getEndpointsMatcher());
            server.registeredClientRepository(clients)
                    .authorizationService(authorizations);
        });
        return http
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(new InvalidClientEntryPoint()))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .csrf(csrf -> csrf.disable())
                .build();
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(AuthorizationServerProperties properties) {
        return AuthorizationServerSettings.builder().issuer(properties.issuer()).build();
    }
}
