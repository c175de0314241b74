package io.gatehouse.core.api;

import java.util.Locale;
import java.util.Set;

/**
 * The request header that carries an API's keys at the gateway ({@code keyHeader}): any HTTP field
 * name (an RFC 9110 token) that is neither hop-by-hop nor one that HTTP or the gateway itself gives a
 * meaning to, since the gateway removes it before the upstream and must not lose a header the call
 * needs to travel.
 */
public final class KeyHeaders {

    public static final String DEFAULT = "X-API-Key";
    static final int MAX_LENGTH = 100;

    private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";
    private static final Set<String> RESERVED = Set.of(
            "connection", "keep-alive", "te", "trailer", "transfer-encoding", "upgrade", "http2-settings",
            "host", "authorization", "content-length", "content-type", "content-encoding", "content-range",
            "expect", "cookie", "set-cookie", "forwarded", "via", "x-forwarded-for", "x-forwarded-proto",
            "x-forwarded-host", "x-request-id", "accept", "accept-encoding", "user-agent", "date", "range",
            "www-authenticate", "sec-websocket-key");

    private KeyHeaders() {
    }

    /** The header to use for a publisher's choice: the default when none is given. */
    public static String orDefault(String header) {
        return header == null || header.isBlank() ? DEFAULT : header.strip();
    }

    /** Why {@code header} cannot carry API keys, or null when it can (an absent header means the default). */
    public static String problem(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String name = header.strip();
        if (name.length() > MAX_LENGTH) {
            return "must be at most " + MAX_LENGTH + " characters";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c < 0x7f && (Character.isLetterOrDigit(c) || TOKEN_SYMBOLS.indexOf(c) >= 0))) {
                return "must be an HTTP header name: letters, digits and !#$%&'*+-.^_`|~ only";
            }
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (RESERVED.contains(lower) || lower.startsWith("proxy-") || lower.startsWith("sec-")) {
            return name + " is reserved (hop-by-hop, or used by HTTP or the gateway); choose a header such as " + DEFAULT;
        }
        return null;
    }
}
