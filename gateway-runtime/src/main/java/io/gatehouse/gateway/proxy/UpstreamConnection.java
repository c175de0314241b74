package io.gatehouse.gateway.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.vertx.core.internal.ContextInternal;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * One keep-alive HTTP/1.1 connection to an upstream, carrying one call at a time on its event loop. It
 * reports the answer to the call, fails the call when the upstream stays silent for the call's response
 * timeout or closes the connection first, and goes back to its pool once an answer has been read whole,
 * the request was sent whole, and neither side asked to close.
 */
final class UpstreamConnection extends ChannelInboundHandlerAdapter {

    private final OriginPool pool;
    private Channel channel;
    private UpstreamCall call;
    private ContextInternal context;
    private long responseTimeoutNanos;
    private ScheduledFuture<?> timeout;
    private long timeoutCheckAt;
    private long lastActivity;
    private boolean answering;
    private boolean requestSent;
    private boolean keepAlive;

    UpstreamConnection(OriginPool pool) {
        this.pool = pool;
    }

    boolean reusable() {
        return call == null && channel.isActive();
    }

    /**
     * Takes {@code call}, whose events are reported within {@code context} (of this connection's event loop);
     * the answer is awaited for at most {@code responseTimeoutMillis} of silence.
     */
    void start(UpstreamCall call, ContextInternal context, long responseTimeoutMillis) {
        this.call = call;
        this.context = context;
        this.answering = false;
        this.requestSent = false;
        this.keepAlive = true;
        this.responseTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(responseTimeoutMillis);
        this.lastActivity = System.nanoTime();
        long deadline = lastActivity + responseTimeoutNanos;
        if (timeout == null || timeoutCheckAt - deadline > 0) { // no check pending, or one that would come too late
            cancelTimeout();
            scheduleTimeoutCheck(responseTimeoutNanos);
        }
    }

    /** Writes a part of the request; {@code last} marks it sent whole. */
    void send(HttpObject part, boolean last) {
        lastActivity = System.nanoTime();
        requestSent |= last;
        channel.writeAndFlush(part, channel.voidPromise());
    }

    void autoRead(boolean on) {
        channel.config().setAutoRead(on);
    }

    /** Gives up the call: the connection is closed, and the call hears nothing more. */
    void abandon() {
        call = null;
        cancelTimeout();
        channel.close();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        UpstreamCall current = call;
        if (current == null) {
            ReferenceCountUtil.release(message); // nothing was asked: an answer out of turn
            ctx.close();
            return;
        }
        lastActivity = System.nanoTime();
        ContextInternal previous = context.beginDispatch();
        try {
            read(current, message);
        } finally {
            context.endDispatch(previous);
        }
    }

    private void read(UpstreamCall current, Object message) {
        if (message instanceof HttpResponse head) {
            if (head.status().codeClass() == HttpStatusClass.INFORMATIONAL) {
                return; // its end comes as an empty LastHttpContent, skipped below
            }
            answering = true;
            keepAlive = HttpUtil.isKeepAlive(head);
            current.head(head);
        }
        if (message instanceof HttpContent content) {
            if (!answering) {
                content.release();
                return;
            }
            boolean last = content instanceof LastHttpContent;
            if (last) {
                finish();
            }
            current.content(content.content(), last);
        }
    }

    private void finish() {
        call = null; // the pending timeout check stays: it finds no call, or the connection's next one
        if (keepAlive && requestSent && channel.isActive()) {
            channel.config().setAutoRead(true); // its call may have held back reading
            pool.release(this);
        } else {
            channel.close();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        UpstreamCall current = call;
        if (current != null) {
            ContextInternal previous = context.beginDispatch();
            try {
                current.writable(ctx.channel().isWritable());
            } finally {
                context.endDispatch(previous);
            }
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        fail(new UpstreamClosedException(answering));
    }

    /** A connection reset reads as the upstream closing it, so that a call it never answered may be tried again. */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable error) {
        fail(error instanceof IOException && !(error instanceof SSLException) ? new UpstreamClosedException(answering) : error);
        ctx.close();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent && call == null) {
            ctx.close(); // idle in the pool for the keep-alive timeout
        }
    }

    /**
     * One check per connection is pending at most, not one per call: it fails the call that has been
     * silent for its timeout, or looks again when that call's silence would reach it.
     */
    private void checkTimeout() {
        timeout = null;
        if (call == null) {
            return;
        }
        long silent = System.nanoTime() - lastActivity;
        if (silent >= responseTimeoutNanos) {
            fail(new TimeoutException("no answer from the upstream within " + responseTimeoutNanos / 1_000_000 + " ms"));
            channel.close();
        } else {
            scheduleTimeoutCheck(responseTimeoutNanos - silent);
        }
    }

    private void scheduleTimeoutCheck(long delayNanos) {
        timeoutCheckAt = System.nanoTime() + delayNanos;
        timeout = channel.eventLoop().schedule(this::checkTimeout, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void fail(Throwable error) {
        UpstreamCall current = call;
        call = null;
        cancelTimeout();
        if (current != null) {
            ContextInternal previous = context.beginDispatch();
            try {
                current.failed(error);
            } finally {
                context.endDispatch(previous);
            }
        }
    }

    private void cancelTimeout() {
        if (timeout != null) {
            timeout.cancel(false);
            timeout = null;
        }
    }
}
