package io.gatehouse.gateway.proxy;

import io.gatehouse.core.snapshot.GatewaySnapshot.ServedApi;
import io.gatehouse.core.usage.Outcome;
import io.gatehouse.gateway.GatewayProperties;
import io.gatehouse.gateway.exchange.Exchange;
import io.gatehouse.gateway.exchange.RequestIds;
import io.gatehouse.gateway.policy.Phase;
import io.gatehouse.gateway.policy.PolicyChain;
import io.gatehouse.gateway.policy.Verdict;
import io.gatehouse.gateway.problem.Problem;
import io.gatehouse.gateway.problem.ProblemResponder;
import io.gatehouse.gateway.problem.ProblemType;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.timeout.ReadTimeoutException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.http.client.PrematureCloseException;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.ConnectionProvider;
import reactor.util.retry.Retry;

/**
 * Forwards an admitted call to the API's upstream over a pooled Reactor Netty client and streams
 * the answer back: bodies flow through in both directions without being buffered whole. Method,
 * path remainder and raw query are kept; hop-by-hop headers are dropped both ways; {@code Host} is
 * the upstream's; {@code X-Forwarded-For/-Proto/-Host} and {@code X-Request-Id} are set. An upstream
 * that refuses the connection gives 502; one that cannot be reached within the API's connect timeout
 * ({@code connectTimeout}, else {@code gatehouse.gateway.connect-timeout}) 504 {@code upstream-connect-timeout};
 * one that stays silent past the API's response timeout 504 {@code gateway-timeout}.
 *
 * <p>All APIs share one connection pool. An API with its own connect timeout is served by a client
 * derived once per distinct timeout ({@link HttpClient#option}) over that same pool, never one per call.
 */
