package io.gatehouse.gateway.server;

import io.gatehouse.gateway.GatewayProperties;
import io.gatehouse.gateway.proxy.ProxyProperties;
import io.gatehouse.gateway.route.LiveRoutes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.netty.DisposableServer;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.server.HttpServer;

/**
 * The gateway's HTTP server (Reactor Netty): HTTP/1.1 with keep-alive and cleartext HTTP/2 (h2c)
 * on one port. It starts after the routes are loaded and, on stop, stops accepting and waits for
 * calls in flight up to the shutdown timeout.
 */
@Component
public class GatewayServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GatewayServer.class);

    private final GatewayProperties properties;
    private final GatewayHandler handler;
    private volatile DisposableServer server;

    private final ProxyProperties limits;

    public GatewayServer(GatewayProperties properties, ProxyProperties limits, GatewayHandler handler) {
        this.properties = properties;
        this.limits = limits;
        this.handler = handler;
    }

    @Override
    public void start() {
        server = HttpServer.create()
                .host(properties.host())
                .port(properties.port())
                .protocol(HttpProtocol.HTTP11, HttpProtocol.H2C)
                .httpRequestDecoder(decoder -> decoder.maxHeaderSize((int) limits.maxHeaderSize().toBytes()))
                .handle(handler::handle)
                .bindNow();
        log.info("Gateway listening on {}:{}", properties.host(), port());
    }

    /** The port the server is bound to; differs from the configured one when that was 0. */
    public int port() {
        DisposableServer running = server;
        if (running == null) {
            throw new IllegalStateException("the gateway server is not running");
        }
        return running.port();
    }

    @Override
    public void stop() {
        DisposableServer running = server;
        if (running != null) {
            running.disposeNow(properties.shutdownTimeout());
            server = null;
        }
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    @Override
    public int getPhase() {
        return LiveRoutes.PHASE + 100;
    }
}
