package io.gatehouse.core.credential;

import java.security.SecureRandom;

/** The format of OAuth client ids ({@code gh-client-} and 20 random characters) and secrets (256 random bits, URL-safe). */
final class OAuthClients {

    private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final String SECRET_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private OAuthClients() {
    }

    static String clientId() {
        return "gh-client-" + random(ID_ALPHABET, 20);
    }

    static String secret() {
        return random(SECRET_ALPHABET, 43);
    }

    private static String random(String alphabet, int length) {
        StringBuilder value = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            value.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return value.toString();
    }
}
