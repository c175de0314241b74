package io.gatehouse.gateway.problem;

import io.gatehouse.gateway.exchange.Exchange;
import io.gatehouse.gateway.exchange.RequestIds;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

/** Answers a call with a problem, carrying the headers policies added (rate limits, challenges). */
public final class ProblemResponder {

    private static final CharSequence MEDIA_TYPE = HttpHeaders.createOptimized(Problem.MEDIA_TYPE);

    private ProblemResponder() {
    }

    public static void send(HttpServerResponse response, Exchange exchange, Problem problem) {
        byte[] body = problem.toJson();
        exchange.status(problem.status());
        response.setStatusCode(problem.status());
        response.headers()
                .addAll(exchange.responseHeaders())
                .set(HttpHeaders.CONTENT_TYPE, MEDIA_TYPE)
                .set(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.length))
                .set(RequestIds.HEADER, exchange.requestId());
        response.end(Buffer.buffer(body));
    }
}
