package io.gatehouse.gateway.server;

import io.gatehouse.core.api.ApiType;
import io.gatehouse.core.usage.Outcome;
import io.gatehouse.gateway.accesslog.AccessLog;
import io.gatehouse.gateway.event.CallCompletion;
import io.gatehouse.gateway.event.EventEntrypoint;
import io.gatehouse.gateway.exchange.Exchange;
import io.gatehouse.gateway.exchange.RequestIds;
import io.gatehouse.gateway.metrics.GatewayMetrics;
import io.gatehouse.gateway.policy.Phase;
import io.gatehouse.gateway.policy.PolicyChain;
import io.gatehouse.gateway.policy.Verdict;
import io.gatehouse.gateway.problem.Problem;
import io.gatehouse.gateway.problem.ProblemResponder;
import io.gatehouse.gateway.problem.ProblemType;
import io.gatehouse.gateway.proxy.HopByHopHeaders;
import io.gatehouse.gateway.proxy.RequestGuard;
import io.gatehouse.gateway.proxy.UpstreamProxy;
import io.gatehouse.gateway.route.LiveRoutes;
import io.gatehouse.gateway.route.Route;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.SocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Serves one call on its connection's event loop: route by context, run the request phase of the
 * API's chain, proxy or answer the rejection (calls to EVENT APIs go to the {@link EventEntrypoint}), then, once the client has been served (or has gone
 * away), run the log phase, record the metrics and write the access log line.
 */
@Component
public class GatewayHandler {

    private static final Logger log = LoggerFactory.getLogger(GatewayHandler.class);

    private final LiveRoutes routes;
    private final UpstreamProxy proxy;
    private final GatewayMetrics metrics;
    private final RequestGuard guard;
    private final AccessLog accessLog;
    private final EventEntrypoint events;

    public GatewayHandler(LiveRoutes routes, UpstreamProxy proxy, GatewayMetrics metrics, RequestGuard guard,
                          AccessLog accessLog, EventEntrypoint events) {
        this.events = events;
        this.routes = routes;
        this.proxy = proxy;
        this.metrics = metrics;
        this.guard = guard;
        this.accessLog = accessLog;
    }

    public void handle(HttpServerRequest request) {
        String path = request.path();
        Exchange exchange = new Exchange(RequestIds.accept(request.getHeader(RequestIds.HEADER)),
                request.method().name(), path, request.query(), request.headers(), clientHost(request),
                request.remoteAddress() == null ? 0 : request.remoteAddress().port());
        HttpServerResponse response = request.response();
        Route route = routes.current().match(path);
        Completion completion = new Completion(exchange, route == null ? null : route.chain(), request);
        response.endHandler(completion).closeHandler(completion);
        if (route == null) {
            reject(request, exchange, ProblemType.NO_ROUTE.withDetail("No published API serves " + path + "."));
            return;
        }
        exchange.routeTo(route.api(), path.substring(route.context().length()));
        if (route.api().type() == ApiType.EVENT) {
            try {
                serveEvents(exchange, route, request, completion);
            } catch (RuntimeException error) {
                internalError(exchange, request, error);
            }
            return;
        }
        if (!route.operations().isEmpty()) {
            exchange.callOperation(route.operations().match(exchange.method(), exchange.pathWithinApi()));
        }
        try {
            admit(exchange, route, request);
        } catch (RuntimeException error) {
            internalError(exchange, request, error);
        }
    }

    private void serveEvents(Exchange exchange, Route route, HttpServerRequest request, Completion completion) {
        Problem refused = guard.check(request.headers());
        if (refused != null) {
            exchange.outcome(Outcome.REJECTED);
            reject(request, exchange, refused);
            return;
        }
        events.handle(exchange, route, request, completion, error -> internalError(exchange, request, error));
    }

