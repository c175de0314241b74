package io.gatehouse.console.oauth;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code gatehouse.oauth.issuer} (the {@code iss} of every token and the base of the discovery
 * document) and {@code gatehouse.oauth.audience} (the {@code aud} of every token). Token lifetime and
 * signing keys are {@link io.gatehouse.core.signingkey.SigningKeyProperties}.
 */
@ConfigurationProperties("gatehouse.oauth")
public record AuthorizationServerProperties(@DefaultValue("http://localhost:9000") String issuer,
                                            @DefaultValue("gatehouse") String audience) {

    public AuthorizationServerProperties {
        if (issuer.isBlank() || audience.isBlank()) {
            throw new IllegalArgumentException("gatehouse.oauth.issuer and gatehouse.oauth.audience must not be blank");
        }
    }
}
