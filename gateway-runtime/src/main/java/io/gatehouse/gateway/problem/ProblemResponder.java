package io.gatehouse.gateway.problem;

import io.gatehouse.gateway.exchange.Exchange;
import io.gatehouse.gateway.exchange.RequestIds;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/** Answers a call with a problem, carrying the headers policies added (rate limits, challenges). */
public final class ProblemResponder {

    private ProblemResponder() {
    }

    public static Mono<Void> send(HttpServerResponse response, Exchange exchange, Problem problem) {
        byte[] body = problem.toJson();
        exchange.status(problem.status());
        exchange.addResponseBytes(body.length);
        response.status(problem.status())
                .headers(exchange.responseHeaders())
                .header(HttpHeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length))
                .header(RequestIds.HEADER, exchange.requestId());
        return response.sendObject(Unpooled.wrappedBuffer(body)).then();
    }
}
