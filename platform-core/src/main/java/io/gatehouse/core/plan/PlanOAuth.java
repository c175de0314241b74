package io.gatehouse.core.plan;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The external OpenID Connect provider an {@link PlanAuth#OAUTH2} plan trusts, instead of the
 * built-in authorization server. The gateway accepts a token of this provider when its {@code iss}
 * equals {@code issuer} and its {@code aud} contains {@code audience}; the value of the claim
 * {@code clientClaim} is the application's OAuth client id (publishers register the provider's client
 * id as the application's client id). The signing keys come from {@code jwksUri}, or, when it is
 * absent, from the {@code jwks_uri} of {@code <issuer>/.well-known/openid-configuration}.
 *
 * @param issuer      the provider's issuer identifier, an http(s) URL, compared exactly
 * @param audience    the audience the tokens must name
 * @param clientClaim the claim naming the client; {@code client_id} when absent
 * @param jwksUri     where the provider publishes its keys; discovered when absent
 */
public record PlanOAuth(
        @NotBlank @Size(max = 500) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String issuer,
        @NotBlank @Size(max = 200) String audience,
        @Size(max = 100) String clientClaim,
        @Size(max = 500) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String jwksUri) {

    public static final String DEFAULT_CLIENT_CLAIM = "client_id";

    public PlanOAuth {
        clientClaim = clientClaim == null || clientClaim.isBlank() ? DEFAULT_CLIENT_CLAIM : clientClaim.strip();
        jwksUri = jwksUri == null || jwksUri.isBlank() ? null : jwksUri.strip();
    }
}
