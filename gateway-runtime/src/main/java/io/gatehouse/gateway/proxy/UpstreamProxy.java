package io.gatehouse.gateway.proxy;

import io.gatehouse.core.snapshot.GatewaySnapshot.ServedApi;
import io.gatehouse.core.usage.Outcome;
import io.gatehouse.gateway.GatewayProperties;
import io.gatehouse.gateway.engine.GatewayEngine;
import io.gatehouse.gateway.exchange.ContentLength;
import io.gatehouse.gateway.exchange.Exchange;
import io.gatehouse.gateway.exchange.RequestIds;
import io.gatehouse.gateway.policy.Phase;
import io.gatehouse.gateway.policy.PolicyChain;
import io.gatehouse.gateway.policy.Verdict;
import io.gatehouse.gateway.problem.Problem;
import io.gatehouse.gateway.problem.ProblemResponder;
import io.gatehouse.gateway.problem.ProblemType;
import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Forwards an admitted call to the API's upstream over pooled keep-alive connections of the call's own
 * event loop, and streams the answer back: bodies flow through in both directions without being
 * buffered whole, with back-pressure. Method, path remainder and raw query are kept; hop-by-hop
 * headers are dropped both ways; {@code Host} is the upstream's; {@code X-Forwarded-For/-Proto/-Host}
 * and {@code X-Request-Id} are set. An upstream that refuses the connection gives 502; one that cannot
 * be reached within the API's connect timeout ({@code connectTimeout}, else
 * {@code gatehouse.gateway.connect-timeout}) 504 {@code upstream-connect-timeout}; one that stays silent
 * past the API's response timeout 504 {@code gateway-timeout}.
 */