@Component
public class UpstreamProxy implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(UpstreamProxy.class);
    private static final Set<String> SET_BY_GATEWAY = Set.of("host", "x-forwarded-for", "x-forwarded-proto",
            "x-forwarded-host", "x-request-id", "expect");
    private static final Set<String> NONE = Set.of();

    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE");

    private final ConnectionProvider pool;
    private final HttpClient client;
    private final Duration defaultConnectTimeout;
    private final ConcurrentMap<Duration, HttpClient> clientsByConnectTimeout = new ConcurrentHashMap<>();
    private final Duration defaultTimeout;
    private final ProxyProperties limits;
    private final TrustedProxies trustedProxies;

    public UpstreamProxy(GatewayProperties properties, ProxyProperties limits) {
        this.limits = limits;
        this.trustedProxies = new TrustedProxies(limits.trustedProxies());
        this.pool = ConnectionProvider.builder("gatehouse-upstreams")
                .maxConnections(1024)
                .pendingAcquireMaxCount(-1)
                .maxIdleTime(Duration.ofSeconds(20))
                .build();
        this.defaultConnectTimeout = properties.connectTimeout();
        this.client = HttpClient.create(pool)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) defaultConnectTimeout.toMillis())
                .disableRetry(true)
                .keepAlive(true);
        this.defaultTimeout = properties.responseTimeout();
    }

    public Mono<Void> forward(Exchange exchange, PolicyChain chain, HttpServerRequest request, HttpServerResponse response) {
        ServedApi api = exchange.api();
        Duration timeout = api.timeout() != null ? api.timeout() : defaultTimeout;
        boolean hasBody = hasBody(request);
        long maxBody = limits.maxBodySize().toBytes();
        return clientFor(api).request(HttpMethod.valueOf(exchange.method()))
                .uri(upstreamUri(api.upstream(), exchange))
                .send((upstreamRequest, out) -> {
                    upstreamRequest.responseTimeout(timeout);
                    HttpHeaders headers = upstreamRequest.requestHeaders();
                    headers.remove(HttpHeaderNames.USER_AGENT).remove(HttpHeaderNames.ACCEPT);
                    HopByHopHeaders.copy(exchange.requestHeaders(), headers, SET_BY_GATEWAY);
                    forwardedHeaders(exchange, request, headers, api.upstream());
                    if (!hasBody) {
                        return out;
                    }
                    Flux<ByteBuf> body = request.receive().retain().handle((buffer, sink) -> {
                        exchange.addRequestBytes(buffer.readableBytes());
                        if (exchange.requestBytes() > maxBody) {
                            buffer.release();
                            sink.error(new BodyTooLargeException());
                        } else {
                            sink.next(buffer);
                        }
                    });
                    return out.send(body);
                })
                .response((upstreamResponse, body) -> answer(exchange, chain, upstreamResponse, body, response))
                .then()
                .retryWhen(Retry.max(limits.idempotentRetries())
                        .filter(error -> !response.hasSentHeaders() && retryable(exchange.method(), hasBody, error))
                        .onRetryExhaustedThrow((spec, signal) -> signal.failure()))
                .onErrorResume(error -> failed(exchange, response, error));
    }

    private HttpClient clientFor(ServedApi api) {
        Duration connectTimeout = api.connectTimeout();
        if (connectTimeout == null || connectTimeout.equals(defaultConnectTimeout)) {
            return client;
        }
        return clientsByConnectTimeout.computeIfAbsent(connectTimeout,
                timeout -> client.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeout.toMillis()));
    }

    /**
     * A call is sent again only when the upstream cannot have acted on it: the connection was refused,
     * or (for a call without a body) an idle pooled connection was closed before any answer. A connect
     * timeout is not retried: the caller would wait the timeout once more for a host that is likely away.
     */
    private static boolean retryable(String method, boolean hasBody, Throwable error) {
        return IDEMPOTENT.contains(method)
                && ((error instanceof ConnectException && !(error instanceof ConnectTimeoutException))
                    || (!hasBody && error instanceof PrematureCloseException));
    }

    private Mono<Void> answer(Exchange exchange, PolicyChain chain, HttpClientResponse upstreamResponse,
                              ByteBufFlux body, HttpServerResponse response) {
        exchange.status(upstreamResponse.status().code());
        exchange.outcome(Outcome.ACCEPTED);
        Verdict verdict = chain.run(Phase.RESPONSE, exchange);
        if (verdict instanceof Verdict.Pending pending) {
            return Mono.fromCompletionStage(pending.decision())
                    .flatMap(decided -> relay(exchange, decided, upstreamResponse, body, response));
        }
        return relay(exchange, verdict, upstreamResponse, body, response);
    }

    private static Mono<Void> relay(Exchange exchange, Verdict verdict, HttpClientResponse upstreamResponse,
                                    ByteBufFlux body, HttpServerResponse response) {
        if (verdict instanceof Verdict.Reject reject) {
            exchange.outcome(Outcome.REJECTED);
            return ProblemResponder.send(response, exchange, reject.problem());
        }
        response.status(upstreamResponse.status());
        HttpHeaders headers = response.responseHeaders();
        HopByHopHeaders.copy(upstreamResponse.responseHeaders(), headers, NONE);
        for (String name : exchange.responseHeaders().names()) {
            headers.set(name, exchange.responseHeaders().getAll(name));
        }
        if (!headers.contains(RequestIds.HEADER)) {
            headers.set(RequestIds.HEADER, exchange.requestId());
        }
        return response.send(body.retain().doOnNext(b -> exchange.addResponseBytes(b.readableBytes()))).then();
    }

    private Mono<Void> failed(Exchange exchange, HttpServerResponse response, Throwable error) {
        if (error instanceof BodyTooLargeException && !response.hasSentHeaders()) {
            exchange.outcome(Outcome.REJECTED);
            return ProblemResponder.send(response, exchange, RequestGuard.tooLarge(limits));
        }
        if (response.hasSentHeaders()) {
            log.debug("Upstream of {} failed mid-response for request {}", exchange.api().context(), exchange.requestId(), error);
            return Mono.error(error);
        }
        exchange.outcome(Outcome.FAILED);
        return ProblemResponder.send(response, exchange, problemFor(exchange, error));
    }

    private Problem problemFor(Exchange exchange, Throwable error) {
        String upstream = exchange.api().name();
        if (error instanceof ConnectTimeoutException) {
            Duration timeout = exchange.api().connectTimeout() != null ? exchange.api().connectTimeout() : defaultConnectTimeout;
            return ProblemType.UPSTREAM_CONNECT_TIMEOUT.withDetail("The gateway could not connect to the upstream of API '"
                    + upstream + "' within " + timeout.toMillis() + " ms.");
        }
        if (error instanceof ReadTimeoutException) {
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
        HttpHeaders headers = request.requestHeaders();
        String length = headers.get(HttpHeaderNames.CONTENT_LENGTH);
        if (length != null) {
            return !length.strip().equals("0");
        }
        return headers.contains(HttpHeaderNames.TRANSFER_ENCODING) || !request.protocol().startsWith("HTTP/1");
    }

    /**
     * {@code X-Forwarded-*} from a trusted proxy are extended (For) or kept (Proto, Host); from any other
     * peer they are replaced, so that clients cannot forge where a call came from.
     */
    private void forwardedHeaders(Exchange exchange, HttpServerRequest request, HttpHeaders headers, URI upstream) {
        headers.set(HttpHeaderNames.HOST, upstream.getRawAuthority());
        boolean trusted = trustedProxies.trusts(exchange.clientAddress());
        HttpHeaders incoming = exchange.requestHeaders();
        String client = exchange.clientAddress() == null ? "unknown" : exchange.clientAddress().getAddress().getHostAddress();
        String previous = trusted ? incoming.get("X-Forwarded-For") : null;
        headers.set("X-Forwarded-For", previous == null || previous.isBlank() ? client : previous + ", " + client);
        String proto = trusted ? incoming.get("X-Forwarded-Proto") : null;
        headers.set("X-Forwarded-Proto", proto != null ? proto : request.scheme());
        String host = trusted && incoming.contains("X-Forwarded-Host") ? incoming.get("X-Forwarded-Host") : incoming.get(HttpHeaderNames.HOST);
        if (host != null) {
            headers.set("X-Forwarded-Host", host);
        }
        headers.set(RequestIds.HEADER, exchange.requestId());
    }

    /** The request body grew past {@link ProxyProperties#maxBodySize()} while streaming. */
    static final class BodyTooLargeException extends RuntimeException {
        BodyTooLargeException() {
            super("request body too large", null, false, false);
        }
    }

    static String upstreamUri(URI upstream, Exchange exchange) {
        String base = upstream.toString();
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

    @Override
    public void destroy() {
        pool.disposeLater().block(Duration.ofSeconds(5));
    }
}
