package io.gatehouse.gateway.proxy;

import io.gatehouse.core.snapshot.GatewaySnapshot.ServedApi;
import io.gatehouse.core.usage.Outcome;
import io.gatehouse.gateway.GatewayProperties;
import io.gatehouse.gateway.engine.GatewayEngine;
import io.gatehouse.gateway.exchange.Exchange;
import io.gatehouse.gateway.exchange.RequestIds;
import io.gatehouse.gateway.policy.PolicyChain;
import io.gatehouse.gateway.problem.Problem;
import io.gatehouse.gateway.problem.ProblemResponder;
import io.gatehouse.gateway.problem.ProblemType;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Forwards an admitted call to the API's upstream over pooled keep-alive connections of the call's own
 * event loop ({@link UpstreamConnections}), and relays the answer ({@link ProxiedCall}): bodies flow
 * through in both directions without being buffered whole, with back-pressure. Method, path remainder and
 * raw query are kept; hop-by-hop headers are dropped both ways; {@code Host} is the upstream's;
 * {@code X-Forwarded-For/-Proto/-Host} and {@code X-Request-Id} are set. An upstream that refuses the
 * connection gives 502; one that cannot be reached within the API's connect timeout
 * ({@code connectTimeout}, else {@code gatehouse.gateway.connect-timeout}) 504
 * {@code upstream-connect-timeout}; one that stays silent past the API's response timeout 504
 * {@code gateway-timeout}. At most {@code gatehouse.gateway.proxy.max-upstream-connections} are open to one
 * upstream; a call that finds them all busy for its connect timeout also gets 504 {@code upstream-connect-timeout}.
 */
@Component
public class UpstreamProxy {

    private static final Logger log = LoggerFactory.getLogger(UpstreamProxy.class);
    private static final Set<String> SET_BY_GATEWAY = Set.of("host", "x-forwarded-for", "x-forwarded-proto",
            "x-forwarded-host", "x-request-id", "expect");
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE");
    /** Headers sent upstream are not validated again: they were validated as they came in, or the gateway set them. */
    private static final DefaultHttpHeadersFactory UPSTREAM_HEADERS = DefaultHttpHeadersFactory.headersFactory()
            .withValidation(false);
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(20);

    private final UpstreamConnections connections;
    private final Duration defaultConnectTimeout;
    private final Duration defaultTimeout;
    private final ProxyProperties limits;
    private final TrustedProxies trustedProxies;

    public UpstreamProxy(GatewayProperties properties, ProxyProperties limits, GatewayEngine engine, MeterRegistry meters) {
        this.limits = limits;
        this.trustedProxies = new TrustedProxies(limits.trustedProxies());
        VertxInternal vertx = (VertxInternal) engine.vertx();
        this.connections = new UpstreamConnections(vertx.transport().channelFactory(false),
                vertx.nameResolver().nettyAddressResolverGroup(), KEEP_ALIVE,
                Math.ceilDiv(limits.maxUpstreamConnections(), engine.eventLoops()), new UpstreamWaits(meters),
                limits.upstreamTrustedCertificates());
        this.defaultConnectTimeout = properties.connectTimeout();
        this.defaultTimeout = properties.responseTimeout();
    }

    public void forward(Exchange exchange, PolicyChain chain, HttpServerRequest request) {
        boolean hasBody = hasBody(request);
        if (hasBody) {
            request.pause(); // resumed by the call as it sends the body
        } else {
            request.resume(); // it may have been paused while a policy decided
        }
        attempt((ContextInternal) Vertx.currentContext(), exchange, chain, request, hasBody, 0);
    }

    private void attempt(ContextInternal context, Exchange exchange, PolicyChain chain, HttpServerRequest request, boolean hasBody,
                         int retries) {
        ServedApi api = exchange.api();
        URI upstream = api.upstream();
        connections.acquire(context, Origin.of(upstream), connectTimeout(api).toMillis(), (connection, error) -> {
            if (error != null) {
                failedAttempt(context, exchange, chain, request, hasBody, retries, error);
                return;
            }
            new ProxiedCall(exchange, chain, request, connection, limits.maxBodySize().toBytes(),
                    failure -> failedAttempt(context, exchange, chain, request, hasBody, retries, failure),
                    () -> tooLarge(exchange, request))
                    .start(head(exchange, request, upstream, hasBody), hasBody, context, responseTimeout(api).toMillis());
        });
    }

    private void failedAttempt(ContextInternal context, Exchange exchange, PolicyChain chain, HttpServerRequest request,
                               boolean hasBody, int retries, Throwable error) {
        if (retries < limits.idempotentRetries() && !request.response().headWritten()
                && retryable(exchange.method(), hasBody, error)) {
            attempt(context, exchange, chain, request, hasBody, retries + 1);
        } else {
            failed(exchange, request, error);
        }
    }

