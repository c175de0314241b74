package io.gatehouse.core.credential;

/** A client just issued or given a new secret: the stored client and the plaintext secret, shown once and never again. */
public record IssuedOAuthClient(OAuthClient client, String secret) {
}