    private void admit(Exchange exchange, Route route, HttpServerRequest request) {
        Problem refused = guard.check(request.headers());
        if (refused != null) {
            act(Verdict.reject(refused), exchange, route, request);
            return;
        }
        Verdict verdict = route.chain().run(Phase.REQUEST, exchange);
        if (verdict instanceof Verdict.Pending pending) {
            // the body waits while the decision is made elsewhere; act() or the proxy decides what happens to it
            request.pause();
            Context context = Vertx.currentContext();
            pending.decision().whenComplete((decided, error) -> context.runOnContext(ignored -> {
                if (error != null) {
                    request.resume();
                    internalError(exchange, request, error);
                    return;
                }
                try {
                    act(decided, exchange, route, request);
                } catch (RuntimeException failure) {
                    internalError(exchange, request, failure);
                }
            }));
            return;
        }
        act(verdict, exchange, route, request);
    }

    private void act(Verdict verdict, Exchange exchange, Route route, HttpServerRequest request) {
        if (verdict instanceof Verdict.Reject reject) {
            exchange.outcome(Outcome.REJECTED);
            request.resume(); // an unread body is discarded, so the connection can serve its next request
            reject(request, exchange, reject.problem());
            return;
        }
        proxy.forward(exchange, route.chain(), request);
    }

    private static void reject(HttpServerRequest request, Exchange exchange, Problem problem) {
        ProblemResponder.send(request.response(), exchange, problem);
    }

    private static void internalError(Exchange exchange, HttpServerRequest request, Throwable error) {
        HttpServerResponse response = request.response();
        if (response.headWritten()) {
            response.reset();
            return;
        }
        log.error("Request {} to {} failed in the gateway", exchange.requestId(), exchange.api().context(), error);
        exchange.outcome(Outcome.FAILED);
        ProblemResponder.send(response, exchange, ProblemType.INTERNAL_ERROR.withDetail(
                "The gateway failed to process the request " + exchange.requestId() + "."));
    }

    private static String clientHost(HttpServerRequest request) {
        SocketAddress remote = request.remoteAddress();
        return remote == null ? null : remote.hostAddress();
    }

    /**
     * Runs the log phase and records metrics once, when the response is written or the connection closed
     * (for a WebSocket: when its entrypoint says it closed).
     */
    private final class Completion implements Handler<Void>, CallCompletion {
        private final Exchange exchange;
        private final PolicyChain chain;
        private final HttpServerRequest request;
        private boolean done;
        private Runnable also;

        Completion(Exchange exchange, PolicyChain chain, HttpServerRequest request) {
            this.exchange = exchange;
            this.chain = chain;
            this.request = request;
        }

        @Override
        public void also(Runnable action) {
            if (done) {
                action.run();
                return;
            }
            Runnable before = also;
            also = before == null ? action : () -> {
                before.run();
                action.run();
            };
        }

        @Override
        public void complete() {
            handle(null);
        }

        @Override
        public void handle(Void ignored) {
            if (done) {
                return;
            }
            done = true;
            if (also != null) {
                also.run();
            }
            exchange.done();
            exchange.complete();
            exchange.addRequestBytes(request.bytesRead());
            exchange.addResponseBytes(request.response().bytesWritten());
            if (chain != null) {
                chain.run(Phase.LOG, exchange);
            }
            metrics.record(exchange);
            accessLog.record(exchange);
            if (closesConnection(request)) {
                request.connection().close();
            }
        }
    }

    /**
     * HTTP/1.x connections close after this response when either side listed {@code close} among its
     * connection options (the engine only honours a header that says {@code close} and nothing else).
     */
    private static boolean closesConnection(HttpServerRequest request) {
        if (request.version() == HttpVersion.HTTP_2) {
            return false;
        }
        return listsClose(request.headers().get(HttpHeaders.CONNECTION))
                || listsClose(request.response().headers().get(HttpHeaders.CONNECTION));
    }

    private static boolean listsClose(String connection) {
        return connection != null && HopByHopHeaders.connectionOptions(connection).contains("close");
    }
}
