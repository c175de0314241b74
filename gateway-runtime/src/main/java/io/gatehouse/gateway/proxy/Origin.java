package io.gatehouse.gateway.proxy;

import java.net.URI;

/** Where an API's calls go: the upstream's host, port and whether it speaks TLS. Upstream connections are pooled by it. */
record Origin(String host, int port, boolean tls) {

    static Origin of(URI upstream) {
        boolean tls = "https".equalsIgnoreCase(upstream.getScheme());
        return new Origin(upstream.getHost(), upstream.getPort() > 0 ? upstream.getPort() : tls ? 443 : 80, tls);
    }
}