    private HttpRequest head(Exchange exchange, HttpServerRequest request, URI upstream, boolean hasBody) {
        io.netty.handler.codec.http.HttpHeaders headers = UPSTREAM_HEADERS.newHeaders();
        HopByHopHeaders.copy(exchange.requestHeaders(), headers::add, SET_BY_GATEWAY);
        forwardedHeaders(exchange, request, headers, upstream);
        HttpMethod method = HttpMethod.valueOf(exchange.method());
        String uri = upstreamUri(upstream, exchange);
        if (!hasBody) {
            return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri, Unpooled.EMPTY_BUFFER, headers,
                    UPSTREAM_HEADERS.newEmptyHeaders());
        }
        if (!headers.contains(HttpHeaderNames.CONTENT_LENGTH)) {
            headers.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED); // an HTTP/2 body of unknown length
        }
        return new DefaultHttpRequest(HttpVersion.HTTP_1_1, method, uri, headers);
    }

    private Duration connectTimeout(ServedApi api) {
        return api.connectTimeout() != null ? api.connectTimeout() : defaultConnectTimeout;
    }

    private Duration responseTimeout(ServedApi api) {
        return api.timeout() != null ? api.timeout() : defaultTimeout;
    }

    /**
     * A call is sent again only when the upstream cannot have acted on it: the connection was refused,
     * or (for a call without a body) a pooled connection was closed before any answer. A connect
     * timeout is not retried: the caller would wait the timeout once more for a host that is likely away.
     */
    private static boolean retryable(String method, boolean hasBody, Throwable error) {
        return IDEMPOTENT.contains(method)
                && ((error instanceof ConnectException && !(error instanceof ConnectTimeoutException))
                    || (!hasBody && error instanceof UpstreamClosedException closed && !closed.answering()));
    }

    private void failed(Exchange exchange, HttpServerRequest request, Throwable error) {
        HttpServerResponse response = request.response();
        if (response.headWritten()) {
            log.debug("Upstream of {} failed mid-response for request {}", exchange.api().context(), exchange.requestId(), error);
            response.reset();
            return;
        }
        exchange.outcome(Outcome.FAILED);
        ProblemResponder.send(response, exchange, problemFor(exchange, error));
    }

    /** The rest of the body is not read: the connection closes after the answer. */
    private void tooLarge(Exchange exchange, HttpServerRequest request) {
        HttpServerResponse response = request.response();
        if (response.headWritten()) {
            response.reset();
            return;
        }
        exchange.outcome(Outcome.REJECTED);
        exchange.responseHeaders().set(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        ProblemResponder.send(response, exchange, RequestGuard.tooLarge(limits));
    }

    private Problem problemFor(Exchange exchange, Throwable error) {
        String upstream = exchange.api().name();
        if (error instanceof UpstreamBusyException) {
            return ProblemType.UPSTREAM_CONNECT_TIMEOUT.withDetail("Every connection the gateway may open to the upstream of API '"
                    + upstream + "' stayed busy for " + connectTimeout(exchange.api()).toMillis() + " ms.");
        }
        if (error instanceof ConnectTimeoutException) {
            return ProblemType.UPSTREAM_CONNECT_TIMEOUT.withDetail("The gateway could not connect to the upstream of API '"
                    + upstream + "' within " + connectTimeout(exchange.api()).toMillis() + " ms.");
        }
        if (error instanceof TimeoutException) {
            return ProblemType.GATEWAY_TIMEOUT.withDetail("The upstream of API '" + upstream + "' did not answer in time.");
        }
        if (error instanceof ConnectException) {
            return ProblemType.BAD_GATEWAY.withDetail("The upstream of API '" + upstream + "' refused the connection.");
        }
        log.debug("Upstream of {} failed for request {}", exchange.api().context(), exchange.requestId(), error);
        return ProblemType.BAD_GATEWAY.withDetail("The upstream of API '" + upstream + "' failed to answer.");
    }

    /** HTTP/1.x frames a body with Content-Length or Transfer-Encoding; HTTP/2 may stream one without either. */
    private static boolean hasBody(HttpServerRequest request) {
        MultiMap headers = request.headers();
        String length = headers.get(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            return !length.strip().equals("0");
        }
        return headers.contains(HttpHeaders.TRANSFER_ENCODING)
                || (request.version() == io.vertx.core.http.HttpVersion.HTTP_2 && !request.isEnded());
    }

    /**
     * {@code X-Forwarded-*} from a trusted proxy are extended (For) or kept (Proto, Host); from any other
     * peer they are replaced, so that clients cannot forge where a call came from.
     */
    private void forwardedHeaders(Exchange exchange, HttpServerRequest request, io.netty.handler.codec.http.HttpHeaders headers,
                                  URI upstream) {
        headers.set(HttpHeaderNames.HOST, upstream.getRawAuthority());
        boolean trusted = trustedProxies.trustsAny() && trustedProxies.trusts(exchange.clientAddress());
        MultiMap incoming = exchange.requestHeaders();
        String client = exchange.clientHost() == null ? "unknown" : exchange.clientHost();
        String previous = trusted ? incoming.get("X-Forwarded-For") : null;
        headers.set("X-Forwarded-For", previous == null || previous.isBlank() ? client : previous + ", " + client);
        String proto = trusted ? incoming.get("X-Forwarded-Proto") : null;
        headers.set("X-Forwarded-Proto", proto != null ? proto : request.scheme());
        String host = trusted && incoming.contains("X-Forwarded-Host") ? incoming.get("X-Forwarded-Host") : request.authority() == null
                ? incoming.get(HttpHeaders.HOST) : request.authority().toString();
        if (host != null) {
            headers.set("X-Forwarded-Host", host);
        }
        headers.set(RequestIds.HEADER, exchange.requestId());
    }

    static String upstreamUri(URI upstream, Exchange exchange) {
        String base = upstream.getRawPath() == null ? "" : upstream.getRawPath();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        String path = exchange.pathWithinApi();
        StringBuilder uri = new StringBuilder(base.length() + path.length() + 64).append(base);
        if (path.isEmpty()) {
            uri.append('/');
        } else {
            uri.append(path);
        }
        if (exchange.rawQuery() != null) {
            uri.append('?').append(exchange.rawQuery());
        }
        return uri.toString();
    }
}
