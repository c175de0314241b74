package io.gatehouse.gateway.server;

import io.gatehouse.core.usage.Outcome;
import io.gatehouse.gateway.accesslog.AccessLog;
import io.gatehouse.gateway.exchange.Exchange;
import io.gatehouse.gateway.exchange.RequestIds;
import io.gatehouse.gateway.metrics.GatewayMetrics;
import io.gatehouse.gateway.policy.Phase;
import io.gatehouse.gateway.policy.Verdict;
import io.gatehouse.gateway.problem.Problem;
import io.gatehouse.gateway.problem.ProblemResponder;
import io.gatehouse.gateway.problem.ProblemType;
import io.gatehouse.gateway.proxy.RequestGuard;
import io.gatehouse.gateway.proxy.UpstreamProxy;
import io.gatehouse.gateway.route.LiveRoutes;
import io.gatehouse.gateway.route.Route;
import java.net.InetSocketAddress;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Serves one call: route by context, run the request phase of the API's chain, proxy or answer
 * the rejection, then, once the client has been served, run the log phase, record the metrics and
 * write the access log line.
 */
@Component
public class GatewayHandler {

    private static final Logger log = LoggerFactory.getLogger(GatewayHandler.class);

    private final LiveRoutes routes;
    private final UpstreamProxy proxy;
    private final GatewayMetrics metrics;
    private final RequestGuard guard;
    private final AccessLog accessLog;

    public GatewayHandler(LiveRoutes routes, UpstreamProxy proxy, GatewayMetrics metrics, RequestGuard guard,
                          AccessLog accessLog) {
        this.routes = routes;
        this.proxy = proxy;
        this.metrics = metrics;
        this.guard = guard;
        this.accessLog = accessLog;
    }

    public Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        String uri = request.uri();
        int question = uri.indexOf('?');
        String path = question < 0 ? uri : uri.substring(0, question);
        String query = question < 0 ? null : uri.substring(question + 1);
        Exchange exchange = new Exchange(RequestIds.accept(request.requestHeaders().get(RequestIds.HEADER)),
                request.method().name(), path, query, request.requestHeaders(),
                request.remoteAddress() instanceof InetSocketAddress address ? address : null);

        Route route = routes.current().match(path);
        if (route == null) {
            return ProblemResponder.send(response, exchange, ProblemType.NO_ROUTE.withDetail(
                            "No published API serves " + path + "."))
                    .doFinally(signal -> {
                        exchange.complete();
                        metrics.record(exchange);
                        accessLog.record(exchange);
                    });
        }
        exchange.routeTo(route.api(), path.substring(route.context().length()));
        return admit(exchange, route, request, response)
                .onErrorResume(error -> internalError(exchange, response, error))
                .doFinally(signal -> {
                    exchange.complete();
                    route.chain().run(Phase.LOG, exchange);
                    metrics.record(exchange);
                    accessLog.record(exchange);
                });
    }

    private Mono<Void> admit(Exchange exchange, Route route, HttpServerRequest request, HttpServerResponse response) {
        Problem refused = guard.check(request);
        if (refused != null) {
            return act(Verdict.reject(refused), exchange, route, request, response);
        }
        Verdict verdict = route.chain().run(Phase.REQUEST, exchange);
        if (verdict instanceof Verdict.Pending pending) {
            return Mono.fromCompletionStage(pending.decision())
                    .flatMap(decided -> act(decided, exchange, route, request, response));
        }
        return act(verdict, exchange, route, request, response);
    }

    private Mono<Void> act(Verdict verdict, Exchange exchange, Route route, HttpServerRequest request,
                           HttpServerResponse response) {
        if (verdict instanceof Verdict.Reject reject) {
            exchange.outcome(Outcome.REJECTED);
            return ProblemResponder.send(response, exchange, reject.problem());
        }
        return proxy.forward(exchange, route.chain(), request, response);
    }

    private static Mono<Void> internalError(Exchange exchange, HttpServerResponse response, Throwable error) {
        if (response.hasSentHeaders()) {
            return Mono.error(error);
        }
        log.error("Request {} to {} failed in the gateway", exchange.requestId(), exchange.api().context(), error);
        exchange.outcome(Outcome.FAILED);
        return ProblemResponder.send(response, exchange, ProblemType.INTERNAL_ERROR.withDetail(
                "The gateway failed to process the request " + exchange.requestId() + "."));
    }
}
