package io.gatehouse.gateway.server;

import io.gatehouse.gateway.GatewayProperties;
import io.gatehouse.gateway.engine.GatewayEngine;
import io.gatehouse.gateway.proxy.ProxyProperties;
import io.gatehouse.gateway.route.LiveRoutes;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The gateway's HTTP server: HTTP/1.1 with keep-alive and cleartext HTTP/2 (h2c, by upgrade or prior
 * knowledge) on one port, one server instance per event loop sharing the port. It starts after the
 * routes are loaded and, on stop, stops accepting and waits for calls in flight up to the shutdown timeout.
 */
@Component
public class GatewayServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GatewayServer.class);

    private final GatewayProperties properties;
    private final ProxyProperties limits;
    private final GatewayEngine engine;
    private final GatewayHandler handler;
    private volatile List<HttpServer> servers = List.of();

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
                .setMaxHeaderSize((int) limits.maxHeaderSize().toBytes())
                .setHttp2ClearTextEnabled(true)
                .setTcpNoDelay(true)
                .setIdleTimeout(0);
        List<HttpServer> started = new ArrayList<>();
        // Vert.x shares one port among servers that listen on the same one; a negative port is a shared random one.
        int port = properties.port() == 0 ? -1 : properties.port();
        for (int i = 0; i < engine.eventLoops(); i++) {
            HttpServer server = engine.vertx().createHttpServer(options).requestHandler(handler::handle);
            started.add(await(server.listen(port)));
        }
        servers = List.copyOf(started);
        log.info("Gateway listening on {}:{}", properties.host(), port());
    }

    /** The port the server is bound to; differs from the configured one when that was 0. */
    public int port() {
        List<HttpServer> running = servers;
        if (running.isEmpty()) {
            throw new IllegalStateException("the gateway server is not running");
        }
        return running.getFirst().actualPort();
    }

    @Override
    public void stop() {
        List<HttpServer> running = servers;
        servers = List.of();
        long timeout = properties.shutdownTimeout().toMillis();
        List<Future<Void>> closing = running.stream()
                .map(server -> server.shutdown(timeout, TimeUnit.MILLISECONDS))
                .toList();
        await(Future.join(closing));
    }

    @Override
    public boolean isRunning() {
        return !servers.isEmpty();
    }

    @Override
    public int getPhase() {
        return LiveRoutes.PHASE + 100;
    }

    private <T> T await(Future<T> future) {
        return future.toCompletionStage().toCompletableFuture().join();
    }
}
