package io.gatehouse.gateway.proxy;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How the gateway protects itself and upstreams from oversized or forged requests, under
 * {@code gatehouse.gateway.proxy}.
 *
 * @param maxBodySize        a request body larger than this is refused with 413
 * @param maxHeaderSize      the request line plus headers larger than this are refused with 431
 * @param maxHeaders         more request header fields than this are refused with 431
 * @param trustedProxies     peers (addresses or CIDR blocks) whose {@code X-Forwarded-*} headers are believed;
 *                           from any other peer they are replaced
 * @param idempotentRetries  how many times a GET, HEAD, OPTIONS, PUT or DELETE is sent again when the upstream
 *                           refused the connection or closed it before answering; never for other methods
 * @param maxUpstreamConnections connections the gateway process keeps open to one upstream (scheme, host and
 *                           port) at most, shared evenly by its event loops (at least one each); a call finding
 *                           its loop's share busy waits for one up to the API's connect timeout, then gets 504
 * @param upstreamTrustedCertificates a PEM file of the certificates (usually a private CA's) that {@code https}
 *                           upstreams' chains must lead to, instead of the JVM's trusted ones; the upstream's
 *                           host name is checked against its certificate either way
 */
@ConfigurationProperties("gatehouse.gateway.proxy")
public record ProxyProperties(
        @DefaultValue("10MB") DataSize maxBodySize,
        @DefaultValue("16KB") DataSize maxHeaderSize,
        @DefaultValue("100") int maxHeaders,
        @DefaultValue({"127.0.0.0/8", "::1/128"}) List<String> trustedProxies,
        @DefaultValue("1") int idempotentRetries,
        @DefaultValue("1024") int maxUpstreamConnections,
        Path upstreamTrustedCertificates) {

    public ProxyProperties {
        if (maxHeaders < 1) {
            throw new IllegalArgumentException("gatehouse.gateway.proxy.max-headers must be positive");
        }
        if (idempotentRetries < 0 || idempotentRetries > 5) {
            throw new IllegalArgumentException("gatehouse.gateway.proxy.idempotent-retries must be between 0 and 5");
        }
        if (maxUpstreamConnections < 1) {
            throw new IllegalArgumentException("gatehouse.gateway.proxy.max-upstream-connections must be positive");
        }
        trustedProxies = List.copyOf(trustedProxies);
    }
}
