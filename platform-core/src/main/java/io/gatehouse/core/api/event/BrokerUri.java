package io.gatehouse.core.api.event;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A broker URI split around its user information ({@code amqp://user:password@host:port/vhost}), so that
 * its password can be hidden and put back without touching the rest, and so that a client can send the
 * credentials apart from the address. {@code user} and {@code password} stay as written in the URI
 * (percent-encoded where they were); {@link #decodedUser()} and {@link #decodedPassword()} are the values.
 */
public record BrokerUri(String scheme, String user, String password, String rest) {

    /** The parts of {@code uri}, or null when it is not a URI with an authority. */
    public static BrokerUri parse(String uri) {
        if (uri == null) {
            return null;
        }
        try {
            URI parsed = new URI(uri);
            String authority = parsed.getRawAuthority();
            if (parsed.getScheme() == null || authority == null) {
                return null;
            }
            int at = authority.lastIndexOf('@');
            String rest = uri.substring(uri.indexOf(authority) + at + 1);
            if (at < 0) {
                return new BrokerUri(parsed.getScheme(), null, null, rest);
            }
            String userInfo = authority.substring(0, at);
            int colon = userInfo.indexOf(':');
            return colon < 0 ? new BrokerUri(parsed.getScheme(), userInfo, null, rest)
                    : new BrokerUri(parsed.getScheme(), userInfo.substring(0, colon), userInfo.substring(colon + 1), rest);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** {@code uri} with what {@code secret} makes of its password (as written in it), if it has one. */
    static String mappingPassword(String uri, UnaryOperator<String> secret) {
        BrokerUri parsed = parse(uri);
        return parsed == null || parsed.password() == null ? uri : parsed.withPassword(secret.apply(parsed.password()));
    }

    /** Whether {@code uri} holds a password. */
    static boolean holdsPassword(String uri) {
        BrokerUri parsed = parse(uri);
        return parsed != null && parsed.password() != null;
    }

    /** {@code given} with the password of {@code stored} in place of a hidden one, when both name the same account. */
    static String keepingPasswordOf(String given, String stored) {
        BrokerUri hidden = parse(given);
        BrokerUri kept = parse(stored);
        return hidden == null || !EventSource.REDACTED.equals(hidden.password()) || kept == null || kept.password() == null
                || !kept.sameAccountAs(hidden) ? given : hidden.withPassword(kept.password());
    }

    /** The URI without user information: the broker's address, which may appear in messages. */
    public String address() {
        return scheme + "://" + rest;
    }

    /** The user name, percent-decoding undone; null when the URI names none. */
    public String decodedUser() {
        return decode(user);
    }

    /** The password, percent-decoding undone; null when the URI holds none. */
    public String decodedPassword() {
        return decode(password);
    }

    private static String decode(String text) {
        return text == null ? null : URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The URI with {@code newPassword} (as it is to appear in the URI) in place of the password. */
    String withPassword(String newPassword) {
        return scheme + "://" + user + ":" + newPassword + "@" + rest;
    }

    /** Whether both name the same user on the same broker (host, port, path and query alike). */
    boolean sameAccountAs(BrokerUri other) {
        return scheme.equalsIgnoreCase(other.scheme) && Objects.equals(user, other.user) && rest.equals(other.rest);
    }
}
