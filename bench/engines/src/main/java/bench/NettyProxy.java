package bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The bare Netty proxy: upstream connections pooled per event loop (no locks, no hand-off), HTTP objects
 * relayed as they come, one flush per read batch. Args: listen-port upstream-port [event loops, default 2 per core].
 * The system property {@code bench.transport=io_uring} swaps epoll for io_uring.
 */
public final class NettyProxy {

    private static final FastThreadLocal<ArrayDeque<Channel>> IDLE = new FastThreadLocal<>() {
        @Override
        protected ArrayDeque<Channel> initialValue() {
            return new ArrayDeque<>();
        }
    };

    public static void main(String[] args) throws InterruptedException {
        int port = Integer.parseInt(args[0]);
        int upstreamPort = Integer.parseInt(args[1]);
        boolean ioUring = "io_uring".equals(System.getProperty("bench.transport"));
        IoHandlerFactory handler = ioUring ? IoUringIoHandler.newFactory() : EpollIoHandler.newFactory();
        Class<? extends Channel> client = ioUring ? IoUringSocketChannel.class : EpollSocketChannel.class;
        Class<? extends ServerChannel> server = ioUring ? IoUringServerSocketChannel.class : EpollServerSocketChannel.class;
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(args.length > 2 ? Integer.parseInt(args[2]) : 0, handler);
        Bootstrap upstream = new Bootstrap().channel(client).option(ChannelOption.TCP_NODELAY, true)
                .remoteAddress("127.0.0.1", upstreamPort)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new Backend());
                    }
                });
        new ServerBootstrap().group(group).channel(server)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new Frontend(upstream));
                    }
                })
                .bind("127.0.0.1", port).sync().channel().closeFuture().sync();
    }

    /** Relays a client's requests to a pooled upstream connection of the same event loop. */
    static final class Frontend extends ChannelInboundHandlerAdapter {
        private final Bootstrap upstream;
        private Channel backend;
        private List<Object> pending;

        Frontend(Bootstrap upstream) {
            this.upstream = upstream;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest request) {
                request.headers().set(HttpHeaderNames.HOST, "127.0.0.1");
                acquire(ctx);
            }
            if (backend != null && backend.isActive()) {
                backend.write(msg);
            } else {
                pending.add(msg);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            if (backend != null && backend.isActive()) {
                backend.flush();
            }
        }

        private void acquire(ChannelHandlerContext ctx) {
            EventLoop loop = ctx.channel().eventLoop();
            ArrayDeque<Channel> idle = IDLE.get();
            Channel channel;
            while ((channel = idle.pollLast()) != null) {
                if (channel.isActive()) {
                    bind(channel, ctx.channel());
                    return;
                }
            }
            backend = null;
            pending = new ArrayList<>();
            ChannelFuture connect = upstream.clone(loop).connect();
            connect.addListener(f -> {
                if (!f.isSuccess()) {
                    pending.forEach(ReferenceCountUtil::release);
                    ctx.close();
                    return;
                }
                bind(connect.channel(), ctx.channel());
                pending.forEach(backend::write);
                pending = null;
                backend.flush();
            });
        }

        private void bind(Channel channel, Channel client) {
            backend = channel;
            channel.pipeline().get(Backend.class).client = client;
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (backend != null) {
                backend.close();
            }
        }
    }

    /** Relays the upstream's answer to the client, then returns the connection to its loop's pool. */
    static final class Backend extends ChannelInboundHandlerAdapter {
        Channel client;
        private Channel unflushed;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            Channel target = client;
            if (target == null) {
                ReferenceCountUtil.release(msg);
                return;
            }
            target.write(msg);
            unflushed = target;
            if (msg instanceof LastHttpContent) {
                client = null;
                IDLE.get().addLast(ctx.channel());
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            if (unflushed != null) {
                unflushed.flush();
                unflushed = null;
            }
        }
    }
}
