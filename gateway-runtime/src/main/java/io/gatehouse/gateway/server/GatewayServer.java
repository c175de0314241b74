package io.gatehouse.gateway.server;

import io.gatehouse.gateway.GatewayProperties;
import io.gatehouse.gateway.engine.GatewayEngine;
import io.gatehouse.gateway.event.websocket.WebSocketEntrypoint;
import io.gatehouse.gateway.proxy.ProxyProperties;
import io.gatehouse.gateway.route.LiveRoutes;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The gateway's HTTP server: HTTP/1.1 with keep-alive and cleartext HTTP/2 (h2c, by upgrade or prior
 * knowledge) on one port, served by one server instance per event loop sharing the port (the engine
 * spreads connections over them). It starts after the routes are loaded and, on stop, stops accepting
 * and waits for calls in flight up to the shutdown timeout.
 */
@Component
public class GatewayServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GatewayServer.class);

    private final GatewayProperties properties;
    private final ProxyProperties limits;
    private final GatewayEngine engine;
    private final GatewayHandler handler;
    private final AtomicInteger port = new AtomicInteger();
    private volatile String deployment;

    public GatewayServer(GatewayProperties properties, ProxyProperties limits, GatewayEngine engine, GatewayHandler handler) {
        this.properties = properties;
        this.limits = limits;
        this.engine = engine;
        this.handler = handler;
    }

    @Override
    public void start() {
        HttpServerOptions options = new HttpServerOptions()
                .setHost(properties.host())
                // Vert.x shares a port among the instances listening on it; a negative one is a shared random port.
                .setPort(properties.port() == 0 ? -1 : properties.port())
                .setMaxHeaderSize((int) limits.maxHeaderSize().toBytes())
                .setHttp2ClearTextEnabled(true)
                .setHandle100ContinueAutomatically(true)
                .setTcpNoDelay(true)
                // WebSockets (event APIs): one frame may carry a whole message; no compression, so a small
                // frame never inflates past the limits
                .setWebSocketSubProtocols(List.of(WebSocketEntrypoint.subprotocol()))
                .setMaxWebSocketFrameSize(WebSocketEntrypoint.maxMessageBytes(limits))
                .setMaxWebSocketMessageSize(WebSocketEntrypoint.maxMessageBytes(limits))
                .setPerMessageWebSocketCompressionSupported(false)
                .setPerFrameWebSocketCompressionSupported(false);
        deployment = await(engine.vertx().deployVerticle(() -> new Listener(options),
                new DeploymentOptions().setInstances(engine.eventLoops())));
        log.info("Gateway listening on {}:{}", properties.host(), port());
    }

    /** The port the server is bound to; differs from the configured one when that was 0. */
    public int port() {
        if (deployment == null) {
            throw new IllegalStateException("the gateway server is not running");
        }
        return port.get();
    }

    @Override
    public void stop() {
        String running = deployment;
        deployment = null;
        if (running != null) {
            await(engine.vertx().undeploy(running));
        }
    }

    @Override
    public boolean isRunning() {
        return deployment != null;
    }

    @Override
    public int getPhase() {
        return LiveRoutes.PHASE + 100;
    }

    private static <T> T await(Future<T> future) {
        CompletableFuture<T> done = future.toCompletionStage().toCompletableFuture();
        return done.join();
    }

    /** One server instance on its own event loop; stopping it lets calls in flight finish first. */
    private final class Listener extends VerticleBase {
        private final HttpServerOptions options;
        private HttpServer server;

        Listener(HttpServerOptions options) {
            this.options = options;
        }

        @Override
        public Future<?> start() {
            server = vertx.createHttpServer(options).requestHandler(handler::handle);
            return server.listen().onSuccess(listening -> port.set(listening.actualPort()));
        }

        @Override
        public Future<?> stop() {
            return server.shutdown(properties.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
