package io.gatehouse.gateway.event.websocket;

import io.gatehouse.gateway.exchange.Exchange;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.vertx.core.MultiMap;

/**
 * Credentials offered as WebSocket subprotocols, for clients that cannot set headers (browsers):
 * {@code new WebSocket(url, ["gatehouse.v1", "gatehouse.key." + apiKey])} or
 * {@code ["gatehouse.v1", "gatehouse.bearer." + jwt]}. Before the subscribe phase they become the
 * API's key header or {@code Authorization: Bearer}, unless the request has that header already. The
 * gateway answers with {@value #PROTOCOL} only, so a client must offer it too. Unlike a query string,
 * the header is not written to access logs or kept in browser history.
 */
final class SubprotocolCredentials {

    static final String PROTOCOL = "gatehouse.v1";
    private static final String KEY = "gatehouse.key.";
    private static final String BEARER = "gatehouse.bearer.";

    private SubprotocolCredentials() {
    }

    static void apply(Exchange exchange) {
        MultiMap headers = exchange.requestHeaders();
        String offered = headers.get(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL);
        if (offered == null) {
            return;
        }
        for (String protocol : offered.split(",")) {
            String value = protocol.strip();
            if (value.startsWith(KEY) && value.length() > KEY.length() && !headers.contains(exchange.api().keyHeader())) {
                headers.set(exchange.api().keyHeader(), value.substring(KEY.length()));
            } else if (value.startsWith(BEARER) && value.length() > BEARER.length() && !headers.contains(HttpHeaderNames.AUTHORIZATION)) {
                headers.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + value.substring(BEARER.length()));
            }
        }
    }
}
