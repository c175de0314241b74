package io.gatehouse.gateway.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.resolver.AddressResolverGroup;
import io.netty.util.concurrent.FastThreadLocal;
import io.vertx.core.internal.ContextInternal;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import javax.net.ssl.SSLException;

/**
 * Keep-alive connections to upstreams, pooled per event loop and {@link Origin} ({@link OriginPool}): a
 * call takes an idle connection of its own event loop or opens one there, so that a call and its upstream
 * connection are served by one thread, with no locks and no hand-offs. Each loop opens at most its share
 * of the connections allowed per origin; beyond them calls wait for one. A connection idle in its pool for
 * the keep-alive timeout is closed. TLS upstreams are verified against the JVM's trusted certificates and
 * their host name.
 */
final class UpstreamConnections {

    /** An upstream answer's status line and headers may be this long. */
    private static final int MAX_HEAD = 16 * 1024;

    private final ChannelFactory<? extends Channel> channels;
    private final AddressResolverGroup<InetSocketAddress> resolver;
    private final SslContext tls;
    private final long keepAliveMillis;
    private final int maxPerLoop;
    private final UpstreamWaits waits;
    private final FastThreadLocal<Map<Origin, OriginPool>> pools = new FastThreadLocal<>() {
        @Override
        protected Map<Origin, OriginPool> initialValue() {
            return new HashMap<>();
        }
    };

    /**
     * {@code maxPerLoop}: connections each event loop may keep open to one origin, beyond which calls wait (counted
     * by {@code waits}); {@code trustedCertificates}: a PEM file of the certificates TLS upstreams must chain to,
     * null for the JVM's.
     */
    UpstreamConnections(ChannelFactory<? extends Channel> channels, AddressResolverGroup<InetSocketAddress> resolver,
                        Duration keepAlive, int maxPerLoop, UpstreamWaits waits, Path trustedCertificates) {
        this.channels = channels;
        this.resolver = resolver;
        this.keepAliveMillis = keepAlive.toMillis();
        this.maxPerLoop = maxPerLoop;
        this.waits = waits;
        SslContextBuilder tlsBuilder = SslContextBuilder.forClient().endpointIdentificationAlgorithm("HTTPS");
        try {
            this.tls = (trustedCertificates == null ? tlsBuilder : tlsBuilder.trustManager(trustedCertificates.toFile())).build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot set up TLS for upstreams with the certificates in " + trustedCertificates, e);
        }
    }

    /**
     * Hands {@code then}, within {@code context} (the calling thread's), a connection to {@code origin} on that
     * event loop, idle, new or freed by another call, or why none could be had: a refused connection, none made
     * within {@code connectTimeoutMillis}, or none freed within it ({@link UpstreamBusyException}).
     */
    void acquire(ContextInternal context, Origin origin, long connectTimeoutMillis, BiConsumer<UpstreamConnection, Throwable> then) {
        Map<Origin, OriginPool> loopPools = pools.get();
        OriginPool pool = loopPools.get(origin);
        if (pool == null) {
            pool = new OriginPool(this, origin, context.nettyEventLoop(), maxPerLoop, waits);
            loopPools.put(origin, pool);
        }
        pool.acquire(context, connectTimeoutMillis, then);
    }

    /** Opens a connection for {@code pool} on {@code context}'s event loop, handed to {@code then} once connected. */
    Channel connect(ContextInternal context, OriginPool pool, long connectTimeoutMillis, BiConsumer<UpstreamConnection, Throwable> then) {
        Origin origin = pool.origin();
        UpstreamConnection connection = new UpstreamConnection(pool);
        ChannelFuture connecting = new Bootstrap()
                .group(context.nettyEventLoop())
                .channelFactory(channels)
                .resolver(resolver)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeoutMillis))
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        ChannelPipeline pipeline = channel.pipeline();
                        if (origin.tls()) {
                            pipeline.addLast(tls.newHandler(channel.alloc(), origin.host(), origin.port()));
                        }
                        pipeline.addLast(new HttpClientCodec(new HttpDecoderConfig().setMaxHeaderSize(MAX_HEAD), false, false),
                                new IdleStateHandler(0, 0, keepAliveMillis, TimeUnit.MILLISECONDS),
                                connection);
                    }
                })
                .connect(origin.host(), origin.port());
        connecting.addListener(connected -> context.emit(ignored ->
                then.accept(connected.isSuccess() ? connection : null, connected.cause())));
        return connecting.channel();
    }
}
