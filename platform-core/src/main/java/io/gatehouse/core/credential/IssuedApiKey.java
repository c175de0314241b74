package io.gatehouse.core.credential;

/** A key just issued: the stored key and its plaintext, which is shown once and never again. */
public record IssuedApiKey(ApiKey key, String plaintext) {
}
