package io.gatehouse.gateway.engine;

import io.gatehouse.gateway.GatewayProperties;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The gateway's network engine: one Vert.x instance with an event loop per core, or as many as
 * {@code gatehouse.gateway.event-loops} says (native epoll where available), shared by the HTTP server and the upstream connections, so that a call and its upstream
 * connection are served by one thread without hand-offs. Vert.x was chosen over Reactor Netty by
 * measurement (docs/performance.md). Closed after the server and the proxy that use it.
 */
@Component
public class GatewayEngine implements DisposableBean {

    private final int eventLoops;
    private final Vertx vertx;

    public GatewayEngine(GatewayProperties properties) {
        this.eventLoops = properties.eventLoops();
        this.vertx = Vertx.vertx(new VertxOptions()
                .setPreferNativeTransport(true)
                .setEventLoopPoolSize(eventLoops)
                .setMaxEventLoopExecuteTime(Duration.ofSeconds(2).toNanos())
                .setDisableTCCL(true));
    }

    public Vertx vertx() {
        return vertx;
    }

    /** How many event loops serve calls ({@code gatehouse.gateway.event-loops}, one per core by default). */
    public int eventLoops() {
        return eventLoops;
    }

    @Override
    public void destroy() {
        vertx.close().toCompletionStage().toCompletableFuture()
                .orTimeout(10, TimeUnit.SECONDS)
                .exceptionally(error -> null)
                .join();
    }
}
