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
 */
final class HopByHopHeaders {

    private static final Set<String> ALWAYS = Set.of("connection", "keep-alive", "te", "trailer", "transfer-encoding",
            "upgrade", "http2-settings");

    private HopByHopHeaders() {
    }

    /** Adds every end-to-end header of {@code from} to {@code to}, except those in {@code skip} (lower case). */
    static void copy(MultiMap from, MultiMap to, Set<String> skip) {
        String connection = from.get(HttpHeaders.CONNECTION);
        Set<String> listed = connection == null ? Set.of() : tokens(connection);
        for (Map.Entry<String, String> header : from) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (ALWAYS.contains(name) || name.startsWith("proxy-") || name.startsWith("x-http2-")
                    || listed.contains(name) || skip.contains(name)) {
                continue;
            }
            to.add(header.getKey(), header.getValue());
        }
    }

    private static Set<String> tokens(String connection) {
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