@Component
public class UpstreamProxy implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(UpstreamProxy.class);
    private static final Set<String> SET_BY_GATEWAY = Set.of("host", "x-forwarded-for", "x-forwarded-proto",
            "x-forwarded-host", "x-request-id", "expect");
    private static final Set<String> NONE = Set.of();
    /**
     * An answer whose declared body is at most this long is read whole and sent with its head in one
     * write, as nginx buffers such answers; larger and unframed bodies stream through with back-pressure.
     */
    private static final int SMALL_BODY = 64 * 1024;
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE");

    private final HttpClientAgent client;
    private final Duration defaultConnectTimeout;
    private final Duration defaultTimeout;
    private final ProxyProperties limits;
    private final TrustedProxies trustedProxies;

    public UpstreamProxy(GatewayProperties properties, ProxyProperties limits, GatewayEngine engine) {
        this.limits = limits;
        this.trustedProxies = new TrustedProxies(limits.trustedProxies());
        this.client = engine.vertx().createHttpClient(
                new HttpClientOptions()
                        .setKeepAlive(true)
                        .setTcpNoDelay(true)
                        .setKeepAliveTimeout(20)
                        .setDecompressionSupported(false),
                new PoolOptions().setHttp1MaxSize(1024).setMaxWaitQueueSize(-1));
        this.defaultConnectTimeout = properties.connectTimeout();
        this.defaultTimeout = properties.responseTimeout();
    }

    public void forward(Exchange exchange, PolicyChain chain, HttpServerRequest request) {
        boolean hasBody = hasBody(request);
        if (hasBody) {
            request.pause(); // resumed by the upstream request as it sends the body
        } else {
            request.resume(); // it may have been paused while a policy decided
        }
        attempt(exchange, chain, request, hasBody, 0);
    }

    private void attempt(Exchange exchange, PolicyChain chain, HttpServerRequest request, boolean hasBody, int retries) {
        LimitedBody body = hasBody ? new LimitedBody(request, limits.maxBodySize().toBytes()) : null;
        client.request(requestOptions(exchange, request)).onComplete(connected -> {
            if (connected.failed()) {
                failedAttempt(exchange, chain, request, hasBody, retries, connectFailure(connected.cause()));
                return;
            }
            HttpClientRequest upstreamRequest = connected.result();
            (body == null ? upstreamRequest.send() : body.sendWith(upstreamRequest)).onComplete(result -> {
                if (result.succeeded()) {
                    answer(exchange, chain, result.result(), request.response());
                } else if (body != null && body.exceeded()) {
                    tooLarge(exchange, request);
                } else {
                    failedAttempt(exchange, chain, request, hasBody, retries, result.cause());
                }
            });
        });
    }

    private void failedAttempt(Exchange exchange, PolicyChain chain, HttpServerRequest request, boolean hasBody, int retries,
                               Throwable error) {
        if (retries < limits.idempotentRetries() && !request.response().headWritten()
                && retryable(exchange.method(), hasBody, error)) {
            attempt(exchange, chain, request, hasBody, retries + 1);
        } else {
            failed(exchange, request, error);
        }
    }

    /** Getting a connection timed out: the engine reports it as a plain timeout, the same type as a silent upstream. */
    private static Throwable connectFailure(Throwable error) {
        return error instanceof TimeoutException ? new ConnectTimeoutException(error.getMessage()) : error;
    }

    private RequestOptions requestOptions(Exchange exchange, HttpServerRequest request) {
        ServedApi api = exchange.api();
        URI upstream = api.upstream();
        boolean tls = "https".equalsIgnoreCase(upstream.getScheme());
        int port = upstream.getPort() > 0 ? upstream.getPort() : tls ? 443 : 80;
        Duration timeout = api.timeout() != null ? api.timeout() : defaultTimeout;
        Duration connectTimeout = api.connectTimeout() != null ? api.connectTimeout() : defaultConnectTimeout;
        // not validated here: the client validates every header once as it takes them into its request
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        HopByHopHeaders.copy(exchange.requestHeaders(), headers, SET_BY_GATEWAY);
        forwardedHeaders(exchange, request, headers, upstream);
        return new RequestOptions()
                .setMethod(request.method())
                .setHost(upstream.getHost())
                .setPort(port)
                .setSsl(tls)
                .setURI(upstreamUri(upstream, exchange))
                .setHeaders(headers)
                .setConnectTimeout(connectTimeout.toMillis())
                .setIdleTimeout(timeout.toMillis());
    }

    /**
     * A call is sent again only when the upstream cannot have acted on it: the connection was refused,
     * or (for a call without a body) an idle pooled connection was closed before any answer. A connect
     * timeout is not retried: the caller would wait the timeout once more for a host that is likely away.
     */
    private static boolean retryable(String method, boolean hasBody, Throwable error) {
        return IDEMPOTENT.contains(method)
                && ((error instanceof ConnectException && !(error instanceof ConnectTimeoutException))
                    || (!hasBody && error instanceof HttpClosedException));
    }

    private void answer(Exchange exchange, PolicyChain chain, HttpClientResponse upstreamResponse, HttpServerResponse response) {
        exchange.status(upstreamResponse.statusCode());
        exchange.outcome(Outcome.ACCEPTED);
        Verdict verdict = chain.run(Phase.RESPONSE, exchange);
        if (verdict instanceof Verdict.Pending pending) {
            upstreamResponse.pause();
            Context context = Vertx.currentContext();
            pending.decision().whenComplete((decided, error) -> context.runOnContext(ignored -> {
                upstreamResponse.resume();
                relay(exchange, error == null ? decided : Verdict.reject(ProblemType.INTERNAL_ERROR.withDetail(
                        "The gateway failed to process the request " + exchange.requestId() + ".")), upstreamResponse, response);
            }));
            return;
        }
        relay(exchange, verdict, upstreamResponse, response);
    }

    private static void relay(Exchange exchange, Verdict verdict, HttpClientResponse upstreamResponse, HttpServerResponse response) {
        if (verdict instanceof Verdict.Reject reject) {
            exchange.outcome(Outcome.REJECTED);
            upstreamResponse.handler(null);
            ProblemResponder.send(response, exchange, reject.problem());
            return;
        }
        response.setStatusCode(upstreamResponse.statusCode());
        String message = upstreamResponse.statusMessage();
        if (message != null && !message.isEmpty()) {
            response.setStatusMessage(message);
        }
        MultiMap headers = response.headers();
        HopByHopHeaders.copy(upstreamResponse.headers(), headers, NONE);
        MultiMap added = exchange.responseHeaders();
        for (String name : added.names()) {
            headers.set(name, added.getAll(name));
        }
        if (!headers.contains(RequestIds.HEADER)) {
            headers.set(RequestIds.HEADER, exchange.requestId());
        }
        if (!headers.contains(HttpHeaders.CONTENT_LENGTH) && mayHaveBody(exchange, upstreamResponse.statusCode())) {
            response.setChunked(true);
        }
        long length = ContentLength.declared(headers);
        Future<Void> relayed = length >= 0 && length <= SMALL_BODY
                ? upstreamResponse.body().compose(response::end)
                : upstreamResponse.pipe().endOnFailure(false).to(response);
        relayed.onFailure(error -> {
            log.debug("Upstream of {} failed mid-response for request {}", exchange.api().context(), exchange.requestId(), error);
            response.reset();
        });
    }

    private static boolean mayHaveBody(Exchange exchange, int status) {
        return !"HEAD".equals(exchange.method()) && status != 204 && status != 304 && status >= 200;
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
        if (error instanceof ConnectTimeoutException) {
            Duration timeout = exchange.api().connectTimeout() != null ? exchange.api().connectTimeout() : defaultConnectTimeout;
            return ProblemType.UPSTREAM_CONNECT_TIMEOUT.withDetail("The gateway could not connect to the upstream of API '"
                    + upstream + "' within " + timeout.toMillis() + " ms.");
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
                || (request.version() == HttpVersion.HTTP_2 && !request.isEnded());
    }

    /**
     * {@code X-Forwarded-*} from a trusted proxy are extended (For) or kept (Proto, Host); from any other
     * peer they are replaced, so that clients cannot forge where a call came from.
     */
    private void forwardedHeaders(Exchange exchange, HttpServerRequest request, MultiMap headers, URI upstream) {
        headers.set(HttpHeaders.HOST, upstream.getRawAuthority());
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

    @Override
    public void destroy() {
        client.close().toCompletionStage().toCompletableFuture().exceptionally(error -> null).join();
    }
}
