package io.gatehouse.gateway.proxy;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Copies headers from one hop to the next without the hop-by-hop ones (RFC 9110 §7.6.1):
 * {@code Connection} and every header it names, {@code Keep-Alive}, {@code Proxy-*}, {@code TE},
 * {@code Trailer}, {@code Transfer-Encoding}, {@code Upgrade}, plus the HTTP/2 conversion headers.
 * Runs for every call in both directions, so names are compared without allocating.
 */
public final class HopByHopHeaders {

    private HopByHopHeaders() {
    }

    /** Hands {@code to} every end-to-end header of {@code from}, except those in {@code skip} (lower case). */
    static void copy(MultiMap from, BiConsumer<String, String> to, Set<String> skip) {
        copy(from, from.get(HttpHeaders.CONNECTION), to, skip);
    }

    /** As {@link #copy(MultiMap, BiConsumer, Set)}, from an upstream's answer. */
    static void copy(io.netty.handler.codec.http.HttpHeaders from, BiConsumer<String, String> to, Set<String> skip) {
        copy(from, from.get(HttpHeaders.CONNECTION), to, skip);
    }

    private static void copy(Iterable<Map.Entry<String, String>> from, String connection, BiConsumer<String, String> to,
                             Set<String> skip) {
        Set<String> listed = namedHeaders(connection);
        for (Map.Entry<String, String> header : from) {
            String name = header.getKey();
            if (hopByHop(name) || (!skip.isEmpty() && containsIgnoreCase(skip, name))
                    || (!listed.isEmpty() && listed.contains(name.toLowerCase(Locale.ROOT)))) {
                continue;
            }
            to.accept(name, header.getValue());
        }
    }

    /** The headers a {@code Connection} header names; its usual values ({@code keep-alive}, {@code close}) name none. */
    private static Set<String> namedHeaders(String connection) {
        if (connection == null || connection.equalsIgnoreCase("keep-alive") || connection.equalsIgnoreCase("close")) {
            return Set.of();
        }
        return connectionOptions(connection);
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

    /** Whether {@code names} holds {@code name}, in any case. */
    static boolean containsIgnoreCase(Collection<String> names, String name) {
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
