package io.gatehouse.gateway.proxy;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Copies headers from one hop to the next without the hop-by-hop ones (RFC 9110 §7.6.1):
 * {@code Connection} and every header it names, {@code Keep-Alive}, {@code Proxy-*}, {@code TE},
 * {@code Trailer}, {@code Transfer-Encoding}, {@code Upgrade}, plus the HTTP/2 conversion headers.
 * Runs for every call in both directions, so names are compared without allocating.
 */
public final class HopByHopHeaders {

    private HopByHopHeaders() {
    }

    /** Adds every end-to-end header of {@code from} to {@code to}, except those in {@code skip} (lower case). */
    static void copy(MultiMap from, MultiMap to, Set<String> skip) {
        String connection = from.get(HttpHeaders.CONNECTION);
        Set<String> listed = connectionOptions(connection);
        for (Map.Entry<String, String> header : from) {
            String name = header.getKey();
            if (hopByHop(name) || (!skip.isEmpty() && containsIgnoreCase(skip, name))
                    || (!listed.isEmpty() && listed.contains(name.toLowerCase(Locale.ROOT)))) {
                continue;
            }
            to.add(name, header.getValue());
        }
    }

    private static boolean hopByHop(String name) {
        boolean fixed = switch (name.length()) {
            case 2 -> name.equalsIgnoreCase("te");
            case 7 -> name.equalsIgnoreCase("trailer") || name.equalsIgnoreCase("upgrade");
            case 10 -> name.equalsIgnoreCase("connection") || name.equalsIgnoreCase("keep-alive");
            case 14 -> name.equalsIgnoreCase("http2-settings");
            case 17 -> name.equalsIgnoreCase("transfer-encoding");
            default -> false;
        };
        return fixed || name.regionMatches(true, 0, "proxy-", 0, 6) || name.regionMatches(true, 0, "x-http2-", 0, 8);
    }

    private static boolean containsIgnoreCase(Set<String> names, String name) {
        for (String candidate : names) {
            if (candidate.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /** The options a {@code Connection} header lists (header names, {@code close}), in lower case; empty for null. */
    public static Set<String> connectionOptions(String connection) {
        if (connection == null) {
            return Set.of();
        }
        Set<String> names = new HashSet<>();
        for (String token : connection.split(",")) {
            String name = token.strip().toLowerCase(Locale.ROOT);
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }
}
