package io.gatehouse.console.portal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where consumers reach a published API: {@code http://<host>:<gatehouse.gateway.port><context>},
 * the host being the one the visitor used to reach the portal, since the all-in-one serves both.
 */
@Component
public class GatewayAddress {

    private final int port;

    public GatewayAddress(@Value("${gatehouse.gateway.port:8000}") int port) {
        this.port = port;
    }

    public String urlOf(String host, String context) {
        String safeHost = host == null || host.isBlank() ? "localhost" : host;
        String bracketed = safeHost.contains(":") && !safeHost.startsWith("[") ? "[" + safeHost + "]" : safeHost;
        return "http://" + bracketed + ":" + port + context;
    }
}
