package io.gatehouse.gateway.proxy;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.streams.ReadStream;

/**
 * A request body on its way upstream that is cut off once more than {@code maxBytes} have passed: the
 * upstream request is reset (so the upstream never sees a truncated body as complete) and
 * {@link #exceeded()} says why the exchange failed. Guards bodies without a declared length.
 */
final class LimitedBody implements ReadStream<Buffer> {

    private final ReadStream<Buffer> body;
    private final long maxBytes;
    private long seen;
    private boolean exceeded;
    private HttpClientRequest upstream;

    LimitedBody(ReadStream<Buffer> body, long maxBytes) {
        this.body = body;
        this.maxBytes = maxBytes;
    }

    Future<HttpClientResponse> sendWith(HttpClientRequest upstreamRequest) {
        this.upstream = upstreamRequest;
        return upstreamRequest.send(this);
    }

    boolean exceeded() {
        return exceeded;
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> handler) {
        if (handler == null) {
            body.handler(null);
            return this;
        }
        body.handler(buffer -> {
            if (exceeded) {
                return;
            }
            seen += buffer.length();
            if (seen > maxBytes) {
                exceeded = true;
                body.pause();
                upstream.reset(0, new IllegalStateException("request body over " + maxBytes + " bytes"));
                return;
            }
            handler.handle(buffer);
        });
        return this;
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        body.exceptionHandler(handler);
        return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
        body.pause();
        return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
        body.resume();
        return this;
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
        body.fetch(amount);
        return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
        body.endHandler(endHandler);
        return this;
    }
}
