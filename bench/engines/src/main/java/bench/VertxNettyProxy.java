package bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.buffer.Unpooled;
import io.netty.util.concurrent.FastThreadLocal;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.transport.Transport;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Vert.x's HTTP server in front of a hand-written Netty client on the same event loop: upstream
 * connections pooled per loop, small answers aggregated and sent in one write. Headers copied both ways.
 * Args: listen-port upstream-port [event loops, default 2 per core]. The system property
 * {@code bench.transport=io_uring} swaps epoll for io_uring.
 */
public final class VertxNettyProxy {

    private static final FastThreadLocal<ArrayDeque<Channel>> IDLE = new FastThreadLocal<>() {
        @Override
        protected ArrayDeque<Channel> initialValue() {
            return new ArrayDeque<>();
        }
    };

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        int upstreamPort = Integer.parseInt(args[1]);
        VertxOptions options = new VertxOptions().setPreferNativeTransport(true);
        if (args.length > 2) {
            options.setEventLoopPoolSize(Integer.parseInt(args[2]));
        }
        boolean ioUring = "io_uring".equals(System.getProperty("bench.transport"));
        Vertx vertx = Vertx.builder().with(options).withTransport(ioUring ? Transport.IO_URING : Transport.EPOLL).build();
        Bootstrap upstream = new Bootstrap().channel(ioUring ? IoUringSocketChannel.class : EpollSocketChannel.class).option(ChannelOption.TCP_NODELAY, true)
                .remoteAddress("127.0.0.1", upstreamPort)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(64 * 1024), new Backend());
                    }
                });
        vertx.createHttpServer(new HttpServerOptions()).requestHandler(request -> {
            EventLoop loop = ((ContextInternal) vertx.getOrCreateContext()).nettyEventLoop();
            DefaultFullHttpRequest out = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1,
                    HttpMethod.valueOf(request.method().name()), request.uri(), Unpooled.EMPTY_BUFFER);
            for (Map.Entry<String, String> header : request.headers()) {
                out.headers().add(header.getKey(), header.getValue());
            }
            out.headers().set(HttpHeaderNames.HOST, "127.0.0.1");
            Consumer<FullHttpResponse> answer = in -> {
                var response = request.response().setStatusCode(in.status().code());
                MultiMap headers = response.headers();
                for (Map.Entry<String, String> header : in.headers()) {
                    headers.add(header.getKey(), header.getValue());
                }
                response.end(BufferInternal.buffer(in.content().retain()));
            };
            Channel idle = IDLE.get().pollLast();
            if (idle != null && idle.isActive()) {
                send(idle, out, answer, request);
            } else {
                upstream.clone(loop).connect().addListener(f -> {
                    if (f.isSuccess()) {
                        send(((io.netty.channel.ChannelFuture) f).channel(), out, answer, request);
                    } else {
                        request.response().setStatusCode(502).end();
                    }
                });
            }
        }).listen(port, "127.0.0.1").await();
    }

    private static void send(Channel channel, DefaultFullHttpRequest out, Consumer<FullHttpResponse> answer,
                             HttpServerRequest request) {
        channel.pipeline().get(Backend.class).answer = answer;
        channel.writeAndFlush(out);
    }

    static final class Backend extends SimpleChannelInboundHandler<FullHttpResponse> {
        Consumer<FullHttpResponse> answer;

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse msg) {
            Consumer<FullHttpResponse> target = answer;
            answer = null;
            IDLE.get().addLast(ctx.channel());
            if (target != null) {
                target.accept(msg);
            }
        }
    }
}
